package io.pacer.batch;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Connects the flusher to the disk spool under {@link Overflow.Spill}: spills what cannot be delivered,
 * replays it oldest first, and remembers the offer times of what this process spilled so replayed events still
 * count their whole latency (events spilled by an earlier process have no offer time here and are counted
 * without latency). It reports what it did (events spilled, what became of a replay) and leaves the flusher's
 * accounting to the flusher. Flusher thread only.
 */
final class SpoolBridge<O> {

    /** What became of a batch replayed from the spool. */
    enum Replay {
        /** Settled: delivered, or failed for good; the spool moves past it. */
        DONE,
        /** The breaker refused it; it stays first in the spool. */
        DENIED,
        /** It failed retriably (or the batcher is stopping); it stays first in the spool and goes again. */
        RETRY
    }

    /** Delivers one batch read from the spool (the flusher). */
    interface Delivery<O> {
        /** @param offerStamps the events' offer times, or null when unknown (spilled by an earlier process) */
        Replay deliver(List<O> events, long[] offerStamps);
    }

    private final Spool<O> spool;
    private final FlusherContext<O> ctx;
    private final ArrayDeque<long[]> spilledStamps = new ArrayDeque<>();
    private long eventsFromEarlierRun;
    private String lastRefusal;

    private SpoolBridge(Spool<O> spool, FlusherContext<O> ctx) {
        this.spool = spool;
        this.ctx = ctx;
        this.eventsFromEarlierRun = spool == null ? 0 : spool.depthEvents();
    }

    static <O> SpoolBridge<O> none() {
        return new SpoolBridge<>(null, null);
    }

    static <O> SpoolBridge<O> of(Spool<O> spool, FlusherContext<O> ctx) {
        return new SpoolBridge<>(spool, ctx);
    }

    boolean enabled() {
        return spool != null;
    }

    boolean hasData() {
        return spool != null && spool.depthEvents() > 0;
    }

    long depth() {
        return spool == null ? 0 : spool.depthEvents();
    }

    /**
     * Appends the backlog, then the ring, behind what the spool holds, in batches of the current size.
     * On refusal (full, I/O error) the events stay in memory, bounded by the buffer capacity.
     *
     * @return how many events it spilled (settled, for {@code flush}: they are safe on disk)
     */
    int append(StampedDeque backlog, StampedRing<O> ring) {
        int max = ctx.limits().maxEvents();
        Object[] events = new Object[max];
        long[] stamps = new long[max];
        int spilled = 0;
        while (true) {
            int n = backlog.pollTo(events, stamps, 0, max);
            if (n < max) {
                n += ring.drainTo(events, stamps, n, max - n);
            }
            if (n == 0) {
                return spilled;
            }
            if (!appendOne(events, stamps, n)) {
                backlog.addFirst(events, stamps, n);
                return spilled;
            }
            spilled += n;
        }
    }

    private boolean appendOne(Object[] events, long[] stamps, int n) {
        @SuppressWarnings("unchecked")
        List<O> list = (List<O>) new ArrayList<>(Arrays.asList(events).subList(0, n));
        try {
            spool.append(list);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (!message.equals(lastRefusal)) {
                lastRefusal = message;
                ctx.log().warn("batcher {}: spool refused a batch, holding events in memory: {}", ctx.name(), message);
                ctx.emit(new BatcherEvent.SpoolRefused(ctx.name(), message));
            }
            return false;
        }
        lastRefusal = null;
        spilledStamps.addLast(Arrays.copyOf(stamps, n));
        ctx.stats().spilled.addAndGet(n);
        return true;
    }

    /**
     * Hands the oldest spooled batch to {@code delivery} and commits it once settled.
     *
     * @return false when the breaker refused or the spool could not be read (the caller waits); true otherwise
     *     (settled, or failed and the flusher scheduled a retry)
     */
    boolean replayOne(Delivery<O> delivery) {
        List<O> batch;
        try {
            batch = spool.peek();
        } catch (IOException e) {
            ctx.log().error("batcher {}: cannot read spool, will retry: {}", ctx.name(), e.toString());
            return false;
        }
        if (batch == null) {
            return true;
        }
        long[] stamps = eventsFromEarlierRun > 0 ? null : spilledStamps.peekFirst();
        Replay outcome = delivery.deliver(batch, stamps);
        if (outcome == Replay.DENIED) {
            return false;
        }
        if (outcome == Replay.DONE) {
            try {
                spool.commit();
            } catch (IOException e) {
                ctx.log()
                        .error(
                                "batcher {}: cannot commit spool position (batch may be delivered again): {}",
                                ctx.name(),
                                e.toString());
                return true;
            }
            if (eventsFromEarlierRun > 0) {
                eventsFromEarlierRun = Math.max(0, eventsFromEarlierRun - batch.size());
            } else {
                spilledStamps.pollFirst();
            }
        }
        return true;
    }

    void close() {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                ctx.log().warn("batcher {}: closing spool failed: {}", ctx.name(), e.toString());
            }
        }
    }

    /** Spills events left in memory at close; returns how many were written. */
    long spillAtClose(List<O> leftovers) {
        if (spool == null || leftovers.isEmpty()) {
            return 0;
        }
        try {
            spool.append(leftovers);
            return leftovers.size();
        } catch (IOException | RuntimeException e) {
            ctx.log()
                    .warn(
                            "batcher {}: could not spill {} events at close: {}",
                            ctx.name(),
                            leftovers.size(),
                            e.toString());
            return 0;
        }
    }
}
