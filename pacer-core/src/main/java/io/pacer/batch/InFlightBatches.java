package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pacer.sink.BatchResult;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The batches the flusher has sent and not yet settled, oldest first (a FIFO in send order). Each slot owns its
 * events and offer times until it is settled; slots and their arrays are reused, so sending allocates nothing
 * here. Flusher thread only; the sink's completion only wakes the flusher, which then reads the stage.
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
                return result.join() == null ? new IllegalStateException("sink completed with a null BatchResult") : null;
            } catch (CompletionException | CancellationException e) {
                return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            }
        }
    }

    private final Sent[] slots = new Sent[CAPACITY];
    private int head;
    private int count;
    private int events;

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

    /** Appends a batch, copying its events and offer times into a reused slot; the caller sets the rest. */
    Sent add(Object[] batchEvents, long[] batchStamps, int size, long bytes, CircuitBreaker breaker) {
        int at = (head + count) & (CAPACITY - 1);
        Sent sent = slots[at];
        if (sent == null) {
            sent = slots[at] = new Sent();
        }
        if (sent.events.length < size) {
            sent.events = new Object[size];
            sent.stamps = new long[size];
        }
        System.arraycopy(batchEvents, 0, sent.events, 0, size);
        System.arraycopy(batchStamps, 0, sent.stamps, 0, size);
        sent.size = size;
        sent.bytes = bytes;
        sent.breaker = breaker;
        count++;
        events += size;
        return sent;
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
