package io.pacer.analysis.recommend;

import io.pacer.analysis.Effort;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import java.util.List;
import java.util.Map;

/**
 * The machine and the JVMs — seed 000's ResourceManager advice (heap size, GC choice, memory and CPU) — plus slow
 * endpoints and error bursts. None of these has an executor: they need people (code, capacity, JVM flags that take a
 * restart), so each says exactly what to look at first.
 */
final class SystemAdvice {

    static final String SYSTEM = "system_resources";

    private SystemAdvice() {}

    static Map<String, Advice> rules() {
        return Map.ofEntries(
                Map.entry(FindingKinds.CPU_SATURATION, SystemAdvice::cpu),
                Map.entry(FindingKinds.CPU_STEAL, SystemAdvice::steal),
                Map.entry(FindingKinds.MEMORY_PRESSURE, SystemAdvice::memory),
                Map.entry(FindingKinds.GC_THRASH, SystemAdvice::gc),
                Map.entry(FindingKinds.HEAP_LEAK, SystemAdvice::leak),
                Map.entry(FindingKinds.DISK_FULL, SystemAdvice::diskFull),
                Map.entry(FindingKinds.DISK_SLOW, SystemAdvice::diskSlow),
                Map.entry(FindingKinds.SLOW_ENDPOINT, SystemAdvice::slowEndpoint),
                Map.entry(FindingKinds.ERROR_BURST, SystemAdvice::errors));
    }

    /** The headline after the finding's own summary (which says what, how much, since when). */
    static String describe(Finding f, String headline) {
        return f.summary() + " — " + headline + " (" + Facts.evidence(f) + ")";
    }

    private static Draft cpu(Finding f, Facts facts) {
        return new Draft(
                SYSTEM,
                "cpu_optimization",
                f.subject(),
                describe(f, "add CPU or cut the work that burns it"),
                List.of(
                        "Find the hot code: profile the busiest process (async-profiler, or a JFR recording:"
                                + " jcmd <pid> JFR.start duration=60s filename=cpu.jfr)",
                        "Scale out (more instances, consumers or partitions) or up (more cores) so CPU stays below"
                                + " 70 % at peak",
                        "Cut work per event: bigger batches (fewer sink calls per event), cached lookups, cheaper"
                                + " serialisation"),
                "Expect CPU below 70 % at this load and queues that stop growing; latency that rose with load"
                        + " should fall back towards its unloaded level",
                Effort.HIGH,
                null);
    }

    private static Draft steal(Finding f, Facts facts) {
        return new Draft(
                SYSTEM,
                "cpu_steal",
                f.subject(),
                describe(f, "the hypervisor takes CPU time from this machine"),
                List.of(
                        "Move the service to a dedicated or non-burstable instance type (no CPU credits)",
                        "Ask the provider about host overcommit, or spread the load over more instances"),
                "Expect the stolen CPU share (the observed figure) back for the service, and steadier latency",
                Effort.MEDIUM,
                null);
    }

    private static Draft memory(Finding f, Facts facts) {
        return new Draft(
                SYSTEM,
                "memory_optimization",
                f.subject(),
                describe(f, "free memory or add it before the kernel swaps or kills"),
                List.of(
                        "Find what holds the memory: ps -eo rss,cmd --sort=-rss | head, and JVM heaps sized larger"
                                + " than they need",
                        "Right-size JVM heaps: -Xmx about 2-3x the live set after a full GC (jcmd <pid> GC.heap_info),"
                                + " leaving room for off-heap memory and the page cache",
                        "Add memory or move a workload off this host; swap in use means it is already too small"),
                "Expect memory use below 85 % and no swapping, removing the latency spikes paging causes",
                Effort.MEDIUM,
                null);
    }

