package io.pacer.monitor.store;

import io.pacer.monitor.Sample;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Samples waiting to be written, at most {@code capacity}: what rides out a slow or stopped database. Adding never
 * blocks; what does not fit is dropped and counted. The writer takes a batch with {@link #peek} and removes it with
 * {@link #remove} only once it is committed, so a failed write loses nothing.
 */
final class SampleBuffer {
    private final int capacity;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private long dropped;
    private boolean woken;

    SampleBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Adds what fits; returns how many were dropped. */
    int add(List<Sample> batch, int wakeAt) {
        lock.lock();
        try {
            int fits = Math.min(batch.size(), capacity - samples.size());
            for (int i = 0; i < fits; i++) {
                samples.addLast(batch.get(i));
            }
            int lost = batch.size() - fits;
            dropped += lost;
            if (samples.size() >= wakeAt) {
                arrived.signalAll();
            }
            return lost;
        } finally {
            lock.unlock();
        }
    }

    /** Counts a sample refused before it reached the buffer. */
    void reject() {
        lock.lock();
        try {
            dropped++;
        } finally {
            lock.unlock();
        }
    }

    /** The oldest {@code max} samples, left in the buffer. */
    List<Sample> peek(int max) {
        lock.lock();
        try {
            List<Sample> batch = new ArrayList<>(Math.min(max, samples.size()));
            Iterator<Sample> it = samples.iterator();
            while (batch.size() < max && it.hasNext()) {
                batch.add(it.next());
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the oldest {@code n} samples: they are written. */
    void remove(int n) {
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                samples.pollFirst();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until at least {@code atLeast} samples are buffered or {@code nanos} pass. */
    void await(int atLeast, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (samples.size() < atLeast && left > 0 && !woken) {
                left = arrived.awaitNanos(left);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a waiting writer (or the next to wait). */
    void wake() {
        lock.lock();
        try {
            woken = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return samples.size();
        } finally {
            lock.unlock();
        }
    }

    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    static long toNanos(java.time.Duration d) {
        return TimeUnit.NANOSECONDS.convert(d);
    }
}
