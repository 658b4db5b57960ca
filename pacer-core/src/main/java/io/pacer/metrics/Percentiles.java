package io.pacer.metrics;

import java.util.Locale;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;

/**
 * Pacer's one summary of a distribution, read from an HdrHistogram: how many values, their mean, the 50th, 90th,
 * 95th, 99th and 99.9th percentiles and the largest. Every snapshot and every {@code RunResult} reports latency with
 * it; the batcher also summarises batch sizes with it.
 *
 * <p>Units are the histogram's, so they are stated where a {@code Percentiles} is held: latencies are always
 * microseconds — in a load run from each operation's <em>intended</em> start to its completion (so a stall delays
 * the clock of every operation it held up instead of hiding them: coordinated omission), in the batcher from
 * {@code offer} to the sink's acknowledgement, in the cache from the call to its answer — and a field holding one
 * is named {@code latencyMicros} or documented in µs; {@code BatcherSnapshot.batchSize()} counts events. Percentiles
 * are exact to the histogram's precision (3 significant digits, 0.1 %, in the {@linkplain Histograms#latency()
 * standard shape}). Percentiles of two sets of values do not combine into the percentiles of both: merge their
 * histograms ({@link Histograms#merge}) and summarise the merge.
 *
 * @param count how many values the figures summarise
 * @param mean their mean
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p95 the 95th percentile
 * @param p99 the 99th percentile
 * @param p999 the 99.9th percentile
 * @param max the largest value
 */
public record Percentiles(long count, double mean, long p50, long p90, long p95, long p99, long p999, long max) {

    /** No values: every figure 0. */
    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0, 0, 0, 0, 0);

    /** The percentiles of everything recorded in {@code histogram}; {@link #EMPTY} when it is empty. */
    public static Percentiles of(AbstractHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        if (histogram.getTotalCount() == 0) {
            return EMPTY;
        }
        return new Percentiles(
                histogram.getTotalCount(),
                histogram.getMean(),
                histogram.getValueAtPercentile(50),
                histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(95),
                histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9),
                histogram.getMaxValue());
    }

    /**
     * A latency in µs as people read it, the one textual form every report shares: µs below 1 ms ({@code 840 µs}), ms
     * below 10 s ({@code 12.50 ms}), else s ({@code 12.3 s}).
     */
    public static String format(double micros) {
        if (micros < 1_000) {
            return String.format(Locale.ROOT, "%.0f µs", micros);
        }
        if (micros < 10_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", micros / 1_000);
        }
        return String.format(Locale.ROOT, "%.1f s", micros / 1_000_000);
    }
}
