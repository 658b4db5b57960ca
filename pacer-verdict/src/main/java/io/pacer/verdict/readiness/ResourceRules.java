package io.pacer.verdict.readiness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rules over a {@link ResourceSnapshot}: the heap against the memory it lives in, the collector and its recent
 * pauses, the CPU count, and the free space of log and data directories. A value the snapshot does not know (-1,
 * empty) silences the rule that needs it.
 */
final class ResourceRules implements ReadinessCheck {

    static final String HEAP_HEADROOM = "resources.heap-headroom";
    static final String HEAP_SMALL = "resources.heap-small";
    static final String GC_CHOICE = "resources.gc-choice";
    static final String GC_PAUSES = "resources.gc-pauses";
    static final String CPUS = "resources.cpu-count";
    static final String DISK_FREE = "resources.disk-free";

    /**
     * Heap above this share of the memory limit leaves too little for what lives outside it: metaspace, thread
     * stacks, direct buffers (Kafka clients' and Netty's), the code cache, the GC's own structures.
     */
    static final double HEAP_MAX_SHARE = 0.75;

    /** Heap at or above this share of the limit gets the process killed by the OOM killer before the heap is full. */
    static final double HEAP_CRITICAL_SHARE = 0.9;

    /** Below this share of memory that is the service's alone, most of it is never used. */
    static final double HEAP_MIN_SHARE = 0.25;

    /** The heap the fixes propose: leaves a quarter and more for everything off-heap. */
    static final double HEAP_TARGET_SHARE = 0.7;

    /** Memory below which a small heap is not worth a note. */
    static final long HEAP_SMALL_FLOOR = 2L << 30;

    /** A pause longer than this is seen by every caller of a latency service; longer than the second one times out. */
    static final double PAUSE_WARNING_MS = 200;

    static final double PAUSE_CRITICAL_MS = 1000;

    /** Free space below these fractions, or below the floor in bytes. */
    static final double DISK_CRITICAL = 0.10;

    static final double DISK_LOW = 0.20;
    static final long DISK_FLOOR_BYTES = 1L << 30;

    @Override
    public Category category() {
        return Category.RESOURCES;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(HEAP_HEADROOM, HEAP_SMALL, GC_CHOICE, GC_PAUSES, CPUS, DISK_FREE);
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return input.resources() != null;
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        if (!applies(input)) {
            return List.of();
        }
        ResourceSnapshot r = input.resources();
        Environment env = input.environment();
        String where = r.source().startsWith("given") ? "flags" : "host";
        List<Finding> findings = new ArrayList<>();
        heap(r, env, where, findings);
        gc(r, env, where, findings);
        pauses(r, env, where, findings);
        if (r.cpus() > 0 && r.cpus() < 2) {
            findings.add(new Finding(
                    CPUS,
                    Category.RESOURCES,
                    Severities.WARN.in(env),
                    "the service has " + r.cpus() + " CPU",
                    List.of(new Evidence("available processors " + r.cpus(), where)),
                    "With one CPU the application, the Kafka client's network thread and the garbage collector"
                            + " take turns: every collection and every burst of sends stalls the rest.",
                    "give the service at least 2 CPUs (container: resources.limits.cpu: \"2\"; docker run --cpus 2)"));
        }
        disks(r, env, where, findings);
        return findings;
    }

    private static void heap(ResourceSnapshot r, Environment env, String where, List<Finding> findings) {
        if (r.heapMaxBytes() <= 0 || r.memoryLimitBytes() <= 0) {
            return;
        }
        double share = r.heapMaxBytes() / (double) r.memoryLimitBytes();
        List<Evidence> evidence = List.of(
                new Evidence("heap max " + Bytes.format(r.heapMaxBytes()), where),
                new Evidence("memory limit " + Bytes.format(r.memoryLimitBytes()), where));
        String xmx = "-Xmx" + Math.max(1, (long) (r.memoryLimitBytes() * HEAP_TARGET_SHARE) >> 20) + "m";
        if (share > HEAP_MAX_SHARE) {
            findings.add(new Finding(
                    HEAP_HEADROOM,
                    Category.RESOURCES,
                    (share >= HEAP_CRITICAL_SHARE ? Severities.GRADED : Severities.WARN).in(env),
                    String.format(Locale.ROOT, "the heap may take %.0f%% of the memory limit", share * 100),
                    evidence,
                    "Metaspace, thread stacks, direct buffers and the GC's own data live outside the heap: with"
                            + " the heap near the limit the container is killed (OOMKilled) before the JVM sees"
                            + " a full heap.",
                    xmx + "   (or -XX:MaxRAMPercentage=" + Math.round(HEAP_TARGET_SHARE * 100) + " in place of -Xmx)"));
        } else if (r.memoryDedicated() && share < HEAP_MIN_SHARE && r.memoryLimitBytes() >= HEAP_SMALL_FLOOR) {
            findings.add(new Finding(
                    HEAP_SMALL,
                    Category.RESOURCES,
                    Severity.INFO,
                    String.format(Locale.ROOT, "the heap may use only %.0f%% of the service's memory", share * 100),
                    evidence,
                    "Memory given to the service and never used by its heap is paid for and idle; a larger heap"
                            + " means fewer collections (the JVM's default is a quarter of the memory).",
                    xmx + "   (or -XX:MaxRAMPercentage=" + Math.round(HEAP_TARGET_SHARE * 100) + ")"));
        }
    }

