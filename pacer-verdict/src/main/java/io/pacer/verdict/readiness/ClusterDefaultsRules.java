package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster's own settings, whatever topics a run focuses on: what a topic gets when it is created without
 * settings (or created by accident, on first use), and the replication of the internal topics that hold consumer
 * offsets and transaction state.
 */
final class ClusterDefaultsRules implements ReadinessCheck {

    static final String AUTO_CREATE = "cluster.auto-create-topics";
    static final String WEAK_DEFAULTS = "cluster.weak-topic-defaults";
    static final String INTERNAL_REPLICATION = "cluster.internal-topic-replication";

    /** The internal topics whose loss costs every consumer group its offsets, or every transaction its state. */
    static final List<String> INTERNAL_TOPICS = List.of("__consumer_offsets", "__transaction_state");

    @Override
    public Category category() {
        return Category.CLUSTER;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(AUTO_CREATE, WEAK_DEFAULTS, INTERNAL_REPLICATION);
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return input.cluster() != null;
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        if (!applies(input)) {
            return List.of();
        }
        ClusterSnapshot cluster = input.cluster();
        Environment env = input.environment();
        List<Finding> findings = new ArrayList<>();
        List<Evidence> autoCreate = new ArrayList<>();
        List<Evidence> weak = new ArrayList<>();
        int brokers = cluster.brokers().size();
        int wanted = Math.min(ClusterRules.RECOMMENDED_REPLICATION, brokers);
        for (ClusterSnapshot.Broker b : cluster.brokers()) {
            Map<String, String> c = b.configs();
            String where = "broker " + b.id();
            if ("true".equalsIgnoreCase(c.get("auto.create.topics.enable"))) {
                autoCreate.add(new Evidence(
                        "auto.create.topics.enable=true, num.partitions=" + c.getOrDefault("num.partitions", "?"),
                        where));
            }
            int rf = number(c.get("default.replication.factor"));
            if (rf > 0 && rf < wanted) {
                weak.add(new Evidence("default.replication.factor=" + rf, where));
            }
            int minIsr = number(c.get("min.insync.replicas"));
            if (minIsr > 0 && minIsr < 2 && wanted >= 2) {
                weak.add(new Evidence("min.insync.replicas=" + minIsr, where));
            }
        }
        if (!autoCreate.isEmpty()) {
            findings.add(new Finding(
                    AUTO_CREATE,
                    Category.CLUSTER,
                    new Severities(Severity.WARNING, Severity.INFO, Severity.INFO).in(env),
                    "brokers create a topic the first time a client names it",
                    autoCreate,
                    "A misspelt topic name in a producer or consumer silently creates a new topic with the broker's"
                            + " defaults, and the records go there instead of failing.",
                    "auto.create.topics.enable=false in server.properties (rolling restart); create topics with"
                            + " kafka-topics.sh --bootstrap-server " + cluster.bootstrap() + " --create"));
        }
        if (!weak.isEmpty()) {
            findings.add(new Finding(
                    WEAK_DEFAULTS,
                    Category.CLUSTER,
                    Severities.WARN.in(env),
                    "topics created without settings get fewer replicas than the cluster can give",
                    weak,
                    "Every topic created without its own replication factor and min.insync.replicas — by a tool,"
                            + " a framework, auto-creation — inherits these defaults and with them the risk of"
                            + " losing acknowledged records.",
                    "kafka-configs.sh --bootstrap-server " + cluster.bootstrap() + " --entity-type brokers"
                            + " --entity-default --alter --add-config min.insync.replicas=2, and"
                            + " default.replication.factor=" + wanted + " in server.properties (rolling restart)"));
        }
        for (ClusterSnapshot.Topic t : cluster.topics()) {
            if (INTERNAL_TOPICS.contains(t.name()) && t.replicationFactor() < ClusterRules.RECOMMENDED_REPLICATION) {
                findings.add(new Finding(
                        INTERNAL_REPLICATION,
                        Category.CLUSTER,
                        (t.replicationFactor() == 1 ? Severities.GRADED : Severities.WARN).in(env),
                        "internal topic " + t.name() + " has replication factor " + t.replicationFactor(),
                        List.of(new Evidence(
                                "replication factor " + t.replicationFactor() + " ("
                                        + t.partitions().size() + " partitions) on a cluster of " + brokers
                                        + " broker(s)",
                                "topic " + t.name())),
                        t.name().equals("__consumer_offsets")
                                ? "Every consumer group's committed offsets live here: when a partition's only"
                                        + " broker is down its groups cannot commit or rejoin, and losing it sends"
                                        + " them back to auto.offset.reset."
                                : "Every transaction's state lives here: when a partition's only broker is down"
                                        + " transactional producers using it stop.",
                        Reassignments.raiseReplication(cluster, t, ClusterRules.RECOMMENDED_REPLICATION)
                                + "   (and offsets.topic.replication.factor=3,"
                                + " transaction.state.log.replication.factor=3 in server.properties)"));
            }
        }
        return findings;
    }

    private static int number(String value) {
        try {
            return value == null ? -1 : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
