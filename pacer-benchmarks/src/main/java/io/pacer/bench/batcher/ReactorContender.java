package io.pacer.bench.batcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Project Reactor, written the idiomatic way:
 * <pre>
 * sink = Sinks.many().multicast().onBackpressureBuffer(65_536)
 * sink.asFlux().publishOn(consumer).bufferTimeout(50, 100 ms, consumer).subscribe(count)
 * </pre>
 * Producers only emit; moving events to the consumer thread, batching and the linger timer all run on one
 * single-thread scheduler, as Pacer's flusher does. The buffer supplier is the operator's default
 * ({@code ArrayList::new}, grown from 10 to 50 elements per batch), as anyone calling
 * {@code bufferTimeout(50, linger)} gets.
 *
 * <p>Bounded by: the sink's buffer of {@link #CAPACITY} events (plus {@code publishOn}'s prefetch of 256, about
 * 0.4% more). Reactor has no blocking emit, so "block when full" is {@link #BLOCK_WHEN_FULL}: on
 * {@code FAIL_OVERFLOW} the producer parks briefly and retries until the event is accepted, so producers run at
 * the rate the consumer drains and never buffer beyond the bound. Without this, an unbounded sink would let
 * producers outrun the consumer and measure only enqueueing into a growing heap.
 *
 * <p>Two producers: {@code Sinks.many()} sinks are serialized — a concurrent {@code tryEmitNext} fails fast with
 * {@code FAIL_NON_SERIALIZED} rather than locking. The handler retries that with {@link Thread#onSpinWait}, which is
 * what {@code Sinks.EmitFailureHandler.busyLooping(Duration)} does; that one is not used because it keeps its
 * deadline as state, so it must be created (allocated, plus a {@code nanoTime} call) for every emission.
 */
@State(Scope.Benchmark)
public class ReactorContender extends Contender {

    /** Retries while another producer is emitting (spin) or while the buffer is full (park ~ one timer slack). */
    static final Sinks.EmitFailureHandler BLOCK_WHEN_FULL = (signal, result) -> {
        if (result == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            Thread.onSpinWait();
            return true;
        }
        if (result == Sinks.EmitResult.FAIL_OVERFLOW) {
            LockSupport.parkNanos(10_000);
            return true;
        }
        return false;
    };

    private Scheduler scheduler;
    private Sinks.Many<Long> sink;
    private Disposable subscription;
    private CountDownLatch terminated;
    private volatile long consumed;
    private volatile Throwable failure;

    @Setup(Level.Trial)
    public void start() {
        scheduler = Schedulers.newSingle("reactor-consumer", true);
        sink = Sinks.many().multicast().onBackpressureBuffer(CAPACITY);
        terminated = new CountDownLatch(1);
        consumed = 0;
        subscription = sink.asFlux()
                .publishOn(scheduler)
                .bufferTimeout(MAX_EVENTS, LINGER, scheduler)
                .subscribe(
                        batch -> consumed += batch.size(),
                        error -> {
                            failure = error;
                            terminated.countDown();
                        },
                        terminated::countDown);
    }

    void offer(Long event) {
        sink.emitNext(event, BLOCK_WHEN_FULL);
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        Sinks.EmitResult completed = sink.tryEmitComplete();
        boolean drained = terminated.await(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        subscription.dispose();
        scheduler.dispose();
        if (completed.isFailure() || !drained || failure != null) {
            throw new IllegalStateException("reactor: complete=" + completed + ", drained=" + drained, failure);
        }
        verify("reactor", consumed);
    }

    @State(Scope.Thread)
    public static class ReactorProducer extends Producer {
        @Setup(Level.Trial)
        public void register(ReactorContender contender) {
            contender.register(this);
        }
    }
}
