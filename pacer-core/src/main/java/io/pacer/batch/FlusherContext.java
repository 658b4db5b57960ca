package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.sink.BatchSink;
import io.pacer.time.Ticker;
import org.slf4j.Logger;

/** What the flusher needs from its batcher: fixed parts, and the settings that may change at runtime. */
interface FlusherContext<O> {
    String name();

    Ticker ticker();

    BatcherStats stats();

    StampedRing<O> ring();

    BatchSink<O> sink();

    SpoolBridge<O> spool();

    BreakerPolicy breakerPolicy();

    CircuitBreaker breaker();

    /** Reports a breaker state change since the last look (called after each call into the breaker). */
    void watchBreaker();

    Logger log();

    /** Batch size, bytes, linger and window size now in force (read once per pass; replaced when tuned). */
    FlushLimits limits();

    int bufferCapacity();

    Overflow overflow();

    /** Whether events have a sizer; without one each counts 1 byte and the flusher skips per-event sizing. */
    boolean sizesEvents();

    long sizeOf(O event);

    void emit(BatcherEvent event);

    /** The application's per-event outcome listener, or null when none was set (then nothing is built for it). */
    DeliveryListener<? super O> deliveryListener();

    /** Adaptive mode: note the offer times of a delivered batch. */
    void recordAdaptiveSample(long[] stamps, int count, long ackNanos);

    /** Adaptive mode: decide at window ends. */
    void adapt(long now);
}
