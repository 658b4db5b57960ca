package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The balance and disk rules over a {@link ClusterSnapshot}: leaders and bytes spread unevenly over brokers, one
 * partition of a topic far larger than the others (a hot key), log directories running out of space, and retention
 * that does not fit the disks. Sizes come from {@code describeLogDirs}; a rule whose sizes are unknown says nothing.
 *
 * @param minBrokerSkewBytes the smallest byte difference between brokers worth a finding
 * @param minPartitionSkewBytes the smallest excess of a topic's largest partition over its mean worth a finding
 */
record ClusterBalanceRules(long minBrokerSkewBytes, long minPartitionSkewBytes) implements ReadinessCheck {

    static final String LEADER_SKEW = "cluster.leader-skew";
    static final String SIZE_SKEW = "cluster.size-skew";
    static final String PARTITION_SKEW = "cluster.partition-skew";
    static final String LOG_DIR_SPACE = "cluster.log-dir-space";
    static final String RETENTION_EXCEEDS_DISK = "cluster.retention-exceeds-disk";
    static final String RETENTION_BY_TIME = "cluster.retention-by-time-only";

    /** Below 1 GiB between brokers, an imbalance is noise of a young cluster. */
    static final long DEFAULT_MIN_BROKER_SKEW_BYTES = 1L << 30;

    /** Below 64 MiB over the mean, a large partition is not yet a hot spot. */
    static final long DEFAULT_MIN_PARTITION_SKEW_BYTES = 64L << 20;

    /** The busiest broker holding more than this multiple of the mean is skewed. */
    static final double SKEW_RATIO = 1.5;

    /** A partition holding more than this multiple of its topic's mean is a hot spot. */
    static final double PARTITION_SKEW_RATIO = 2.0;

    /** Free space below these fractions of a log directory: critical, and worth a warning. */
    static final double DISK_CRITICAL = 0.10;

    static final double DISK_LOW = 0.25;

    /** Retention that must fit in this fraction of the disk leaves room for segments being rolled and compaction. */
    static final double DISK_BUDGET = 0.8;

    ClusterBalanceRules() {
        this(DEFAULT_MIN_BROKER_SKEW_BYTES, DEFAULT_MIN_PARTITION_SKEW_BYTES);
    }

    @Override
    public Category category() {
        return Category.CLUSTER;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(
                LEADER_SKEW, SIZE_SKEW, PARTITION_SKEW, LOG_DIR_SPACE, RETENTION_EXCEEDS_DISK, RETENTION_BY_TIME);
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
        List<ClusterSnapshot.Topic> topics = ClusterRules.focused(cluster, input.topics());
        List<Finding> findings = new ArrayList<>();
        leaders(cluster, topics, env, findings);
        sizes(cluster, topics, env, findings);
        topics.forEach(t -> hotPartition(cluster, t, env, findings));
        logDirs(cluster, env, findings);
        retention(cluster, topics, env, findings);
        return findings;
    }

    private static void leaders(
            ClusterSnapshot cluster, List<ClusterSnapshot.Topic> topics, Environment env, List<Finding> findings) {
        if (cluster.brokers().size() < 2) {
            return;
        }
        Map<Integer, Long> leaders = perBroker(cluster);
        Map<Integer, Long> preferred = perBroker(cluster);
        for (ClusterSnapshot.Topic t : topics) {
            for (ClusterSnapshot.Partition p : t.partitions()) {
                if (p.leader() >= 0) {
                    leaders.merge(p.leader(), 1L, Long::sum);
                }
                if (!p.replicas().isEmpty()) {
                    preferred.merge(p.replicas().get(0), 1L, Long::sum);
                }
            }
        }
        if (!skewed(leaders, 2)) {
            return;
        }
        findings.add(new Finding(
                LEADER_SKEW,
                Category.CLUSTER,
                Severities.WARN.in(env),
                "partition leaders are spread unevenly over the brokers",
                evidence(leaders, n -> n + " leader(s)"),
                "Leaders take every produce and fetch request of their partitions: the broker with the most does"
                        + " most of the work and sets the cluster's latency and throughput.",
                skewed(preferred, 2)
                        ? "the preferred leaders themselves are uneven: move replicas, e.g. "
                                + Reassignments.rebalance(
                                        cluster,
                                        topics.stream()
                                                .map(ClusterSnapshot.Topic::name)
                                                .toList())
                        : "the preferred leaders are even, so a preferred-leader election fixes it"
                                + " (and auto.leader.rebalance.enable=true keeps it so): kafka-leader-election.sh"
                                + " --bootstrap-server " + cluster.bootstrap()
                                + " --election-type PREFERRED --all-topic-partitions"));
    }

