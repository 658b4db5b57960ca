package io.pacer.analysis;

import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoublePredicate;

/**
 * The statistics detectors and trends compute over stored series, written once: a point's value is its mean (a raw
 * sample's value, a rollup bucket's average), counters are read with resets handled, slopes are robust (Theil-Sen).
 */
public final class SeriesStats {

    private SeriesStats() {}

    /** Each point's mean value, oldest first. */
    public static double[] values(Series series) {
        return series.points().stream().mapToDouble(Point::avg).toArray();
    }

    /** The mean of the points' means; NaN for no points. */
    public static double mean(Series series) {
        return Arrays.stream(values(series)).average().orElse(Double.NaN);
    }

    /** The largest value any point saw (its bucket's max); NaN for no points. */
    public static double max(Series series) {
        return series.points().stream().mapToDouble(Point::max).max().orElse(Double.NaN);
    }

    /** The {@code q} quantile (0..1, nearest rank) of the points' means; NaN for no points. */
    public static double quantile(Series series, double q) {
        return quantile(values(series), q);
    }

    /** The {@code q} quantile (0..1, nearest rank) of {@code values}; NaN when empty. */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    /** The share of points whose mean is at or above {@code threshold}; 0 for no points. */
    public static double shareAtOrAbove(Series series, double threshold) {
        double[] v = values(series);
        return v.length == 0 ? 0 : Arrays.stream(v).filter(x -> x >= threshold).count() / (double) v.length;
    }

    /** The value of the newest point's last sample; NaN for no points. */
    public static double last(Series series) {
        List<Point> points = series.points();
        return points.isEmpty() ? Double.NaN : points.get(points.size() - 1).last();
    }

    /**
     * How much a counter ({@code *.total}) rose over the series: the sum of its rises, a fall counting as a reset to 0
     * (a restarted process), so a restart never reads as a negative increase.
     */
    public static double increase(Series series) {
        double total = 0;
        double previous = Double.NaN;
        for (Point p : series.points()) {
            double v = p.last();
            if (!Double.isNaN(previous)) {
                total += v >= previous ? v - previous : v;
            }
            previous = v;
        }
        return total;
    }

    /** A counter's average rise per second between its first and last point; NaN with fewer than two points. */
    public static double ratePerSecond(Series series) {
        List<Point> points = series.points();
        if (points.size() < 2) {
            return Double.NaN;
        }
        Duration span = Duration.between(
                points.get(0).timestamp(), points.get(points.size() - 1).timestamp());
        return span.isZero() ? Double.NaN : increase(series) / (span.toMillis() / 1000.0);
    }

    /**
     * The Theil-Sen slope of the points' means, per hour: the median of the slopes of every pair of points, robust to a
     * few outliers (a GC spike) where least squares is not. NaN with fewer than two points. At most 400 points are
     * used, evenly spaced, to keep it O(n²) small.
     */
    public static double slopePerHour(Series series) {
        List<Point> points = series.points();
        int n = points.size();
        if (n < 2) {
            return Double.NaN;
        }
        int step = Math.max(1, n / 400);
        int m = (n + step - 1) / step;
        double[] t = new double[m];
        double[] v = new double[m];
        for (int i = 0, k = 0; i < n && k < m; i += step, k++) {
            t[k] = points.get(i).timestamp().toEpochMilli() / 3_600_000.0;
            v[k] = points.get(i).avg();
        }
        double[] slopes = new double[m * (m - 1) / 2];
        int count = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                if (t[j] != t[i]) {
                    slopes[count++] = (v[j] - v[i]) / (t[j] - t[i]);
                }
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double[] used = Arrays.copyOf(slopes, count);
        Arrays.sort(used);
        return count % 2 == 1 ? used[count / 2] : (used[count / 2 - 1] + used[count / 2]) / 2;
    }

    // Trends (lane trend): the Mann-Kendall test and autocorrelation, for trends, change points and seasons.

