package io.pacer.cache;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The cache's counters ({@link LongAdder}s: many threads write, rarely anyone reads) and latency histograms
 * (HdrHistogram {@link Recorder}s: writers never wait for the reader). Snapshots accumulate since start.
 */
final class CacheStats {
    private static final long MAX_MICROS = Histograms.HIGHEST_LATENCY_MICROS;

    final LongAdder l1Hits = new LongAdder();
    final LongAdder l1Misses = new LongAdder();
    final LongAdder l1Evictions = new LongAdder();
    final LongAdder l2Hits = new LongAdder();
    final LongAdder l2Misses = new LongAdder();
    final LongAdder l2Errors = new LongAdder();
    final LongAdder l2Timeouts = new LongAdder();
    final LongAdder l2Skipped = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder lockFallbacks = new LongAdder();
    final LongAdder invalidationsReceived = new LongAdder();
    final LongAdder breakerTrips = new LongAdder();

    /** Time to serve an L1 miss. */
    final Latency l1Miss = new Latency();
    /** Round trip of a Redis read. */
    final Latency l2Read = new Latency();
    /** The loader's duration. */
    final Latency load = new Latency();

    synchronized CacheSnapshot snapshot(String name, long l1Size, String breakerState) {
        CacheSnapshot.Tier l1 = new CacheSnapshot.Tier(l1Hits.sum(), l1Misses.sum(), l1Miss.percentiles());
        CacheSnapshot.Tier l2 = new CacheSnapshot.Tier(l2Hits.sum(), l2Misses.sum(), l2Read.percentiles());
        CacheSnapshot.Loads loaded =
                new CacheSnapshot.Loads(loads.sum(), loadFailures.sum(), lockFallbacks.sum(), load.percentiles());
        return new CacheSnapshot(
                name,
                l1,
                l2,
                loaded,
                l1Size,
                l1Evictions.sum(),
                l2Errors.sum(),
                l2Timeouts.sum(),
                l2Skipped.sum(),
                breakerState,
                breakerTrips.sum(),
                invalidationsReceived.sum());
    }

    /**
     * Durations in microseconds: recorded from any thread, read as a total since start by the snapshot's lock. Two
     * significant digits (values exact to 1 %), not the standard three: a cache holds nine such histograms (three
     * stages, three each), and at two digits each takes 27 KB instead of 189 KB.
     */
    static final class Latency {
        private final Recorder recorder = new Recorder(1, MAX_MICROS, 2);
        private final Histogram total = new Histogram(1, MAX_MICROS, 2);
        private Histogram recycled;

        void record(long nanos) {
            recorder.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1000)));
        }

        private Percentiles percentiles() {
            recycled = recorder.getIntervalHistogram(recycled);
            total.add(recycled);
            return Percentiles.of(total);
        }
    }
}
