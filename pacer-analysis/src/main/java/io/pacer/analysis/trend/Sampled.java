package io.pacer.analysis.trend;

import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A series as the trend statistics read it: evenly many values with their instants, at most a few hundred (groups of
 * consecutive points averaged, so an O(n²) test stays cheap on a week of 2-second samples), and the typical step.
 *
 * @param millis each value's instant, epoch milliseconds (a group's first point's)
 * @param values the values, oldest first
 * @param stepMillis the median gap between consecutive values
 */
record Sampled(long[] millis, double[] values, long stepMillis) {

    /** The points' means, grouped so that at most {@code maxPoints} remain. */
    static Sampled of(Series series, int maxPoints) {
        List<Point> points = series.points();
        double[] raw = points.stream().mapToDouble(Point::avg).toArray();
        long[] at = points.stream().mapToLong(p -> p.timestamp().toEpochMilli()).toArray();
        return grouped(at, raw, maxPoints);
    }

    /**
     * A counter's rise per second between consecutive points (a fall read as a restart from 0, as
     * {@code SeriesStats.increase} does), grouped so that at most {@code maxPoints} remain.
     */
    static Sampled ratesOf(Series counter, int maxPoints) {
        List<Point> points = counter.points();
        int n = Math.max(0, points.size() - 1);
        double[] rates = new double[n];
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            double seconds = (b.timestamp().toEpochMilli() - a.timestamp().toEpochMilli()) / 1000.0;
            double rise = b.last() >= a.last() ? b.last() - a.last() : b.last();
            rates[i] = seconds > 0 ? rise / seconds : 0;
            at[i] = b.timestamp().toEpochMilli();
        }
        return grouped(at, rates, maxPoints);
    }

    /** {@code raw} at {@code at}, groups of consecutive values averaged so that at most {@code maxPoints} remain. */
    static Sampled grouped(long[] at, double[] raw, int maxPoints) {
        int group = Math.max(1, (raw.length + maxPoints - 1) / maxPoints);
        int n = (raw.length + group - 1) / group;
        double[] values = new double[n];
        long[] millis = new long[n];
        for (int k = 0; k < n; k++) {
            int from = k * group;
            int to = Math.min(raw.length, from + group);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += raw[i];
            }
            values[k] = sum / (to - from);
            millis[k] = at[from];
        }
        return new Sampled(millis, values, medianStep(millis));
    }

    private static long medianStep(long[] millis) {
        if (millis.length < 2) {
            return 0;
        }
        long[] gaps = new long[millis.length - 1];
        for (int i = 1; i < millis.length; i++) {
            gaps[i - 1] = millis[i] - millis[i - 1];
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    int size() {
        return values.length;
    }

    Instant at(int i) {
        return Instant.ofEpochMilli(millis[i]);
    }

    /** The values {@code [from, to)}. */
    double[] slice(int from, int to) {
        return Arrays.copyOfRange(values, from, to);
    }
}
