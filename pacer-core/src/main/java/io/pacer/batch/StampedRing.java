package io.pacer.batch;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded lock-free multi-producer / single-consumer ring that stores, beside each event, the time it was
 * offered. Same algorithm as JCTools' {@code MpscArrayQueue} (producers claim a slot by CAS on the producer
 * index, publish the element with a release store; the consumer frees slots with a release store of its
 * index), written here because JCTools queues carry one reference per slot and latency from {@code offer}
 * needs a timestamp per event without allocating an envelope for it.
 *
 * <p>Events of one producer thread are consumed in the order it offered them: its claims are increasing.
 */
final class StampedRing<T> {
    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    /** Indices live 16 longs (128 bytes) apart so producers and the consumer don't share a cache line. */
    private static final int PRODUCER = 15;

    private static final int LIMIT = 31;
    private static final int CONSUMER = 47;

    private final long[] indices = new long[64];
    private final Object[] events;
    private final long[] stamps;
    private final int mask;

    StampedRing(int requestedCapacity) {
        int capacity = Integer.highestOneBit(Math.max(2, requestedCapacity) - 1) << 1;
        events = new Object[capacity];
        stamps = new long[capacity];
        mask = capacity - 1;
        INDEX.setRelease(indices, LIMIT, (long) capacity);
    }

    int capacity() {
        return mask + 1;
    }

    /** Adds an event; false when full. Safe from any thread. */
    boolean offer(T event, long stamp) {
        long index;
        do {
            index = (long) INDEX.getVolatile(indices, PRODUCER);
            if (index >= (long) INDEX.getAcquire(indices, LIMIT)) {
                long limit = (long) INDEX.getVolatile(indices, CONSUMER) + mask + 1;
                if (index >= limit) {
                    return false;
                }
                INDEX.setRelease(indices, LIMIT, limit);
            }
        } while (!INDEX.compareAndSet(indices, PRODUCER, index, index + 1));
        int slot = (int) index & mask;
        stamps[slot] = stamp;
        SLOT.setRelease(events, slot, event);
        return true;
    }

    /**
     * Moves up to {@code limit} events, oldest first, into the arrays from {@code at}; consumer thread only.
     * Stops early at a slot claimed but not yet published (it is taken on the next call).
     *
     * @return how many were moved
     */
    int drainTo(Object[] toEvents, long[] toStamps, int at, int limit) {
        long index = (long) INDEX.getOpaque(indices, CONSUMER);
        int moved = 0;
        while (moved < limit) {
            int slot = (int) index & mask;
            Object event = SLOT.getAcquire(events, slot);
            if (event == null) {
                break;
            }
            toEvents[at + moved] = event;
            toStamps[at + moved] = stamps[slot];
            SLOT.setOpaque(events, slot, null);
            index++;
            moved++;
        }
        if (moved > 0) {
            INDEX.setRelease(indices, CONSUMER, index);
        }
        return moved;
    }

    /** Events offered over the ring's life (each accepted offer claims one index). */
    long offered() {
        return (long) INDEX.getVolatile(indices, PRODUCER);
    }

    /** Events taken by the consumer over the ring's life. */
    long consumed() {
        return (long) INDEX.getVolatile(indices, CONSUMER);
    }

    /** Events in the ring now (a moment's estimate when producers are active). */
    int size() {
        long consumer = consumed();
        long producer = offered();
        return (int) Math.max(0, Math.min(producer - consumer, mask + 1));
    }
}
