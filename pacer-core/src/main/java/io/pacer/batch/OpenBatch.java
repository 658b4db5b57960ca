package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The batch the flusher is filling: events and their offer times in two parallel arrays, a count and a byte total.
 * It fills from the backlog first (events put back after a failure or by a split), then from the ring, so order
 * is kept. When the events' sizes reach {@code maxBytes} part-way through what it took, the batch ends at the event
 * that reached it and the rest goes back to the front of the backlog, in order. Sending hands the arrays to the
 * in-flight window and takes the window's spare ones, so nothing is copied or allocated per batch here.
 * Flusher thread only.
 *
 * @param <O> the event type
 */
final class OpenBatch<O> {
    /** Null when events are not sized: each counts one byte and filling skips the per-event call. */
    private final ToLongFunction<O> sizer;

    private Object[] events = new Object[0];
    private long[] stamps = new long[0];
    private int size;
    private long bytes;

    /** @param sizer an event's size in bytes, or null to count every event as one byte */
    OpenBatch(ToLongFunction<O> sizer) {
        this.sizer = sizer;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long bytes() {
        return bytes;
    }

    /** When the first event was offered (ticker nanos); meaningless while empty. */
    long firstStamp() {
        return size == 0 ? 0 : stamps[0];
    }

    /**
     * Tops the batch up to {@code maxEvents} events or {@code maxBytes} bytes, from the backlog, then the ring.
     *
     * @return whether it took any event
     */
    boolean fill(StampedDeque backlog, StampedRing<O> ring, int maxEvents, long maxBytes) {
        if (events.length < maxEvents) {
            events = Arrays.copyOf(events, maxEvents);
            stamps = Arrays.copyOf(stamps, maxEvents);
        }
        boolean took = false;
        while (size < maxEvents && bytes < maxBytes) {
            int from = size;
            int taken = backlog.isEmpty()
                    ? ring.drainTo(events, stamps, size, maxEvents - size)
                    : backlog.pollTo(events, stamps, size, maxEvents - size);
            if (taken == 0) {
                return took;
            }
            took = true;
            size += taken;
            if (sizer == null) {
                bytes += taken;
            } else if (addSizes(from, backlog, maxBytes)) {
                return true;
            }
        }
        return took;
    }

    /** Adds the sizes of the events from {@code from}; returns true when the batch became full by bytes. */
    private boolean addSizes(int from, StampedDeque backlog, long maxBytes) {
        for (int i = from; i < size; i++) {
            @SuppressWarnings("unchecked")
            O event = (O) events[i];
            bytes += sizer.applyAsLong(event);
            if (bytes >= maxBytes && i + 1 < size) {
                int rest = size - (i + 1);
                backlog.addFirst(
                        Arrays.copyOfRange(events, i + 1, size), Arrays.copyOfRange(stamps, i + 1, size), rest);
                Arrays.fill(events, i + 1, size, null);
                size = i + 1;
                return true;
            }
        }
        return false;
    }

    /** The events as the list handed to the sink (a copy: the sink may keep it while this batch moves on). */
    @SuppressWarnings("unchecked")
    List<O> toList() {
        return (List<O>) Arrays.asList(Arrays.copyOf(events, size));
    }

    /** Moves the batch into the in-flight window (its arrays go along) and starts empty on the window's spares. */
    SentBatch sendTo(InFlightBatches window, CircuitBreaker breaker) {
        SentBatch sent = window.add(events, stamps, size, bytes, breaker);
        events = window.spareEvents(); // fill() grows them to the batch size if needed
        stamps = window.spareStamps();
        size = 0;
        bytes = 0;
        return sent;
    }

    /** Puts the events back in front of {@code backlog}, in order, and empties the batch. */
    void requeueTo(StampedDeque backlog) {
        if (size > 0) {
            backlog.addFirst(events, stamps, size);
            Arrays.fill(events, 0, size, null);
            size = 0;
            bytes = 0;
        }
    }
}