    private void sizes(
            ClusterSnapshot cluster, List<ClusterSnapshot.Topic> topics, Environment env, List<Finding> findings) {
        if (cluster.brokers().size() < 2) {
            return;
        }
        Map<Integer, Long> bytes = perBroker(cluster);
        for (ClusterSnapshot.Topic t : topics) {
            for (ClusterSnapshot.Partition p : t.partitions()) {
                if (p.sizeBytes() < 0) {
                    return; // sizes unknown: no verdict
                }
                p.replicas().forEach(b -> bytes.merge(b, p.sizeBytes(), Long::sum));
            }
        }
        if (!skewed(bytes, minBrokerSkewBytes)) {
            return;
        }
        List<String> largest = topics.stream()
                .sorted(Comparator.comparingLong(ClusterBalanceRules::size).reversed())
                .limit(5)
                .map(ClusterSnapshot.Topic::name)
                .toList();
        findings.add(new Finding(
                SIZE_SKEW,
                Category.CLUSTER,
                Severities.WARN.in(env),
                "data is spread unevenly over the brokers",
                evidence(bytes, Bytes::format),
                "The fullest broker runs out of disk first and serves the most reads from disk; the others' space"
                        + " is wasted.",
                "move replicas of the largest topics " + largest + ": " + Reassignments.rebalance(cluster, largest)));
    }

