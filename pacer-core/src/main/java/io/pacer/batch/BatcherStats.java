package io.pacer.batch;

import io.pacer.metrics.BatcherSnapshot;
import io.pacer.metrics.BatcherSnapshot.Percentiles;
import io.pacer.time.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The batcher's counters and histograms. The flusher is the single writer of delivery figures (it records
 * latencies into a {@link SingleWriterRecorder}, so it never waits for a reader); producers only touch the
 * drop and reject adders, off the fast path. Readers take consistent-enough snapshots at any time.
 */
final class BatcherStats {
    private static final long MAX_LATENCY_MICROS = TimeUnit.HOURS.toMicros(24);
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong droppedOldest = new AtomicLong();
    final AtomicLong spilled = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong breakerTrips = new AtomicLong();
    final LongAdder droppedNewest = new LongAdder();
    final LongAdder rejected = new LongAdder();

    private final SingleWriterRecorder latency = new SingleWriterRecorder(1, MAX_LATENCY_MICROS, 3);
    private final SingleWriterRecorder batchSizes = new SingleWriterRecorder(1, BatchPolicy.MAX_EVENTS_LIMIT, 3);
    private final Ticker ticker;

    // reader side, guarded by this
    private final Histogram latencyTotal = new Histogram(1, MAX_LATENCY_MICROS, 3);
    private final Histogram batchSizeTotal = new Histogram(1, BatchPolicy.MAX_EVENTS_LIMIT, 3);
    private Histogram latencyInterval;
    private Histogram batchSizeInterval;
    private long rateAtNanos;
    private long rateDelivered;
    private long rateBatches;
    private long rateBytes;
    private double eventsPerSecond;
    private double batchesPerSecond;
    private double bytesPerSecond;

    BatcherStats(Ticker ticker) {
        this.ticker = ticker;
        this.rateAtNanos = ticker.nanos();
    }

    /** Flusher only: one event acknowledged {@code nanos} after it was offered. */
    void recordLatency(long nanos) {
        latency.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, nanos / 1000)));
    }

    /** Flusher only: one batch of {@code size} events and {@code batchBytes} bytes delivered. */
    void recordBatch(int size, long batchBytes) {
        batchSizes.recordValue(size);
        batches.lazySet(batches.get() + 1);
        bytes.lazySet(bytes.get() + batchBytes);
        delivered.lazySet(delivered.get() + size);
    }

    long dropped() {
        return droppedOldest.get() + droppedNewest.sum();
    }

    synchronized BatcherSnapshot snapshot(long accepted, long spoolDepth, long buffered, String breakerState,
                                          int maxEvents, long lingerNanos) {
        latencyInterval = latency.getIntervalHistogram(latencyInterval);
        latencyTotal.add(latencyInterval);
        batchSizeInterval = batchSizes.getIntervalHistogram(batchSizeInterval);
        batchSizeTotal.add(batchSizeInterval);
        updateRates();
        long dropped = dropped();
        long rejectedNow = rejected.sum();
        long offered = accepted + droppedNewest.sum() + rejectedNow;
        double meanBatch = batchSizeTotal.getTotalCount() == 0 ? 0 : batchSizeTotal.getMean();
        return new BatcherSnapshot(accepted, delivered.get(), failed.get(), dropped, rejectedNow, spoolDepth,
                buffered, eventsPerSecond, batchesPerSecond, bytesPerSecond, percentiles(latencyTotal), meanBatch,
                batchSizeTotal.getMaxValue(), Math.min(1.0, meanBatch / maxEvents),
                offered == 0 ? 0 : (double) (dropped + rejectedNow) / offered, breakerState, breakerTrips.get(),
                maxEvents, TimeUnit.NANOSECONDS.toMicros(lingerNanos));
    }

    private void updateRates() {
        long now = ticker.nanos();
        long elapsed = now - rateAtNanos;
        if (elapsed < RATE_WINDOW_NANOS && rateAtNanos != 0) {
            return;
        }
        double seconds = elapsed / 1e9;
        long d = delivered.get();
        long b = batches.get();
        long y = bytes.get();
        if (seconds > 0) {
            eventsPerSecond = (d - rateDelivered) / seconds;
            batchesPerSecond = (b - rateBatches) / seconds;
            bytesPerSecond = (y - rateBytes) / seconds;
        }
        rateAtNanos = now;
        rateDelivered = d;
        rateBatches = b;
        rateBytes = y;
    }

    private static Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return Percentiles.EMPTY;
        }
        return new Percentiles(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
    }
}
