package io.pacer.verdict.readiness;

import java.util.List;
import java.util.Optional;

/**
 * The producer's settings against the topics it writes to, when a cluster snapshot is present: {@code acks=all}
 * means "all in-sync replicas", so it is only as durable as each topic's {@code min.insync.replicas} — and the
 * broker caps that at the topic's replication factor (Kafka 4.x acknowledges an {@code acks=all} write to a
 * replication-1 topic with {@code min.insync.replicas=2}; the contract test shows it), so the minimum that counts is
 * the smaller of the two.
 */
final class ProducerTopicChecks {

    /** Kafka's default for {@code min.insync.replicas} when neither the topic nor the broker sets it. */
    static final int DEFAULT_MIN_INSYNC_REPLICAS = 1;

    private ProducerTopicChecks() {}

    static void minInsyncReplicas(ClientSettings s, ReadinessInput input, Rule rule, List<Finding> found) {
        ClusterSnapshot cluster = input.cluster();
        for (ClusterSnapshot.Topic topic : topics(input)) {
            Setting minIsr = minInsyncReplicas(cluster, topic);
            int replicas = topic.replicationFactor();
            int effective = Math.min(minIsr.value(), replicas);
            if (effective > 1) {
                continue;
            }
            String command = "kafka-configs.sh --bootstrap-server " + cluster.bootstrap()
                    + " --alter --entity-type topics --entity-name " + topic.name()
                    + " --add-config min.insync.replicas=2";
            String fix = replicas < 3
                    ? "First raise the topic's replication factor to 3 (it is " + replicas
                            + "; kafka-reassign-partitions.sh), then:\n" + command
                    : command;
            found.add(rule.finding(
                    input.environment(),
                    "acks=all on topic " + topic.name() + " waits for " + effective
                            + " replica: one broker's loss can lose acknowledged records",
                    List.of(
                            s.evidence("acks"),
                            new Evidence("min.insync.replicas=" + minIsr.value(), minIsr.where()),
                            new Evidence("replication factor " + replicas, "topic " + topic.name())),
                    fix));
        }
    }

    /** The topics to judge: those named by {@code --topic}, else every topic that is not internal. */
    static List<ClusterSnapshot.Topic> topics(ReadinessInput input) {
        return input.cluster().topics().stream()
                .filter(t -> input.topics().isEmpty()
                        ? !t.name().startsWith("__")
                        : input.topics().contains(t.name()))
                .toList();
    }

    private record Setting(int value, String where) {}

    private static Setting minInsyncReplicas(ClusterSnapshot cluster, ClusterSnapshot.Topic topic) {
        String value = topic.configs().get("min.insync.replicas");
        if (value != null) {
            return new Setting(Integer.parseInt(value.trim()), "topic " + topic.name());
        }
        Optional<ClusterSnapshot.Broker> broker = cluster.brokers().stream()
                .filter(b -> b.configs().containsKey("min.insync.replicas"))
                .findFirst();
        if (broker.isPresent()) {
            return new Setting(
                    Integer.parseInt(
                            broker.get().configs().get("min.insync.replicas").trim()),
                    "broker " + broker.get().id() + " (topic " + topic.name() + " inherits it)");
        }
        return new Setting(DEFAULT_MIN_INSYNC_REPLICAS, "default (topic " + topic.name() + ")");
    }
}