    private static Draft gc(Finding f, Facts facts) {
        return new Draft(
                SYSTEM,
                "gc_tuning",
                f.subject(),
                describe(f, "give the heap room or allocate less"),
                List.of(
                        "Check the live set: heap used right after GC (jcmd <pid> GC.heap_info); when it is close to"
                                + " -Xmx the heap is too small: raise -Xmx to 2-3x the live set",
                        "Choose the collector for the goal: G1 (the default) for throughput with pauses of 10-200 ms;"
                                + " ZGC (-XX:+UseZGC) for large heaps that need pauses under a millisecond",
                        "Cut the allocation rate: a JFR recording's allocation profile shows the hot allocation sites"
                                + " (buffers to reuse, boxing on hot paths)"),
                "Expect the GC time share under 5 % and the CPU it took back for the application",
                Effort.MEDIUM,
                null);
    }

    private static Draft leak(Finding f, Facts facts) {
        return new Draft(
                SYSTEM,
                "memory_leak",
                f.subject(),
                describe(f, "find what the heap keeps; a bigger heap only delays the failure"),
                List.of(
                        "Take two class histograms some minutes apart (jcmd <pid> GC.class_histogram) and compare the"
                                + " classes that grow",
                        "Take a heap dump (jcmd <pid> GC.heap_dump /tmp/heap.hprof) and follow the growing objects'"
                                + " paths to their GC roots",
                        "Fix the retention: an unbounded cache or map, listeners never removed, per-request state"
                                + " kept in a static"),
                "Expect a flat heap floor once the retention is fixed; until then the JVM fails when the projection"
                        + " in the evidence says",
                Effort.HIGH,
                null);
    }

    private static Draft diskFull(Finding f, Facts facts) {
        return new Draft(
                SYSTEM,
                "storage_cleanup",
                f.subject(),
                describe(f, "free space or grow the volume before it fills"),
                List.of(
                        "Free space: rotate and compress logs, shorten retention (Kafka retention.ms, Pacer's metric"
                                + " retention), remove old heap dumps and core files",
                        "Grow the volume before the projected full time",
                        "Keep an alert at 80 % so it never surprises"),
                "Expect disk use back below 80 %; a full disk stops Kafka, PostgreSQL and Redis from writing",
                Effort.MEDIUM,
                null);
    }

    private static Draft diskSlow(Finding f, Facts facts) {
        return new Draft(
                SYSTEM,
                "io_optimization",
                f.subject(),
                describe(f, "the CPUs wait for the disk"),
                List.of(
                        "Find the writer: iotop -o or pidstat -d 5",
                        "Move hot data to faster storage (SSD/NVMe, provisioned IOPS)",
                        "Write less often and in bigger pieces: bigger batches, fewer fsyncs; keep hot reads cached"),
                "Expect iowait below 10 % and lower tail latency for disk-bound work",
                Effort.HIGH,
                null);
    }

    private static Draft slowEndpoint(Finding f, Facts facts) {
        return new Draft(
                "application_performance",
                "response_time",
                f.subject(),
                describe(f, "find where its time goes"),
                List.of(
                        "Trace or profile the endpoint's slow requests to see where the time goes",
                        "Check what it waits for: slow queries, connection-pool waits, remote calls without a timeout",
                        "Cache what it reads often; put a timeout and a circuit breaker on slow dependencies"),
                "Expect its p95 back under the limit (or its own earlier level) once the slow part is fixed",
                Effort.MEDIUM,
                null);
    }

    private static Draft errors(Finding f, Facts facts) {
        return new Draft(
                "reliability",
                "error_rate",
                f.subject(),
                describe(f, "stop the errors at their source"),
                List.of(
                        "Read the errors behind the burst: the logs from the start of the window in the evidence",
                        "Roll back the latest change if the burst began with it (the trends' significant changes list"
                                + " the actions applied near it)",
                        "Put a circuit breaker with bounded, backed-off retries in front of the failing dependency"),
                "Expect the error share back under 1 % (seed 002 warns at 5 %) and no events dropped",
                Effort.MEDIUM,
                null);
    }
}
