package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain cluster snapshots for rule tests: brokers, topics placed round-robin, groups. */
final class Snapshots {

    static final String BOOTSTRAP = "kafka-1:9092";

    private Snapshots() {}

    static ClusterSnapshot.Broker broker(int id) {
        return broker(id, Map.of());
    }

    static ClusterSnapshot.Broker broker(int id, Map<String, String> configs) {
        return new ClusterSnapshot.Broker(id, "kafka-" + id, configs, Map.of(), Map.of());
    }

    static ClusterSnapshot.Broker broker(int id, long free, long total) {
        return new ClusterSnapshot.Broker(
                id, "kafka-" + id, Map.of(), Map.of("/var/lib/kafka", free), Map.of("/var/lib/kafka", total));
    }

    /** {@code partitions} partitions of {@code rf} replicas on brokers 1..brokers, round-robin, all in sync. */
    static ClusterSnapshot.Topic topic(String name, int partitions, int rf, int brokers, Map<String, String> configs) {
        List<ClusterSnapshot.Partition> ps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            List<Integer> replicas = new ArrayList<>();
            for (int r = 0; r < rf; r++) {
                replicas.add(1 + (p + r) % brokers);
            }
            ps.add(new ClusterSnapshot.Partition(p, replicas.get(0), replicas, replicas, 0));
        }
        return new ClusterSnapshot.Topic(name, configs, ps);
    }

    static ClusterSnapshot.Topic withPartitions(ClusterSnapshot.Topic t, List<ClusterSnapshot.Partition> ps) {
        return new ClusterSnapshot.Topic(t.name(), t.configs(), ps);
    }

    static ClusterSnapshot cluster(List<ClusterSnapshot.Broker> brokers, List<ClusterSnapshot.Topic> topics) {
        return new ClusterSnapshot(BOOTSTRAP, brokers, topics, List.of());
    }

    static ClusterSnapshot cluster(
            List<ClusterSnapshot.Broker> brokers,
            List<ClusterSnapshot.Topic> topics,
            List<ClusterSnapshot.Group> groups) {
        return new ClusterSnapshot(BOOTSTRAP, brokers, topics, groups);
    }

    static List<ClusterSnapshot.Broker> brokers(int n) {
        List<ClusterSnapshot.Broker> brokers = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            brokers.add(broker(i));
        }
        return brokers;
    }

    static ReadinessInput input(Environment env, ClusterSnapshot cluster, List<String> topics) {
        return new ReadinessInput(env, null, null, cluster, null, null, topics, null, null);
    }

    static ReadinessInput input(Environment env, ClusterSnapshot cluster) {
        return input(env, cluster, List.of());
    }

    static ReadinessInput input(Environment env, ResourceSnapshot resources) {
        return new ReadinessInput(env, null, null, null, resources, null, List.of(), null, null);
    }

    static List<Finding> only(List<Finding> findings, String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }
}
