package io.pacer.bench.monitor;

import io.pacer.monitor.Collector;
import io.pacer.monitor.collect.Collectors;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What watching costs: CPU time of one collection of the host and of Pacer's own JVM, as {@code pacer monitor} runs
 * them (one collection at a time on the collector's thread). CPU time, not wall time, so a loaded machine changes it
 * little; the calling thread's ({@link ThreadMXBean#getCurrentThreadCpuTime}) is what a collection costs, and the
 * whole process's per collection (JIT and GC threads included) is printed beside it as an upper bound. Warm-up
 * collections are run first and excluded. The baseline is the collection interval: the share of one core a
 * collector takes at the default 10 s.
 *
 * <p>Usage: {@code CollectorOverhead [cycles] [warmup]} (defaults 200 and 100). Last line:
 * {@code RESULT collect_cpu_ms_host=… collect_cpu_ms_jvm=… process_cpu_ms_host=… process_cpu_ms_jvm=…}: mean CPU ms
 * per collection of the collecting thread, then of the whole process.
 */
public final class CollectorOverhead {
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private CollectorOverhead() {}

    public static void main(String[] args) throws Exception {
        int cycles = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure thread CPU time");
        }
        long made = threads.getCurrentThreadCpuTime();
        Collector host = Collectors.host(INTERVAL);
        double makeHostMs = (threads.getCurrentThreadCpuTime() - made) / 1e6;
        Collector jvm = Collectors.jvm(INTERVAL);
        try (host;
                jvm) {
            System.out.printf(
                    Locale.ROOT,
                    "collections: %d measured after %d warm-up; JDK %s; %d CPUs%n",
                    cycles,
                    warmup,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "making the host collector (OSHI's first look): %.1f ms CPU%n", makeHostMs);
            double[] hostMs = measure("host", host, cycles, warmup, threads);
            double[] jvmMs = measure("jvm", jvm, cycles, warmup, threads);
            System.out.printf(
                    Locale.ROOT,
                    "RESULT collect_cpu_ms_host=%.3f collect_cpu_ms_jvm=%.3f process_cpu_ms_host=%.3f"
                            + " process_cpu_ms_jvm=%.3f%n",
                    hostMs[0],
                    jvmMs[0],
                    hostMs[1],
                    jvmMs[1]);
        }
    }

    /** Every other live thread's CPU time so far, by name (several of one name summed). */
    private static Map<String, Long> otherThreads(ThreadMXBean threads) {
        Map<String, Long> cpu = new HashMap<>();
        long self = Thread.currentThread().getId();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadId() != self) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                if (t > 0) {
                    cpu.merge(info.getThreadName().replaceAll("[0-9]+", "N"), t, Long::sum);
                }
            }
        }
        return cpu;
    }

    /** Returns the mean CPU ms per collection of the calling thread and of the whole process. */
    private static double[] measure(String name, Collector collector, int cycles, int warmup, ThreadMXBean threads)
            throws Exception {
        int samples = 0;
        for (int i = 0; i < warmup; i++) {
            samples = collector.collect(Instant.now()).size();
        }
        long[] cpu = new long[cycles];
        Map<String, Long> othersBefore = otherThreads(threads);
        long wallStart = System.nanoTime();
        long processStart = processCpuNanos();
        for (int i = 0; i < cycles; i++) {
            long start = threads.getCurrentThreadCpuTime();
            samples = collector.collect(Instant.now()).size();
            cpu[i] = threads.getCurrentThreadCpuTime() - start;
        }
        double wallMs = (System.nanoTime() - wallStart) / 1e6 / cycles;
        double processMs = (processCpuNanos() - processStart) / 1e6 / cycles;
        Map<String, Long> othersAfter = otherThreads(threads);
        String others = othersAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - othersBefore.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3)
                .map(e -> String.format(Locale.ROOT, "%s %.3f ms", e.getKey(), e.getValue() / 1e6 / cycles))
                .collect(java.util.stream.Collectors.joining(", "));
        double mean = Arrays.stream(cpu).average().orElse(0) / 1e6;
        Arrays.sort(cpu);
        System.out.printf(
                Locale.ROOT,
                "%-5s %4d samples  CPU/collection: mean %.3f ms  p50 %.3f  p99 %.3f  max %.3f"
                        + "  (whole process %.3f ms, wall %.3f ms)  = %.4f %% of a core at %ds%n",
                name,
                samples,
                mean,
                cpu[cycles / 2] / 1e6,
                cpu[(int) (cycles * 0.99)] / 1e6,
                cpu[cycles - 1] / 1e6,
                processMs,
                wallMs,
                100 * mean / INTERVAL.toMillis(),
                INTERVAL.toSeconds());
        System.out.println("      other threads' CPU per collection (top 3): " + (others.isEmpty() ? "none" : others));
        return new double[] {mean, processMs};
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