    /** The Mann-Kendall trend test on {@code values}, oldest first (see {@link MannKendall}). */
    public static MannKendall mannKendall(double[] values) {
        return MannKendall.test(values);
    }

    /**
     * The sample autocorrelation of {@code values} at {@code lag} (how much the series resembles itself shifted by
     * {@code lag} points: near 1 at a seasonal period); 0 for a constant series or a lag with no pairs.
     */
    public static double autocorrelation(double[] values, int lag) {
        int n = values.length;
        if (lag <= 0 || lag >= n) {
            return 0;
        }
        double mean = Arrays.stream(values).average().orElse(0);
        double denominator = 0;
        for (double v : values) {
            denominator += (v - mean) * (v - mean);
        }
        if (denominator == 0) {
            return 0;
        }
        double numerator = 0;
        for (int i = lag; i < n; i++) {
            numerator += (values[i] - mean) * (values[i - lag] - mean);
        }
        return numerator / denominator;
    }

    // Onsets, monotone agreement, sums of series, a counter's rise over part of a window (system detectors).

    /**
     * When the stretch at the end of the series began in which at least {@code share} of the points meet
     * {@code condition}: the earliest point meeting it from which to the end the share holds ("busy since 11:52"). Null
     * when no point meets it.
     */
    public static Instant onset(Series series, DoublePredicate condition, double share) {
        List<Point> points = series.points();
        Instant onset = null;
        int hits = 0;
        for (int i = points.size() - 1, n = 1; i >= 0; i--, n++) {
            boolean hit = condition.test(points.get(i).avg());
            if (hit) {
                hits++;
                if (hits >= share * n) {
                    onset = points.get(i).timestamp();
                }
            }
        }
        return onset;
    }

    /**
     * How consistently {@code values} move one way, -1..1: Kendall's S (pairs rising minus pairs falling, oldest first)
     * over the number of pairs. 1 only rises, -1 only falls, near 0 no direction; NaN with fewer than two values.
     */
    public static double monotony(double[] values) {
        int n = values.length;
        if (n < 2) {
            return Double.NaN;
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                s += (long) Math.signum(values[j] - values[i]);
            }
        }
        return s / (n * (n - 1) / 2.0);
    }

    /**
     * One series of the sum of {@code parts} at each instant where the most of them have a point (the pools of a heap,
     * scraped together): a point's value is the sum of the parts' means. Instants some part lacks are left out rather
     * than summed short.
     */
    public static Series sum(String name, Map<String, String> labels, List<Series> parts) {
        TreeMap<Instant, double[]> sums = new TreeMap<>();
        for (Series part : parts) {
            for (Point p : part.points()) {
                double[] acc = sums.computeIfAbsent(p.timestamp(), t -> new double[2]);
                acc[0] += p.avg();
                acc[1]++;
            }
        }
        double most = sums.values().stream().mapToDouble(a -> a[1]).max().orElse(0);
        List<Point> points = sums.entrySet().stream()
                .filter(e -> e.getValue()[1] == most)
                .map(e -> {
                    double v = e.getValue()[0];
                    return new Point(e.getKey(), 1, v, v, v, v, null);
                })
                .toList();
        Resolution resolution = parts.isEmpty() ? Resolution.RAW : parts.get(0).resolution();
        return new Series(name, labels, resolution, points);
    }

    /**
     * How much a counter rose within {@code [from, to)}: from the last point before {@code from} (or the first point)
     * to the last point before {@code to}, resets handled as in {@link #increase(Series)}.
     */
    public static double increase(Series series, Instant from, Instant to) {
        List<Point> points = series.points();
        int start = 0;
        int end = 0;
        for (int i = 0; i < points.size(); i++) {
            Instant t = points.get(i).timestamp();
            if (!t.isAfter(from)) {
                start = i;
            }
            if (t.isBefore(to)) {
                end = i + 1;
            }
        }
        if (end - start < 2) {
            return 0;
        }
        return increase(new Series(series.name(), series.labels(), series.resolution(), points.subList(start, end)));
    }
}
