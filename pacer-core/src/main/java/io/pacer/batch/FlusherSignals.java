package io.pacer.batch;

import io.pacer.time.Ticker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What producers read from the flusher on every offer, alone on a cache line (the middle of an array padded
 * 64 bytes on both sides, so no other field shares it):
 * <ul>
 *   <li>the wake threshold — how many events in the ring should wake the parked flusher ({@link #AWAKE} while
 *       it runs), so producers pay for {@code unpark} only when the flusher sleeps;</li>
 *   <li>a cached clock — the ticker's reading the flusher published as it started its current pass over the
 *       ring, or {@link #STOPPED} while it is parked or inside a sink, spool or listener call. Producers stamp
 *       offers with it while it runs and read the ticker themselves otherwise.</li>
 * </ul>
 *
 * <p>Notes: reading the ticker costs about 30 ns on the machines we measured, most of a producer's budget;
 * the cached clock (the idea of Agrona's {@code CachedNanoClock}) removes it from the hot path. A cached
 * reading is never later than the true offer time, so offer-to-ack latency is never understated; while the
 * flusher runs it is at most one pass (one drain of up to a batch, a few microseconds) early.
 */
final class FlusherSignals {
    static final long AWAKE = Long.MAX_VALUE;
    static final long STOPPED = Long.MIN_VALUE;
    private static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int WAKE = 8;
    private static final int CLOCK = 9;

    private final long[] padded = new long[CLOCK + 9];
    private final Ticker ticker;

    FlusherSignals(Ticker ticker) {
        this.ticker = ticker;
        wakeAt(AWAKE);
        stopClock();
    }

    long wakeThreshold() {
        return (long) CELL.getVolatile(padded, WAKE);
    }

    void wakeAt(long threshold) {
        CELL.setVolatile(padded, WAKE, threshold);
    }

    /** The time to stamp an offer with: the flusher's cached reading while it runs, else the ticker's. */
    long offerTime() {
        long cached = (long) CELL.getAcquire(padded, CLOCK);
        return cached != STOPPED ? cached : ticker.nanos();
    }

    /** Flusher: starts a pass over the ring; returns the time published. */
    long publishClock() {
        long now = ticker.nanos();
        CELL.setRelease(padded, CLOCK, now);
        return now;
    }

    /** Flusher: about to park or call out (sink, spool, listener), where the cached time would go stale. */
    void stopClock() {
        CELL.setVolatile(padded, CLOCK, STOPPED);
    }
}