    private void hotPartition(ClusterSnapshot cluster, ClusterSnapshot.Topic t, Environment env, List<Finding> out) {
        List<ClusterSnapshot.Partition> ps = t.partitions();
        if (ps.size() < 2 || ps.stream().anyMatch(p -> p.sizeBytes() < 0)) {
            return;
        }
        double mean = size(t) / (double) ps.size();
        ClusterSnapshot.Partition hot = ps.stream()
                .max(Comparator.comparingLong(ClusterSnapshot.Partition::sizeBytes))
                .orElseThrow();
        if (hot.sizeBytes() <= PARTITION_SKEW_RATIO * mean || hot.sizeBytes() - mean < minPartitionSkewBytes) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(
                Bytes.format(hot.sizeBytes()) + ", "
                        + String.format(java.util.Locale.ROOT, "%.1f", hot.sizeBytes() / mean)
                        + "x the topic's mean of " + Bytes.format((long) mean),
                "partition " + t.name() + "-" + hot.partition()));
        ps.stream()
                .filter(p -> p != hot)
                .limit(5)
                .forEach(p -> evidence.add(
                        new Evidence(Bytes.format(p.sizeBytes()), "partition " + t.name() + "-" + p.partition())));
        out.add(new Finding(
                PARTITION_SKEW,
                Category.CLUSTER,
                Severities.WARN.in(env),
                "partition " + t.name() + "-" + hot.partition() + " holds far more data than the others",
                evidence,
                "Records go to a partition by their key's hash: a few hot keys load one partition, its leader"
                        + " and the one consumer reading it, while adding partitions or consumers does not help.",
                "key by a field with more distinct values, or salt the hot keys (key + \"-\" + n, merged when"
                        + " read); unkeyed records need no partitioner.class: the default spreads them"));
    }

    private static void logDirs(ClusterSnapshot cluster, Environment env, List<Finding> findings) {
        for (ClusterSnapshot.Broker b : cluster.brokers()) {
            for (Map.Entry<String, Long> dir : new TreeMap<>(b.logDirBytesFree()).entrySet()) {
                Long total = b.logDirBytesTotal().get(dir.getKey());
                if (total == null || total <= 0) {
                    continue;
                }
                double free = dir.getValue() / (double) total;
                if (free >= DISK_LOW) {
                    continue;
                }
                boolean critical = free < DISK_CRITICAL;
                findings.add(new Finding(
                        LOG_DIR_SPACE,
                        Category.CLUSTER,
                        (critical ? Severities.GRADED : Severities.WARN).in(env),
                        "log directory " + dir.getKey() + " of broker " + b.id() + " is " + Math.round(100 - free * 100)
                                + "% full",
                        List.of(new Evidence(
                                Bytes.format(dir.getValue()) + " free of " + Bytes.format(total),
                                "broker " + b.id() + " " + dir.getKey())),
                        "A broker whose log directory fills up takes the directory offline (and with a single"
                                + " directory, stops): its partitions go to other brokers or become unavailable.",
                        "add disk or lower retention of the largest topics there; see them with"
                                + " kafka-log-dirs.sh --bootstrap-server " + cluster.bootstrap()
                                + " --describe --broker-list " + b.id()));
            }
        }
    }

    private static void retention(
            ClusterSnapshot cluster, List<ClusterSnapshot.Topic> topics, Environment env, List<Finding> findings) {
        Map<Integer, ClusterSnapshot.Broker> brokers = new TreeMap<>();
        cluster.brokers().forEach(b -> brokers.put(b.id(), b));
        Map<Integer, Long> retained = new TreeMap<>();
        Map<Integer, Long> segments = new TreeMap<>();
        Map<Integer, Long> held = new TreeMap<>();
        Map<String, Long> perReplica = new TreeMap<>();
        Map<Integer, java.util.Set<String>> topicsOn = new TreeMap<>();
        List<Evidence> byTime = new ArrayList<>();
        for (ClusterSnapshot.Topic t : topics) {
            long retentionBytes = longConfig(t, "retention.bytes", -1);
            long segmentBytes = Math.max(0, longConfig(t, "segment.bytes", 0));
            String cleanup = t.configs().getOrDefault("cleanup.policy", "delete");
            if (!cleanup.contains("delete") || !t.configs().containsKey("retention.bytes")) {
                continue; // compacted only (bounded by its keys, not by retention), or retention unknown
            }
            if (retentionBytes < 0) {
                byTime.add(new Evidence(
                        "retention.bytes=-1, retention.ms=" + t.configs().getOrDefault("retention.ms", "?") + ", "
                                + Bytes.format(size(t)) + " now",
                        "topic " + t.name()));
                continue;
            }
            perReplica.put(t.name(), retentionBytes);
            for (ClusterSnapshot.Partition p : t.partitions()) {
                for (int b : p.replicas()) {
                    retained.merge(b, retentionBytes, Long::sum);
                    topicsOn.computeIfAbsent(b, k -> new java.util.TreeSet<>()).add(t.name());
                    // a log outgrows retention.bytes by up to one segment: only whole closed segments are deleted
                    segments.merge(b, segmentBytes, Long::sum);
                    held.merge(b, Math.max(0, p.sizeBytes()), Long::sum);
                }
            }
        }
        for (Map.Entry<Integer, Long> e : retained.entrySet()) {
            ClusterSnapshot.Broker b = brokers.get(e.getKey());
            if (b == null || b.logDirBytesFree().isEmpty()) {
                continue;
            }
            long free = b.logDirBytesFree().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            long capacity = free + held.getOrDefault(e.getKey(), 0L);
            long segmentSlack = segments.getOrDefault(e.getKey(), 0L);
            long bound = e.getValue() + segmentSlack;
            double budget = DISK_BUDGET * capacity;
            if (bound <= budget) {
                continue;
            }
            findings.add(new Finding(
                    RETENTION_EXCEEDS_DISK,
                    Category.CLUSTER,
                    Severities.GRADED.in(env),
                    "retention on broker " + b.id() + " allows more data than its disks hold",
                    List.of(
                            new Evidence(
                                    "retention.bytes of its replicas sum to " + Bytes.format(e.getValue()) + ", plus "
                                            + Bytes.format(segmentSlack) + " of active segments",
                                    "broker " + b.id()),
                            new Evidence(
                                    Bytes.format(free) + " free + " + Bytes.format(held.getOrDefault(e.getKey(), 0L))
                                            + " held by those replicas",
                                    "broker " + b.id() + " log directories")),
                    "Retention is what the topics are allowed to keep: when they reach it, the log directory"
                            + " fills before anything is deleted and the broker stops taking writes.",
                    retentionFix(
                            cluster, perReplica, topicsOn.get(e.getKey()), (budget - segmentSlack) / e.getValue())));
        }
        if (!byTime.isEmpty()) {
            findings.add(new Finding(
                    RETENTION_BY_TIME,
                    Category.CLUSTER,
                    Severity.INFO,
                    byTime.size() + " topic(s) are bounded by time only; their disk use depends on bytes-in",
                    ClusterRules.first(byTime),
                    "A snapshot does not show the bytes-in rate, so whether retention.ms fits the disk cannot be"
                            + " judged here: the disk needs bytes-in × retention.ms per replica.",
                    "bound them by size as well, e.g. "
                            + ClusterRules.alterTopic(
                                    cluster,
                                    byTime.get(0).where().substring("topic ".length()),
                                    "retention.bytes=10737418240")
                            + "   (10 GiB per partition; choose from your disk and partition count)"));
        }
    }

    /**
     * Every bounded topic's retention.bytes scaled by {@code scale}, so that the retention and the active segments
     * fit {@link #DISK_BUDGET} of the disk; when the segments alone do not fit, only disk helps.
     */
    private static String retentionFix(
            ClusterSnapshot cluster, Map<String, Long> perReplica, java.util.Set<String> topics, double scale) {
        if (scale <= 0) {
            return "add disk, or lower segment.bytes: the active segments alone exceed " + Math.round(DISK_BUDGET * 100)
                    + "% of the disk";
        }
        List<String> fixes = new ArrayList<>();
        topics.forEach(topic -> fixes.add(ClusterRules.alterTopic(
                cluster, topic, "retention.bytes=" + (long) Math.floor(perReplica.get(topic) * scale))));
        return String.join(" && ", fixes) + "   (or add disk)";
    }

    private static Map<Integer, Long> perBroker(ClusterSnapshot cluster) {
        Map<Integer, Long> counts = new TreeMap<>();
        cluster.brokers().forEach(b -> counts.put(b.id(), 0L));
        return counts;
    }

    /** The busiest more than {@link #SKEW_RATIO} times the mean, and at least {@code minDifference} above the least. */
    private static boolean skewed(Map<Integer, Long> perBroker, long minDifference) {
        long max = perBroker.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long min = perBroker.values().stream().mapToLong(Long::longValue).min().orElse(0);
        double mean =
                perBroker.values().stream().mapToLong(Long::longValue).average().orElse(0);
        return max > SKEW_RATIO * mean && max - min >= minDifference;
    }

    private static List<Evidence> evidence(Map<Integer, Long> perBroker, java.util.function.LongFunction<String> f) {
        return perBroker.entrySet().stream()
                .map(e -> new Evidence(f.apply(e.getValue()), "broker " + e.getKey()))
                .toList();
    }

    private static long size(ClusterSnapshot.Topic t) {
        return t.partitions().stream()
                .mapToLong(p -> Math.max(0, p.sizeBytes()))
                .sum();
    }

    private static long longConfig(ClusterSnapshot.Topic t, String key, long otherwise) {
        try {
            return Long.parseLong(t.configs().getOrDefault(key, "").trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
