package io.pacer.bench.batcher;

import io.pacer.batch.BatchPolicy;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What every contender in {@link BatcherThroughputBenchmark} shares: the same batching settings, the same bounded
 * buffer, and a count of offered versus consumed events checked when the trial ends.
 *
 * <p>A subclass is a {@code @State(Scope.Benchmark)}: its {@code @Setup(Level.Trial)} starts the consumer thread and
 * its {@code @TearDown(Level.Trial)} drains what is buffered, stops the consumer and calls {@link #verify}. Producer
 * threads register a {@link Producer} with {@link #register} so the teardown knows how many events were offered.
 */
public abstract class Contender {

    /** A batch leaves once it holds this many events. */
    static final int MAX_EVENTS = BatchPolicy.DEFAULT_MAX_EVENTS;
    /** A batch leaves once its first event has waited this long. */
    static final Duration LINGER = BatchPolicy.DEFAULT_LINGER;
    /** Events buffered between producers and consumer before producers block. */
    static final int CAPACITY = BatchPolicy.DEFAULT_BUFFER_CAPACITY;
    /** How long a teardown waits for the consumer to drain before it declares the trial broken. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final Queue<Producer> producers = new ConcurrentLinkedQueue<>();

    final void register(Producer producer) {
        producers.add(producer);
    }

    /** Events offered by all registered producers; read after JMH has stopped them (its teardown barrier orders this). */
    final long offered() {
        long sum = 0;
        for (Producer producer : producers) {
            sum += producer.offered;
        }
        return sum;
    }

    /** Fails the trial unless the consumer saw exactly the events the producers offered. */
    final void verify(String contender, long consumed) {
        long offered = offered();
        if (consumed != offered) {
            throw new IllegalStateException(contender + ": consumed " + consumed + " events but producers offered "
                    + offered + " — the contender lost or invented events, so its throughput is not comparable");
        }
        if (offered == 0) {
            throw new IllegalStateException(contender + ": no events were offered in the trial");
        }
    }
}
