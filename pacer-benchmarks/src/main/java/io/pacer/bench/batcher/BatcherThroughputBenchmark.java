package io.pacer.bench.batcher;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained end-to-end throughput of a batcher: events per second that one or two producer threads can offer while
 * one consumer thread forms batches of 50 events or 100 ms linger and hands them to a no-op sink. One operation is
 * one event offered.
 *
 * <p>Fairness rules, the same for every contender:
 * <ul>
 *   <li>the same settings: {@value Contender#MAX_EVENTS} events per batch, 100 ms linger;</li>
 *   <li>the same bound: {@value Contender#CAPACITY} buffered events, and producers block while it is full, so the
 *       measured offer rate is the rate the consumer sustains, not enqueueing into a growing heap (each contender's
 *       javadoc says how it is bounded);</li>
 *   <li>the consumer is one thread, started in the trial setup, counting events per batch into a single-writer
 *       volatile (so the work is not dead code);</li>
 *   <li>events are pre-boxed {@code Long}s ({@link Producer}), so {@code gc.alloc.rate.norm} is the contender's own
 *       allocation per event — on every thread, the consumer's included (JMH's GC profiler sums all threads);</li>
 *   <li>the trial teardown drains, stops the consumer and fails the run unless events consumed equals events
 *       offered.</li>
 * </ul>
 * Between iterations the consumer empties the buffer, so each iteration starts with up to {@value Contender#CAPACITY}
 * events of free room: about 0.3% of a 2 s iteration at 10 million events/s, the same for all.
 *
 * <p>On a machine shared with other work, events/s follows the CPU share the benchmark gets; read it beside the
 * CPU time per event from {@link io.pacer.bench.CpuTimeProfiler}, which depends on that share less.
 *
 * <p>Run: {@code bench/batcher.sh}, or {@code java -jar pacer-benchmarks/target/benchmarks.jar BatcherThroughput
 * -prof gc -prof io.pacer.bench.CpuTimeProfiler}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BatcherThroughputBenchmark {

    @Benchmark
    @Threads(1)
    public void pacerOneProducer(PacerContender batcher, PacerContender.PacerProducer producer) {
        batcher.offer(producer.next());
    }

    @Benchmark
    @Threads(2)
    public void pacerTwoProducers(PacerContender batcher, PacerContender.PacerProducer producer) {
        batcher.offer(producer.next());
    }

    @Benchmark
    @Threads(1)
    public void reactorOneProducer(ReactorContender batcher, ReactorContender.ReactorProducer producer) {
        batcher.offer(producer.next());
    }

    @Benchmark
    @Threads(2)
    public void reactorTwoProducers(ReactorContender batcher, ReactorContender.ReactorProducer producer) {
        batcher.offer(producer.next());
    }

    @Benchmark
    @Threads(1)
    public void naiveOneProducer(NaiveContender batcher, NaiveContender.NaiveProducer producer)
            throws InterruptedException {
        batcher.offer(producer.next());
    }

    @Benchmark
    @Threads(2)
    public void naiveTwoProducers(NaiveContender batcher, NaiveContender.NaiveProducer producer)
            throws InterruptedException {
        batcher.offer(producer.next());
    }
}
