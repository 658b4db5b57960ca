package io.pacer.monitor.store;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.time.Instant;

/**
 * One point of a series at some resolution: a raw sample (count 1, every statistic its value) or a rollup bucket.
 *
 * @param timestamp the sample's instant, or the bucket's start
 * @param count samples in the bucket
 * @param sum their sum
 * @param min the smallest
 * @param max the largest
 * @param last the value of the latest sample (by timestamp; of equal timestamps, the one stored last)
 * @param histogram the merged HdrHistogram of the bucket's samples that carried one ({@link Histograms}); null if none
 */
public record Point(Instant timestamp, long count, double sum, double min, double max, double last, String histogram) {

    /** The mean of the bucket's samples. */
    public double avg() {
        return sum / count;
    }

    /** Exact percentiles from the merged histogram; {@link Percentiles#EMPTY} when there is none. */
    public Percentiles percentiles() {
        return histogram == null ? Percentiles.EMPTY : Percentiles.of(Histograms.decode(histogram));
    }
}
