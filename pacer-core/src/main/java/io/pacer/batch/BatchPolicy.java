package io.pacer.batch;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * When a batch is complete and how much the batcher may hold.
 *
 * @param maxEvents a batch leaves once it holds this many events (1..1,000,000)
 * @param maxBytes a batch leaves once its events' sizes add up to this many bytes (1..2^31-1); sizes come
 *     from the builder's sizer
 * @param linger a batch leaves once its first event has waited this long (0..1 h; 0 = send at once)
 * @param bufferCapacity events the batcher holds in memory before the overflow policy applies (a power of two
 *     is used, rounded up; 2..2^28); at least {@code maxEvents}
 *
 * <p>Every wither changes only its own setting: {@code withMaxEvents} above the buffer capacity is rejected, not
 * met by quietly growing the buffer (which is the memory bound and decides when the overflow policy starts).
 * Raise the capacity first: {@code withBufferCapacity(1 << 17).withMaxEvents(100_000)}.
 */
public record BatchPolicy(int maxEvents, long maxBytes, Duration linger, int bufferCapacity) {

    public static final int DEFAULT_MAX_EVENTS = 50;
    public static final long DEFAULT_MAX_BYTES = 1L << 20;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(100);
    public static final int DEFAULT_BUFFER_CAPACITY = 1 << 16;

    static final int MAX_EVENTS_LIMIT = 1_000_000;
    static final Duration MAX_LINGER = Duration.ofHours(1);

    public BatchPolicy {
        Check.range("maxEvents", maxEvents, 1, MAX_EVENTS_LIMIT);
        Check.range("maxBytes", maxBytes, 1, Integer.MAX_VALUE);
        Check.duration("linger", linger, Duration.ZERO, MAX_LINGER);
        Check.range("bufferCapacity", bufferCapacity, 2, 1 << 28);
        if (bufferCapacity < maxEvents) {
            throw new IllegalArgumentException("bufferCapacity must be >= maxEvents (" + maxEvents + "), but was "
                    + bufferCapacity + ": raise bufferCapacity (withBufferCapacity before withMaxEvents) or lower "
                    + "maxEvents");
        }
    }

    /** 50 events, 1 MiB, 100 ms linger, 65,536 buffered events. */
    public static BatchPolicy ofDefaults() {
        return new BatchPolicy(DEFAULT_MAX_EVENTS, DEFAULT_MAX_BYTES, DEFAULT_LINGER, DEFAULT_BUFFER_CAPACITY);
    }

    /** Events per batch; must not exceed {@link #bufferCapacity()} (raise that first if needed). */
    public BatchPolicy withMaxEvents(int value) {
        return new BatchPolicy(value, maxBytes, linger, bufferCapacity);
    }

    public BatchPolicy withMaxBytes(long value) {
        return new BatchPolicy(maxEvents, value, linger, bufferCapacity);
    }

    public BatchPolicy withLinger(Duration value) {
        return new BatchPolicy(maxEvents, maxBytes, Objects.requireNonNull(value, "linger"), bufferCapacity);
    }

    public BatchPolicy withBufferCapacity(int value) {
        return new BatchPolicy(maxEvents, maxBytes, linger, value);
    }
}
