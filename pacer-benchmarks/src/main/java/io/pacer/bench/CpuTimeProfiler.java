package io.pacer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time spent by all Java threads of the benchmark JVM per operation ({@code cpu.time.norm}, ns/op): the
 * producers' and the consumer threads' work together, which ops/s alone does not show (a contender can reach the
 * same ops/s while burning twice the CPU). On a machine shared with other work, ops/s follows the CPU share the
 * benchmark gets; this figure depends on it less, though not at all only when the threads keep their own cores
 * (sharing a core changes cache traffic). JIT compiler and GC threads are not Java threads the JVM reports, so
 * they are not counted (see {@code -prof gc} for GC).
 *
 * <p>Use: {@code -prof io.pacer.bench.CpuTimeProfiler}. The window is the whole iteration, JMH's synchronisation
 * phases included, and so is the operation count it divides by ({@code allOps}).
 */
public final class CpuTimeProfiler implements InternalProfiler {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> before = Map.of();

    public CpuTimeProfiler() {
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot measure per-thread CPU time");
        }
        threads.setThreadCpuTimeEnabled(true);
    }

    @Override
    public String getDescription() {
        return "CPU time of all Java threads per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = cpuTimes();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        long spent = 0;
        for (Map.Entry<Long, Long> thread : cpuTimes().entrySet()) {
            spent += thread.getValue() - before.getOrDefault(thread.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        double perOp = ops > 0 ? (double) spent / ops : Double.NaN;
        return List.of(new ScalarResult("cpu.time.norm", perOp, "ns/op", AggregationPolicy.AVG));
    }

    /** CPU nanoseconds per live thread id; threads started during the iteration count from zero. */
    private Map<Long, Long> cpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                times.put(id, cpu);
            }
        }
        return times;
    }
}
