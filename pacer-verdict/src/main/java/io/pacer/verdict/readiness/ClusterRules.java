package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The topic and consumer-group rules over a {@link ClusterSnapshot}: replication, {@code min.insync.replicas},
 * unclean leader election, partitions without a leader or with replicas out of sync, topics the focus names that do
 * not exist, and consumer groups with more (or far fewer) members than partitions. Balance and disk are
 * {@link ClusterBalanceRules}'. Each fix is the exact {@code kafka-configs.sh}, {@code kafka-topics.sh} or
 * {@code kafka-reassign-partitions.sh} command for the topic it names.
 */
final class ClusterRules implements ReadinessCheck {

    static final String REPLICATION_FACTOR = "cluster.replication-factor";
    static final String MIN_INSYNC = "cluster.min-insync-replicas";
    static final String MIN_INSYNC_UNREACHABLE = "cluster.min-insync-not-below-replication";
    static final String UNCLEAN = "cluster.unclean-leader-election";
    static final String OFFLINE = "cluster.offline-partitions";
    static final String UNDER_REPLICATED = "cluster.under-replicated-partitions";
    static final String TOPIC_MISSING = "cluster.topic-missing";
    static final String IDLE_CONSUMERS = "cluster.idle-consumers";
    static final String FEW_CONSUMERS = "cluster.few-consumers";

    /** The replication factor that survives one broker down while another is restarted. */
    static final int RECOMMENDED_REPLICATION = 3;

    /** Partitions per consumer from which a group is worth a note: it could scale out that far. */
    static final int FEW_CONSUMERS_RATIO = 4;

    @Override
    public Category category() {
        return Category.CLUSTER;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(
                REPLICATION_FACTOR,
                MIN_INSYNC,
                MIN_INSYNC_UNREACHABLE,
                UNCLEAN,
                OFFLINE,
                UNDER_REPLICATED,
                TOPIC_MISSING,
                IDLE_CONSUMERS,
                FEW_CONSUMERS);
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
        List<Finding> findings = new ArrayList<>(missing(cluster, input.topics(), env));
        for (ClusterSnapshot.Topic topic : focused(cluster, input.topics())) {
            replication(cluster, topic, env, findings);
            minInsync(cluster, topic, env, findings);
            unclean(cluster, topic, env, findings);
            placement(cluster, topic, env, findings);
        }
        groups(cluster, input.topics(), env, findings);
        return findings;
    }

    /**
     * The topics a run looks at: those named (that exist), or every topic but the internal ones and the quick
     * bench's own ({@link QuickBench#TOPIC}, which an earlier {@code --quick-bench} left behind).
     */
    static List<ClusterSnapshot.Topic> focused(ClusterSnapshot cluster, List<String> focus) {
        return cluster.topics().stream()
                .filter(t -> focus.isEmpty()
                        ? !t.name().startsWith("__") && !t.name().equals(QuickBench.TOPIC)
                        : focus.contains(t.name()))
                .toList();
    }

    /** {@code kafka-configs.sh … --alter --add-config key=value} for one topic. */
    static String alterTopic(ClusterSnapshot cluster, String topic, String setting) {
        return "kafka-configs.sh --bootstrap-server " + cluster.bootstrap() + " --entity-type topics --entity-name "
                + topic + " --alter --add-config " + setting;
    }

