package io.pacer.batch;

import java.util.Arrays;

/**
 * The flusher's private backlog: events with their offer times, oldest first, growable. Holds events taken
 * from the ring that could not be delivered yet, and failed batches put back at the front. Not thread-safe.
 */
final class StampedDeque {
    private Object[] events = new Object[16];
    private long[] stamps = new long[16];
    private int head;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addLast(Object event, long stamp) {
        grow(1);
        int slot = (head + size) & (events.length - 1);
        events[slot] = event;
        stamps[slot] = stamp;
        size++;
    }

    /** Puts {@code count} events back in front, keeping their order. */
    void addFirst(Object[] fromEvents, long[] fromStamps, int count) {
        grow(count);
        for (int i = count - 1; i >= 0; i--) {
            head = (head - 1) & (events.length - 1);
            events[head] = fromEvents[i];
            stamps[head] = fromStamps[i];
        }
        size += count;
    }

    /** Moves up to {@code limit} oldest events into the arrays from {@code at}; returns how many. */
    int pollTo(Object[] toEvents, long[] toStamps, int at, int limit) {
        int n = Math.min(limit, size);
        for (int i = 0; i < n; i++) {
            toEvents[at + i] = events[head];
            toStamps[at + i] = stamps[head];
            events[head] = null;
            head = (head + 1) & (events.length - 1);
        }
        size -= n;
        return n;
    }

    /** Discards the oldest event (DROP_OLDEST). */
    void dropFirst() {
        events[head] = null;
        head = (head + 1) & (events.length - 1);
        size--;
    }

    long firstStamp() {
        return stamps[head];
    }

    private void grow(int extra) {
        if (size + extra <= events.length) {
            return;
        }
        int capacity = Integer.highestOneBit(size + extra - 1) << 1;
        Object[] e = new Object[capacity];
        long[] s = new long[capacity];
        for (int i = 0; i < size; i++) {
            int slot = (head + i) & (events.length - 1);
            e[i] = events[slot];
            s[i] = stamps[slot];
        }
        Arrays.fill(events, null);
        events = e;
        stamps = s;
        head = 0;
    }
}
