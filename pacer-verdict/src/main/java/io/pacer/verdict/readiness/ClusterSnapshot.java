package io.pacer.verdict.readiness;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What AdminClient read from a live cluster, once, so every cluster rule judges the same moment. Read by the
 * cluster reader; rules never talk to the cluster themselves (which keeps them testable on plain data).
 *
 * @param bootstrap the bootstrap servers it was read from
 * @param brokers the brokers with their configs
 * @param topics the topics with their configs and partition placement
 * @param groups the consumer groups with their members
 */
public record ClusterSnapshot(String bootstrap, List<Broker> brokers, List<Topic> topics, List<Group> groups) {

    public ClusterSnapshot {
        Objects.requireNonNull(bootstrap, "bootstrap");
        brokers = List.copyOf(brokers);
        topics = List.copyOf(topics);
        groups = List.copyOf(groups);
    }

    /**
     * One broker.
     *
     * @param id the broker id
     * @param host its advertised host
     * @param configs its effective configs (listeners, security, log dirs, …)
     * @param logDirBytesFree free bytes per log directory, when the broker reported them
     * @param logDirBytesTotal total bytes per log directory, when the broker reported them
     */
    public record Broker(
            int id,
            String host,
            Map<String, String> configs,
            Map<String, Long> logDirBytesFree,
            Map<String, Long> logDirBytesTotal) {

        public Broker {
            configs = Map.copyOf(configs);
            logDirBytesFree = Map.copyOf(logDirBytesFree);
            logDirBytesTotal = Map.copyOf(logDirBytesTotal);
        }
    }

    /**
     * One topic.
     *
     * @param name the topic
     * @param configs its effective configs
     * @param partitions its partitions
     */
    public record Topic(String name, Map<String, String> configs, List<Partition> partitions) {

        public Topic {
            Objects.requireNonNull(name, "name");
            configs = Map.copyOf(configs);
            partitions = List.copyOf(partitions);
        }

        /** The replication factor (of the first partition; Kafka keeps it uniform per topic). */
        public int replicationFactor() {
            return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
        }
    }

    /**
     * One partition's placement.
     *
     * @param partition the partition number
     * @param leader the leader's broker id, or -1 when it has none
     * @param replicas the replica broker ids
     * @param inSync the in-sync replica broker ids
     * @param sizeBytes the partition's size on its leader, or -1 when unknown
     */
    public record Partition(int partition, int leader, List<Integer> replicas, List<Integer> inSync, long sizeBytes) {

        public Partition {
            replicas = List.copyOf(replicas);
            inSync = List.copyOf(inSync);
        }
    }

    /**
     * One consumer group.
     *
     * @param groupId the group
     * @param state its state (Stable, Empty, …)
     * @param members the number of members
     * @param topics the topics its members are assigned or have committed offsets for
     * @param idleMembers members that were assigned no partition at all (they only cost a rebalance); -1 when
     *     unknown (the group is not stable, so assignments are in flux)
     */
    public record Group(String groupId, String state, int members, List<String> topics, int idleMembers) {

        public Group {
            Objects.requireNonNull(groupId, "groupId");
            topics = List.copyOf(topics);
        }

        /** A group whose idle members are unknown. */
        public Group(String groupId, String state, int members, List<String> topics) {
            this(groupId, state, members, topics, -1);
        }
    }
}