    static int intConfig(ClusterSnapshot.Topic topic, String key, int otherwise) {
        try {
            return Integer.parseInt(topic.configs().getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    private static List<Finding> missing(ClusterSnapshot cluster, List<String> focus, Environment env) {
        Set<String> existing =
                cluster.topics().stream().map(ClusterSnapshot.Topic::name).collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (String name : new LinkedHashSet<>(focus)) {
            if (!existing.contains(name)) {
                int replication = Math.min(
                        RECOMMENDED_REPLICATION, Math.max(1, cluster.brokers().size()));
                findings.add(new Finding(
                        TOPIC_MISSING,
                        Category.CLUSTER,
                        Severities.WARN.in(env),
                        "topic " + name + " does not exist",
                        List.of(new Evidence(
                                "topic " + name + " not found among "
                                        + cluster.topics().size() + " topics",
                                "cluster " + cluster.bootstrap())),
                        "A producer that writes to it either fails or, with auto.create.topics.enable, creates it"
                                + " with the broker's defaults (often one partition, replication 1).",
                        "kafka-topics.sh --bootstrap-server " + cluster.bootstrap() + " --create --topic " + name
                                + " --partitions 6 --replication-factor " + replication
                                + (replication >= 2 ? " --config min.insync.replicas=2" : "")));
            }
        }
        return findings;
    }

    private static void replication(
            ClusterSnapshot cluster, ClusterSnapshot.Topic topic, Environment env, List<Finding> findings) {
        int rf = topic.replicationFactor();
        if (rf >= RECOMMENDED_REPLICATION || topic.partitions().isEmpty()) {
            return;
        }
        Severities severities =
                rf == 1 ? Severities.GRADED : new Severities(Severity.WARNING, Severity.INFO, Severity.INFO);
        findings.add(new Finding(
                REPLICATION_FACTOR,
                Category.CLUSTER,
                severities.in(env),
                "topic " + topic.name() + " has replication factor " + rf,
                List.of(new Evidence(
                        "replication factor " + rf + " (" + topic.partitions().size() + " partitions)",
                        "topic " + topic.name())),
                rf == 1
                        ? "Each partition lives on one broker: losing that broker or its disk loses the data, and a"
                                + " restart makes the partition unavailable."
                        : "Two replicas survive one broker down, but not one down while another restarts; with"
                                + " min.insync.replicas=2 writes with acks=all then stop.",
                Reassignments.raiseReplication(cluster, topic, RECOMMENDED_REPLICATION)));
    }

    /**
     * {@code min.insync.replicas} as the broker applies it: since Kafka 3.7 the effective minimum is the smaller of
     * the setting and the replica count (KAFKA-21110); older brokers refuse every {@code acks=all} write when the
     * setting exceeds the replica count.
     */
    private static void minInsync(
            ClusterSnapshot cluster, ClusterSnapshot.Topic topic, Environment env, List<Finding> findings) {
        int rf = topic.replicationFactor();
        int minIsr = intConfig(topic, "min.insync.replicas", -1);
        if (minIsr < 0 || rf == 0) {
            return;
        }
        int effective = Math.min(minIsr, rf);
        Evidence seen =
                new Evidence("min.insync.replicas=" + minIsr + ", replication factor " + rf, "topic " + topic.name());
        if (minIsr >= rf && rf > 1) {
            int target = rf - 1;
            findings.add(new Finding(
                    MIN_INSYNC_UNREACHABLE,
                    Category.CLUSTER,
                    Severities.WARN.in(env),
                    "topic " + topic.name() + " needs every one of its " + rf + " replicas in sync for acks=all",
                    List.of(seen),
                    "Writes with acks=all fail (NotEnoughReplicasException) whenever any one replica falls behind"
                            + " or its broker restarts: every rolling restart stops them."
                            + (minIsr > rf
                                    ? " A setting above the replica count counts as the replica count (Kafka 3.7"
                                            + " and later); older brokers refuse every acks=all write."
                                    : ""),
                    alterTopic(cluster, topic.name(), "min.insync.replicas=" + target)
                            + "   (or raise the replication factor to " + (minIsr + 1) + ")"));
            return;
        }
        if (effective < 2) {
            String command = alterTopic(cluster, topic.name(), "min.insync.replicas=2");
            findings.add(new Finding(
                    MIN_INSYNC,
                    Category.CLUSTER,
                    Severities.GRADED.in(env),
                    "topic " + topic.name() + " acknowledges acks=all writes held by one replica",
                    List.of(seen),
                    "With an effective min.insync.replicas of 1 an acks=all write is acknowledged once the leader"
                            + " alone has it; if that broker fails before a follower copies it, the acknowledged"
                            + " write is lost."
                            + (minIsr > effective
                                    ? " The broker counts min.insync.replicas=" + minIsr + " as " + effective
                                            + ": the topic has no more replicas."
                                    : ""),
                    rf >= RECOMMENDED_REPLICATION
                            ? command
                            : "first raise the replication factor to " + RECOMMENDED_REPLICATION + " ("
                                    + REPLICATION_FACTOR + "), then: " + command));
        }
    }

    private static void unclean(
            ClusterSnapshot cluster, ClusterSnapshot.Topic topic, Environment env, List<Finding> findings) {
        if (!"true".equalsIgnoreCase(topic.configs().get("unclean.leader.election.enable"))) {
            return;
        }
        findings.add(new Finding(
                UNCLEAN,
                Category.CLUSTER,
                Severities.GRADED.in(env),
                "topic " + topic.name() + " may elect an out-of-sync leader",
                List.of(new Evidence("unclean.leader.election.enable=true", "topic " + topic.name())),
                "When every in-sync replica is gone, a replica that is behind becomes leader and the records it"
                        + " never received — acknowledged ones included — are silently truncated away.",
                alterTopic(cluster, topic.name(), "unclean.leader.election.enable=false")));
    }

    private static void placement(
            ClusterSnapshot cluster, ClusterSnapshot.Topic topic, Environment env, List<Finding> findings) {
        List<Evidence> offline = new ArrayList<>();
        List<Evidence> lagging = new ArrayList<>();
        boolean belowMinIsr = false;
        int minIsr = intConfig(topic, "min.insync.replicas", 1);
        for (ClusterSnapshot.Partition p : topic.partitions()) {
            String where = "partition " + topic.name() + "-" + p.partition();
            if (p.leader() < 0) {
                offline.add(new Evidence("no leader; replicas " + p.replicas(), where));
            } else if (p.inSync().size() < p.replicas().size()) {
                List<Integer> out = new ArrayList<>(p.replicas());
                out.removeAll(p.inSync());
                lagging.add(new Evidence(
                        "in sync " + p.inSync() + " of replicas " + p.replicas() + "; out of sync on broker(s) " + out,
                        where));
                belowMinIsr |= p.inSync().size() < minIsr;
            }
        }
        if (!offline.isEmpty()) {
            findings.add(new Finding(
                    OFFLINE,
                    Category.CLUSTER,
                    new Severities(Severity.CRITICAL, Severity.CRITICAL, Severity.WARNING).in(env),
                    offline.size() + " partition(s) of topic " + topic.name() + " have no leader",
                    first(offline),
                    "A partition without a leader takes no writes and serves no reads until one of its replicas"
                            + " comes back.",
                    "bring the replicas' brokers back; list such partitions with kafka-topics.sh --bootstrap-server "
                            + cluster.bootstrap() + " --describe --unavailable-partitions"));
        }
        if (!lagging.isEmpty()) {
            findings.add(new Finding(
                    UNDER_REPLICATED,
                    Category.CLUSTER,
                    (belowMinIsr ? Severities.GRADED : Severities.WARN).in(env),
                    lagging.size() + " partition(s) of topic " + topic.name() + " have replicas out of sync",
                    first(lagging),
                    belowMinIsr
                            ? "Fewer replicas are in sync than min.insync.replicas=" + minIsr
                                    + ": writes with acks=all are failing now."
                            : "A replica out of sync gives no protection: one more failure and the partition"
                                    + " is down to (or below) its last copy.",
                    "check the named brokers (disk, network, logs); list such partitions with kafka-topics.sh"
                            + " --bootstrap-server " + cluster.bootstrap() + " --describe"
                            + " --under-replicated-partitions"));
        }
    }

    private static void groups(ClusterSnapshot cluster, List<String> focus, Environment env, List<Finding> findings) {
        Map<String, ClusterSnapshot.Topic> topics =
                cluster.topics().stream().collect(Collectors.toMap(ClusterSnapshot.Topic::name, t -> t));
        for (ClusterSnapshot.Group group : cluster.groups()) {
            List<ClusterSnapshot.Topic> read = group.topics().stream()
                    .filter(topics::containsKey)
                    .map(topics::get)
                    .toList();
            boolean inFocus = focus.isEmpty() || read.stream().anyMatch(t -> focus.contains(t.name()));
            if (!inFocus || read.isEmpty() || group.members() == 0) {
                continue;
            }
            int partitions = read.stream().mapToInt(t -> t.partitions().size()).sum();
            int idle = group.idleMembers() >= 0 ? group.idleMembers() : Math.max(0, group.members() - partitions);
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence(
                    group.members() + " members, " + (group.idleMembers() >= 0 ? idle + " with no partition, " : "")
                            + "state " + group.state(),
                    "group " + group.groupId()));
            read.forEach(t -> evidence.add(new Evidence(t.partitions().size() + " partitions", "topic " + t.name())));
            ClusterSnapshot.Topic widest = read.stream()
                    .max(java.util.Comparator.comparingInt(t -> t.partitions().size()))
                    .orElseThrow();
            if (idle > 0) {
                findings.add(new Finding(
                        IDLE_CONSUMERS,
                        Category.CLUSTER,
                        Severities.WARN.in(env),
                        "group " + group.groupId() + " has " + idle + " idle consumer(s)",
                        evidence,
                        "A partition is read by one member of a group at a time: members beyond the partition"
                                + " count get nothing to do, yet still take part in every rebalance.",
                        "run at most " + partitions + " consumers in group " + group.groupId()
                                + ", or add partitions (this changes which partition a key goes to): "
                                + "kafka-topics.sh --bootstrap-server " + cluster.bootstrap() + " --alter --topic "
                                + widest.name() + " --partitions "
                                + (widest.partitions().size() + idle)));
            } else if (partitions >= FEW_CONSUMERS_RATIO * group.members() && partitions > group.members()) {
                findings.add(new Finding(
                        FEW_CONSUMERS,
                        Category.CLUSTER,
                        Severity.INFO,
                        "group " + group.groupId() + " has " + group.members() + " member(s) for " + partitions
                                + " partitions",
                        evidence,
                        "Each member reads about " + (partitions / group.members()) + " partitions; if the group"
                                + " lags, it can scale out to " + partitions + " members before partitions limit it.",
                        "scale group " + group.groupId() + " out (up to " + partitions
                                + " consumers) if its lag grows"));
            }
        }
    }

    /** At most ten pieces of evidence, and how many more there were. */
    static List<Evidence> first(List<Evidence> evidence) {
        if (evidence.size() <= 10) {
            return evidence;
        }
        List<Evidence> shown = new ArrayList<>(evidence.subList(0, 10));
        shown.add(new Evidence("and " + (evidence.size() - 10) + " more", "the same topic"));
        return shown;
    }
}
