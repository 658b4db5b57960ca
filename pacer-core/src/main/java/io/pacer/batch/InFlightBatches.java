package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pacer.sink.BatchResult;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The batches the flusher has sent and not yet settled, oldest first (a FIFO in send order). Each slot owns its
 * events and offer times until it is settled; slots trade arrays with the flusher's batch, so sending neither
 * copies nor allocates here. Flusher thread only: a sink's completion only wakes the flusher, which then reads
 * the stage.
 */
final class InFlightBatches {
    /** The most batches that can be in flight at once ({@link BatcherBuilder#maxInFlight}). */
    static final int CAPACITY = 64;

    /** One batch sent and not yet settled. */
    static final class Sent {
        Object[] events = new Object[0];
        long[] stamps = new long[0];
        int size;
        long bytes;
        /** Ticker reading just before the sink was called; the delivery timeout counts from here. */
        long sentAt;
        /** The breaker that granted the permission (tuning may replace the batcher's breaker meanwhile). */
        CircuitBreaker breaker;

        CompletableFuture<BatchResult> result;

        /** The stage's failure, or null if it completed with a result (call only once it is done). */
        Throwable failure() {
            try {
                return result.join() == null
                        ? new IllegalStateException("sink completed with a null BatchResult")
                        : null;
            } catch (CompletionException | CancellationException e) {
                return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            }
        }
    }

    private final Sent[] slots = new Sent[CAPACITY];
    private int head;
    private int count;
    private int events;
    private Object[] spareEvents;
    private long[] spareStamps;

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Events held by batches in flight. */
    int events() {
        return events;
    }

    /** The oldest batch in flight (call only when not empty). */
    Sent head() {
        return slots[head];
    }

    /**
     * Appends a batch. The slot takes the caller's arrays (no copy) and hands its own, emptied when it was last
     * settled, back through {@link #spareEvents} and {@link #spareStamps} for the caller's next batch.
     */
    Sent add(Object[] batchEvents, long[] batchStamps, int size, long bytes, CircuitBreaker breaker) {
        int at = (head + count) & (CAPACITY - 1);
        Sent sent = slots[at];
        if (sent == null) {
            sent = slots[at] = new Sent();
        }
        spareEvents = sent.events;
        spareStamps = sent.stamps;
        sent.events = batchEvents;
        sent.stamps = batchStamps;
        sent.size = size;
        sent.bytes = bytes;
        sent.breaker = breaker;
        count++;
        events += size;
        return sent;
    }

    Object[] spareEvents() {
        return spareEvents;
    }

    long[] spareStamps() {
        return spareStamps;
    }

    /** Removes the settled head, clearing its references so delivered events can be collected. */
    void removeHead() {
        Sent sent = slots[head];
        Arrays.fill(sent.events, 0, sent.size, null);
        events -= sent.size;
        sent.size = 0;
        sent.bytes = 0;
        sent.breaker = null;
        sent.result = null;
        head = (head + 1) & (CAPACITY - 1);
        count--;
    }

    /**
     * The batcher is stopping: returns every unsettled batch's permission to its breaker and puts its events
     * in front of {@code backlog}, in send order (they may still land: delivery is at-least-once).
     */
    void abandonTo(StampedDeque backlog) {
        for (int i = count - 1; i >= 0; i--) {
            Sent sent = slots[(head + i) & (CAPACITY - 1)];
            sent.breaker.releasePermission();
            backlog.addFirst(sent.events, sent.stamps, sent.size);
        }
        while (count > 0) {
            removeHead();
        }
    }
}
