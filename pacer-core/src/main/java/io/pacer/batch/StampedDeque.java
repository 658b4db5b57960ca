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

    /** Moves every event of {@code front} in front of this deque's, keeping their order; {@code front} ends empty. */
    void addFirstAll(StampedDeque front) {
        grow(front.size);
        while (!front.isEmpty()) {
            int last = (front.head + front.size - 1) & (front.events.length - 1);
            head = (head - 1) & (events.length - 1);
            events[head] = front.events[last];
            stamps[head] = front.stamps[last];
            front.events[last] = null;
            front.size--;
            size++;
        }
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

    /** Appends events taken from {@code ring} until this deque holds {@code limit} or the ring is empty. */
    void takeFrom(StampedRing<?> ring, int limit) {
        Object[] e = new Object[256];
        long[] s = new long[256];
        while (size < limit) {
            int n = ring.drainTo(e, s, 0, Math.min(e.length, limit - size));
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                addLast(e[i], s[i]);
            }
        }
    }

    /** Discards the oldest event (DROP_OLDEST) and returns it. */
    Object dropFirst() {
        Object dropped = events[head];
        events[head] = null;
        head = (head + 1) & (events.length - 1);
        size--;
        return dropped;
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
