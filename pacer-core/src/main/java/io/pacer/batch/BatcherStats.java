package io.pacer.batch;

import io.pacer.metrics.BatcherSnapshot;
import io.pacer.metrics.Percentiles;
import io.pacer.time.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The batcher's counters and histograms. The flusher is the single writer of delivery figures (latencies go
 * through a {@link WriterReaderPhaser}, batch sizes through a {@link SingleWriterRecorder}, so it never waits
 * for a reader); producers only touch the
 * drop and reject adders, off the fast path. Readers take consistent-enough snapshots at any time.
 */
final class BatcherStats {
    /**
     * A day, not the standard hour of {@code Histograms.latency()}: an event may wait in the spool through a long
     * outage, and its latency is still recorded as it was.
     */
    private static final long MAX_LATENCY_MICROS = TimeUnit.HOURS.toMicros(24);

    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong droppedOldest = new AtomicLong();
    final AtomicLong spilled = new AtomicLong();
    final AtomicLong batches = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong breakerTrips = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();
    final LongAdder droppedNewest = new LongAdder();
    final LongAdder rejected = new LongAdder();

    private final WriterReaderPhaser latencyPhaser = new WriterReaderPhaser();
    private volatile Histogram latencyActive = new Histogram(1, MAX_LATENCY_MICROS, 3);
    private final SingleWriterRecorder batchSizes = new SingleWriterRecorder(1, BatchPolicy.MAX_EVENTS_LIMIT, 3);
    private final Ticker ticker;

    // reader side, guarded by this
    private final Histogram latencyTotal = new Histogram(1, MAX_LATENCY_MICROS, 3);
    private final Histogram batchSizeTotal = new Histogram(1, BatchPolicy.MAX_EVENTS_LIMIT, 3);
    private Histogram latencyInterval = new Histogram(1, MAX_LATENCY_MICROS, 3);
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

    /**
     * Flusher only: {@code count} events acknowledged at {@code ackNanos}, offered at {@code offerStamps}. One
     * writer critical section per batch, not per event: HdrHistogram's {@link WriterReaderPhaser}, the
     * mechanism behind its {@code Recorder}, so the flusher never waits for a reader.
     */
    void recordLatencies(long[] offerStamps, int count, long ackNanos) {
        long phase = latencyPhaser.writerCriticalSectionEnter();
        try {
            Histogram h = latencyActive;
            for (int i = 0; i < count; i++) {
                h.recordValue(Math.min(MAX_LATENCY_MICROS, Math.max(1, (ackNanos - offerStamps[i]) / 1000)));
            }
        } finally {
            latencyPhaser.writerCriticalSectionExit(phase);
        }
    }

    /** Flusher only: one batch of {@code size} events and {@code batchBytes} bytes delivered. */
    void recordBatch(int size, long batchBytes) {
        batchSizes.recordValue(size);
        if (size > largestBatch.get()) {
            largestBatch.lazySet(size);
        }
        batches.lazySet(batches.get() + 1);
        bytes.lazySet(bytes.get() + batchBytes);
        delivered.lazySet(delivered.get() + size);
    }

    long dropped() {
        return droppedOldest.get() + droppedNewest.sum();
    }

    synchronized BatcherSnapshot snapshot(
            long accepted, long spoolDepth, long buffered, String breakerState, int maxEvents, long lingerNanos) {
        latencyTotal.add(swapLatencyInterval());
        batchSizeInterval = batchSizes.getIntervalHistogram(batchSizeInterval);
        batchSizeTotal.add(batchSizeInterval);
        updateRates();
        long dropped = dropped();
        long rejectedNow = rejected.sum();
        long offered = accepted + droppedNewest.sum() + rejectedNow;
        // Mean and max are exact (counters); the histogram, at 3 significant digits, gives the percentiles.
        long batchCount = batches.get();
        double meanBatch = batchCount == 0 ? 0 : (double) delivered.get() / batchCount;
        Percentiles sizes = exactBatchSizes(Percentiles.of(batchSizeTotal), meanBatch, largestBatch.get());
        return new BatcherSnapshot(
                accepted,
                delivered.get(),
                failed.get(),
                dropped,
                rejectedNow,
                spoolDepth,
                buffered,
                eventsPerSecond,
                batchesPerSecond,
                bytesPerSecond,
                Percentiles.of(latencyTotal),
                sizes,
                Math.min(1.0, meanBatch / maxEvents),
                offered == 0 ? 0 : (double) (dropped + rejectedNow) / offered,
                breakerState,
                breakerTrips.get(),
                maxEvents,
                TimeUnit.NANOSECONDS.toMicros(lingerNanos));
    }

    private Histogram swapLatencyInterval() {
        latencyPhaser.readerLock();
        try {
            Histogram filled = latencyActive;
            latencyInterval.reset();
            latencyActive = latencyInterval;
            latencyPhaser.flipPhase();
            latencyInterval = filled;
            return filled;
        } finally {
            latencyPhaser.readerUnlock();
        }
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

    /** {@code histogram}'s percentiles with the exact mean and max, and no percentile above the max. */
    private static Percentiles exactBatchSizes(Percentiles histogram, double mean, long max) {
        return new Percentiles(
                histogram.count(),
                mean,
                Math.min(histogram.p50(), max),
                Math.min(histogram.p90(), max),
                Math.min(histogram.p95(), max),
                Math.min(histogram.p99(), max),
                Math.min(histogram.p999(), max),
                max);
    }
}
