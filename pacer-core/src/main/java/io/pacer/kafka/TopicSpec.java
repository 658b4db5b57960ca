package io.pacer.kafka;

import io.pacer.internal.Check;
import java.util.Map;

/**
 * A topic to create (or to find, when it exists already).
 *
 * @param name              a legal Kafka topic name
 * @param partitions        partitions of the new topic, 1..{@value #MAX_PARTITIONS}
 * @param replicationFactor replicas of each partition, or {@link #BROKER_DEFAULT} for the cluster's
 *                          {@code default.replication.factor}
 * @param configs           topic configs such as {@code cleanup.policy}; empty for the cluster's defaults
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    /** {@link #replicationFactor()}: the cluster's {@code default.replication.factor}. */
    public static final short BROKER_DEFAULT = -1;

    public static final int MAX_PARTITIONS = 10_000;

    public TopicSpec {
        Check.topicName("topic", name);
        Check.range("partitions", partitions, 1, MAX_PARTITIONS);
        Check.that(
                replicationFactor == BROKER_DEFAULT || replicationFactor >= 1,
                "replicationFactor",
                ">= 1, or " + BROKER_DEFAULT + " for the cluster's default",
                replicationFactor);
        configs = Check.stringMap("configs", configs);
    }

    /** {@code partitions} partitions, the cluster's default replication and configs. */
    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, BROKER_DEFAULT, Map.of());
    }

    public TopicSpec withReplicationFactor(short newReplicationFactor) {
        return new TopicSpec(name, partitions, newReplicationFactor, configs);
    }

    public TopicSpec withConfigs(Map<String, String> newConfigs) {
        return new TopicSpec(name, partitions, replicationFactor, newConfigs);
    }
}
