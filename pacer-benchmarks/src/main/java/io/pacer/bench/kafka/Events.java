package io.pacer.bench.kafka;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * The events both contenders send, and how their latency is taken: each event is {@code size} bytes of random
 * letters whose first eight hold its intended send time ({@link System#nanoTime()}); whoever learns of its
 * acknowledgement records {@code now - intended} in µs. With a rate, intended times follow an open schedule (a
 * late event still counts from its slot); without one, an event is intended the moment it is made.
 */
final class Events {
    static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private final byte[] pool;
    private final int size;
    private final double nanosPerEvent;
    private int next;
    private long start;
    private long sequence;

    Events(int size, double ratePerSecond) {
        if (size < Long.BYTES) {
            throw new IllegalArgumentException("--size must be >= 8 bytes (the intended time), but was " + size);
        }
        this.size = size;
        this.nanosPerEvent = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        this.pool = new byte[1 << 20];
        Random random = new Random(42);
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (byte) ('A' + random.nextInt(26));
        }
    }

    /** Restarts the schedule now (the measured phase begins on time, whatever the warm-up did). */
    void restartSchedule() {
        start = System.nanoTime();
        sequence = 0;
    }

    /** The next event, once its intended time has come. */
    byte[] next() {
        long intended;
        if (nanosPerEvent > 0) {
            intended = start + (long) (sequence++ * nanosPerEvent);
            for (long wait; (wait = intended - System.nanoTime()) > 0; ) {
                LockSupport.parkNanos(Math.min(wait, 100_000));
            }
        } else {
            intended = System.nanoTime();
        }
        byte[] event = new byte[size];
        if (next + size > pool.length) {
            next = 0;
        }
        System.arraycopy(pool, next, event, 0, size);
        next += size;
        ByteBuffer.wrap(event).putLong(0, intended);
        return event;
    }

    /** Records the latency of an acknowledged event. */
    static void acknowledged(byte[] event, long ackNanos, Recorder latency) {
        long micros = (ackNanos - ByteBuffer.wrap(event).getLong(0)) / 1000;
        latency.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, micros)));
    }
}