    private static void gc(ResourceSnapshot r, Environment env, String where, List<Finding> findings) {
        if (r.gc().isEmpty()) {
            return;
        }
        String names = String.join(", ", r.gc());
        String lower = names.toLowerCase(Locale.ROOT);
        boolean epsilon = lower.contains("epsilon");
        boolean throughput = lower.contains("serial")
                || lower.contains("copy")
                || lower.contains("marksweepcompact")
                || lower.contains("ps ")
                || lower.contains("parallel");
        if (!epsilon && !throughput) {
            return;
        }
        findings.add(new Finding(
                GC_CHOICE,
                Category.RESOURCES,
                (epsilon ? Severities.GRADED : Severities.WARN).in(env),
                epsilon ? "the JVM runs Epsilon, which never collects" : "the JVM runs a throughput collector",
                List.of(new Evidence("garbage collectors " + names, where)),
                epsilon
                        ? "Epsilon allocates until the heap is full, then the JVM stops with OutOfMemoryError."
                        : "Serial and Parallel stop the application for every collection, and a full collection"
                                + " of a large heap takes seconds: a latency service's p99 is its GC pauses.",
                "-XX:+UseG1GC -XX:MaxGCPauseMillis=50   (or -XX:+UseZGC for heaps of many GiB and pauses"
                        + " under a millisecond)"));
    }

    private static void pauses(ResourceSnapshot r, Environment env, String where, List<Finding> findings) {
        double longest = r.recentPauseMillis().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
        if (longest <= PAUSE_WARNING_MS) {
            return;
        }
        List<Evidence> evidence = new ArrayList<>();
        r.recentPauseMillis()
                .forEach(p -> evidence.add(new Evidence(String.format(Locale.ROOT, "GC pause %.0f ms", p), where)));
        findings.add(new Finding(
                GC_PAUSES,
                Category.RESOURCES,
                (longest > PAUSE_CRITICAL_MS ? Severities.GRADED : Severities.WARN).in(env),
                String.format(Locale.ROOT, "a recent GC pause took %.0f ms", longest),
                evidence,
                "While the JVM is paused no request is served and no heartbeat is sent: callers see the pause in"
                        + " their latency, and a long one can cost the consumer its group membership.",
                "-XX:+UseG1GC -XX:MaxGCPauseMillis=50 (or -XX:+UseZGC), and size the heap so the live set is at"
                        + " most half of it; -Xlog:gc*:file=gc.log shows each pause"));
    }

    private static void disks(ResourceSnapshot r, Environment env, String where, List<Finding> findings) {
        for (Map.Entry<String, Long> e : new TreeMap<>(r.diskFreeBytes()).entrySet()) {
            Long total = r.diskTotalBytes().get(e.getKey());
            if (total == null || total <= 0) {
                continue;
            }
            long free = e.getValue();
            double share = free / (double) total;
            boolean critical = share < DISK_CRITICAL || free < DISK_FLOOR_BYTES;
            if (!critical && share >= DISK_LOW) {
                continue;
            }
            findings.add(new Finding(
                    DISK_FREE,
                    Category.RESOURCES,
                    (critical ? Severities.GRADED : Severities.WARN).in(env),
                    String.format(Locale.ROOT, "%s has %.0f%% free", e.getKey(), share * 100),
                    List.of(new Evidence(
                            Bytes.format(free) + " free of " + Bytes.format(total), where + " " + e.getKey())),
                    "A log or spool directory that fills up stops writes: the broker takes the directory"
                            + " offline, a spooling batcher can no longer overflow to disk.",
                    "free or add space under " + e.getKey() + " (du -sh " + e.getKey()
                            + "/* shows what holds it), or lower the retention of what is stored there"));
        }
    }
}
