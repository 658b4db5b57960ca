package io.pacer.verdict.readiness;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The host and JVM the checked service will run on: measured on this host, or stated by flags for a target that is
 * elsewhere. Fields that are unknown are -1 (or empty) and the rules that need them say so instead of guessing.
 *
 * @param source "measured on HOST" or "given by flags"
 * @param cpus available processors
 * @param memoryLimitBytes container (cgroup) memory limit, or physical memory when unlimited; -1 when unknown
 * @param heapMaxBytes the JVM's maximum heap; -1 when unknown
 * @param gc the garbage collector names (e.g. G1 Young Generation); empty when unknown
 * @param recentPauseMillis recent GC pause durations in milliseconds, newest last; empty when unknown
 * @param diskFreeBytes free bytes per directory checked (log or data directories); empty when none checked
 * @param diskTotalBytes total bytes per directory checked
 * @param memoryDedicated whether {@code memoryLimitBytes} is the service's alone (a container limit, or given by
 *     flags) rather than a shared host's physical memory: only then is a small heap memory left unused
 */
public record ResourceSnapshot(
        String source,
        int cpus,
        long memoryLimitBytes,
        long heapMaxBytes,
        List<String> gc,
        List<Double> recentPauseMillis,
        Map<String, Long> diskFreeBytes,
        Map<String, Long> diskTotalBytes,
        boolean memoryDedicated) {

    public ResourceSnapshot {
        Objects.requireNonNull(source, "source");
        gc = List.copyOf(gc);
        recentPauseMillis = List.copyOf(recentPauseMillis);
        diskFreeBytes = Map.copyOf(diskFreeBytes);
        diskTotalBytes = Map.copyOf(diskTotalBytes);
    }

    /** A snapshot whose memory is not known to be the service's alone. */
    public ResourceSnapshot(
            String source,
            int cpus,
            long memoryLimitBytes,
            long heapMaxBytes,
            List<String> gc,
            List<Double> recentPauseMillis,
            Map<String, Long> diskFreeBytes,
            Map<String, Long> diskTotalBytes) {
        this(source, cpus, memoryLimitBytes, heapMaxBytes, gc, recentPauseMillis, diskFreeBytes, diskTotalBytes, false);
    }
}
