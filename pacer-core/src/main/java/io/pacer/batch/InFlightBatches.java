package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Arrays;

/**
 * The batches the flusher has sent and not yet settled, oldest first (a FIFO in send order). Each slot owns its
 * events and offer times until it is settled; slots trade arrays with the flusher's open batch, so sending neither
 * copies nor allocates here. Batches are settled strictly in send order ({@link #settledHead}): one answered
 * behind an unanswered head waits for it. Flusher thread only: a sink's completion only wakes the flusher, which
 * then reads the stage.
 */
final class InFlightBatches {
    /** The most batches that can be in flight at once ({@link BatcherBuilder#maxInFlight}). */
    static final int CAPACITY = 64;

    private final SentBatch[] slots = new SentBatch[CAPACITY];
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
    SentBatch head() {
        return slots[head];
    }

    /**
     * The oldest batch in flight if it can be settled at {@code now}: the sink answered it, or it has waited
     * {@code timeoutNanos} since it was sent (then it is settled as timed out). Null otherwise, and when nothing is
     * in flight — whatever the batches behind the head did.
     */
    SentBatch settledHead(long now, long timeoutNanos) {
        if (count == 0) {
            return null;
        }
        SentBatch sent = slots[head];
        return sent.result.isDone() || now - sent.sentAt >= timeoutNanos ? sent : null;
    }

    /**
     * Appends a batch. The slot takes the caller's arrays (no copy) and hands its own, emptied when it was last
     * settled, back through {@link #spareEvents} and {@link #spareStamps} for the caller's next batch.
     */
    SentBatch add(Object[] batchEvents, long[] batchStamps, int size, long bytes, CircuitBreaker breaker) {
        int at = (head + count) & (CAPACITY - 1);
        SentBatch sent = slots[at];
        if (sent == null) {
            sent = slots[at] = new SentBatch();
        }
        spareEvents = sent.events;
        spareStamps = sent.stamps;
        sent.hold(batchEvents, batchStamps, size, bytes, breaker);
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
        SentBatch sent = slots[head];
        Arrays.fill(sent.events, 0, sent.size, null);
        events -= sent.size;
        sent.size = 0;
        sent.bytes = 0;
        sent.breaker = null;
        sent.result = null;
        sent.list = null;
        head = (head + 1) & (CAPACITY - 1);
        count--;
    }

    /**
     * The batcher is stopping: returns every unsettled batch's permission to its breaker and puts its events
     * in front of {@code backlog}, in send order (they may still land: delivery is at-least-once).
     */
    void abandonTo(StampedDeque backlog) {
        for (int i = count - 1; i >= 0; i--) {
            SentBatch sent = slots[(head + i) & (CAPACITY - 1)];
            sent.breaker.releasePermission();
            backlog.addFirst(sent.events, sent.stamps, sent.size);
        }
        while (count > 0) {
            removeHead();
        }
    }
}
