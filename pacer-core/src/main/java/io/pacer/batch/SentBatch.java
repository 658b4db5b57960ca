package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pacer.sink.BatchResult;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One batch handed to the sink and not yet settled: its events with their offer times, what it weighs, when it
 * was sent, the breaker that let it through and the sink's stage. A slot of {@link InFlightBatches} for batches
 * from memory (reused, arrays traded with the open batch); a one-off for a batch replayed from the spool. Flusher
 * thread only.
 */
final class SentBatch {
    Object[] events = new Object[0];
    /** Offer times, one per event; null for a spooled batch whose offer times are unknown (an earlier process). */
    long[] stamps = new long[0];

    int size;
    long bytes;
    /** Ticker reading just before the sink was called; the delivery timeout counts from here. */
    long sentAt;
    /** The breaker that granted the permission (tuning may replace the batcher's breaker meanwhile). */
    CircuitBreaker breaker;

    CompletableFuture<BatchResult> result;
    /**
     * Only with a {@link DeliveryListener} (else null): the events as a list — for a batch from memory, the very
     * list given to the sink (its own copy); for a spooled batch, the list read from the spool. The listener gets a
     * read-only view of it, so reporting a batch delivered in full copies nothing.
     */
    List<?> list;

    /** Takes the given arrays (no copy) and describes them. */
    SentBatch hold(Object[] batchEvents, long[] batchStamps, int batchSize, long batchBytes, CircuitBreaker granted) {
        this.events = batchEvents;
        this.stamps = batchStamps;
        this.size = batchSize;
        this.bytes = batchBytes;
        this.breaker = granted;
        return this;
    }

    /** The stage's failure, or null if it completed with a result (call only once it is done). */
    Throwable failure() {
        try {
            return result.join() == null ? new IllegalStateException("sink completed with a null BatchResult") : null;
        } catch (CompletionException | CancellationException e) {
            return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        }
    }
}
