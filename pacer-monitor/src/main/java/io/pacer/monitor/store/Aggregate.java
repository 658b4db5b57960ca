package io.pacer.monitor.store;

import io.pacer.metrics.Histograms;
import org.HdrHistogram.Histogram;

/**
 * The statistics of one rollup bucket while it is being built: count, sum, min, max, the latest value and, for a
 * latency series, the merged histogram. Merging two aggregates gives exactly the aggregate of all their samples.
 * Mutable; one thread at a time.
 */
final class Aggregate {
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double last;
    private long lastMillis = Long.MIN_VALUE;
    private Histogram histogram;

    Aggregate() {}

    /** An aggregate as stored. */
    static Aggregate of(long count, double sum, double min, double max, double last, long lastMillis, String hist) {
        Aggregate a = new Aggregate();
        a.count = count;
        a.sum = sum;
        a.min = min;
        a.max = max;
        a.last = last;
        a.lastMillis = lastMillis;
        a.histogram = hist == null ? null : Histograms.decode(hist);
        return a;
    }

    /** Adds one sample; of equal timestamps, the one added later becomes {@code last}. */
    void add(double value, long millis, String encodedHistogram) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        if (millis >= lastMillis) {
            last = value;
            lastMillis = millis;
        }
        if (encodedHistogram != null) {
            addHistogram(Histograms.decode(encodedHistogram));
        }
    }

    /** Adds every sample of {@code other}, which is the later of the two when their latest timestamps tie. */
    void merge(Aggregate other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (other.lastMillis >= lastMillis) {
            last = other.last;
            lastMillis = other.lastMillis;
        }
        if (other.histogram != null) {
            addHistogram(other.histogram);
        }
    }

    private void addHistogram(Histogram h) {
        if (histogram == null) {
            histogram = new Histogram(Histograms.SIGNIFICANT_DIGITS);
        }
        histogram.add(h);
    }

    long count() {
        return count;
    }

    double sum() {
        return sum;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    double last() {
        return last;
    }

    long lastMillis() {
        return lastMillis;
    }

    String encodedHistogram() {
        return histogram == null ? null : Histograms.encode(histogram);
    }
}
