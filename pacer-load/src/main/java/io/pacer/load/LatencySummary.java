package io.pacer.load;

import org.HdrHistogram.AbstractHistogram;

/**
 * Latency percentiles of a set of operations, in microseconds from each operation's intended start to its
 * completion. Percentiles come from an HdrHistogram with 3 significant digits, so they are exact to 0.1%.
 *
 * @param count how many operations the figures summarise
 * @param mean  mean latency, µs
 * @param p50   median, µs
 * @param p90   90th percentile, µs
 * @param p99   99th percentile, µs
 * @param p999  99.9th percentile, µs
 * @param max   largest latency, µs
 */
public record LatencySummary(long count, double mean, long p50, long p90, long p99, long p999, long max) {

    /** No operations. */
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    static LatencySummary of(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                h.getTotalCount(),
                h.getMean(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9),
                h.getMaxValue());
    }
}
