package io.pacer.analysis.detect;

import io.pacer.analysis.History;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoublePredicate;

/**
 * What the stream detectors share: finding the series of one subject (a group, a batcher, a Redis), cutting a series
 * to a part of the window, and judging how much of the window agrees with a condition — over the whole window, and
 * as the run of points that ends now, so that a fault injected late in a long window is still seen ("since 12:03").
 */
final class StreamSignals {

    private StreamSignals() {}

    /**
     * How many points of a series meet a condition.
     *
     * @param total the points judged
     * @param agreeing how many met the condition
     * @param trailing how many consecutive points up to the newest met it
     * @param since the first point of that trailing run; null when the newest point does not meet it
     */
    record Agreement(int total, int agreeing, int trailing, Instant since) {
        /** The share of points that met the condition, 0 for no points. */
        double share() {
            return total == 0 ? 0 : agreeing / (double) total;
        }

        /** Whether most of the window, or the last {@code minTrailing} points or more, met the condition. */
        boolean holds(double minShare, int minTrailing) {
            return total > 0 && (share() >= minShare || trailing >= minTrailing);
        }

        /**
         * How much of the window agrees, 0..1: the overall share, or — for a fault that began late in the window — the
         * trailing run against four times the run that counts ({@code minTrailing}), whichever is larger.
         */
        double weight(int minTrailing) {
            return Math.max(share(), Math.min(1, trailing / (4.0 * minTrailing)));
        }
    }

    /** The agreement of each point's mean with {@code condition}. */
    static Agreement agreement(Series series, DoublePredicate condition) {
        List<Point> points = series.points();
        int agreeing = 0;
        int trailing = 0;
        Instant since = null;
        for (Point p : points) {
            if (condition.test(p.avg())) {
                agreeing++;
                if (trailing == 0) {
                    since = p.timestamp();
                }
                trailing++;
            } else {
                trailing = 0;
                since = null;
            }
        }
        return new Agreement(points.size(), agreeing, trailing, since);
    }

    /** The points of {@code series} in {@code [from, to)}. */
    static Series slice(Series series, Instant from, Instant to) {
        List<Point> points = series.points().stream()
                .filter(p -> !p.timestamp().isBefore(from) && p.timestamp().isBefore(to))
                .toList();
        return new Series(series.name(), series.labels(), series.resolution(), points);
    }

    /**
     * A series of {@code f(a, b)} at the instants both series have a point (raw samples of one collection share their
     * instant; rollup buckets share their start), named {@code name}. Points where {@code f} is not finite are left out.
     */
    static Series combine(String name, Series a, Series b, DoubleBinaryOperator f) {
        Map<Instant, Double> right = new HashMap<>();
        b.points().forEach(p -> right.put(p.timestamp(), p.avg()));
        List<Point> points = new ArrayList<>();
        for (Point p : a.points()) {
            Double other = right.get(p.timestamp());
            if (other != null) {
                double v = f.applyAsDouble(p.avg(), other);
                if (Double.isFinite(v)) {
                    points.add(point(p.timestamp(), v));
                }
            }
        }
        return new Series(name, a.labels(), a.resolution(), points);
    }

    /**
     * A counter's rise between each point and the one before, at the later point's instant (a fall counts as a reset
     * to 0, as in {@link io.pacer.analysis.SeriesStats#increase}).
     */
    static Series increments(Series counter) {
        List<Point> points = new ArrayList<>();
        double previous = Double.NaN;
        for (Point p : counter.points()) {
            double v = p.last();
            if (!Double.isNaN(previous)) {
                points.add(point(p.timestamp(), v >= previous ? v - previous : v));
            }
            previous = v;
        }
        return new Series(counter.name(), counter.labels(), counter.resolution(), points);
    }

    private static Point point(Instant at, double value) {
        return new Point(at, 1, value, value, value, value, null);
    }

    /** The points of {@code series} from {@code from} on. */
    static Series since(Series series, Instant from) {
        return slice(series, from, Instant.MAX);
    }

    /** The values of {@code keys} in the series' labels (keys it lacks are left out): a finding's subject. */
    static Map<String, String> subject(Series series, String... keys) {
        Map<String, String> subject = new TreeMap<>();
        for (String key : keys) {
            String value = series.labels().get(key);
            if (value != null) {
                subject.put(key, value);
            }
        }
        return subject;
    }

    /** The first series named {@code name} whose labels include {@code subject}, or null. */
    static Series find(History history, String name, Map<String, String> subject) {
        List<Series> found = history.series(name, subject);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The series named {@code name} with at least {@code minPoints} points, one per subject (the series with the most
     * points when labels beyond the subject's keys split it), keyed by subject.
     */
    static Map<Map<String, String>, Series> bySubject(History history, String name, int minPoints, String... keys) {
        Map<Map<String, String>, Series> out = new LinkedHashMap<>();
        for (Series s : history.series(name)) {
            Map<String, String> subject = subject(s, keys);
            if (subject.size() != keys.length || s.points().size() < minPoints) {
                continue;
            }
            out.merge(subject, s, (a, b) -> a.points().size() >= b.points().size() ? a : b);
        }
        return out;
    }

    /**
     * A detector's confidence: half for crossing the threshold at all, up to a quarter more for how far past it
     * ({@code excess} = 1 means twice the threshold or more), up to a quarter more for how much of the window agrees.
     */
    static double confidence(double excess, double agreement) {
        double e = Double.isFinite(excess) ? Math.max(0, Math.min(1, excess)) : 1;
        double a = Double.isFinite(agreement) ? Math.max(0, Math.min(1, agreement)) : 0;
        return Math.min(1, 0.5 + 0.25 * e + 0.25 * a);
    }

    /** How far {@code observed} is past {@code threshold} in a {@code >=} rule, relative to the threshold. */
    static double above(double observed, double threshold) {
        return threshold == 0 ? 1 : observed / threshold - 1;
    }

    /** How far {@code observed} is below {@code threshold} in a {@code <=} rule, relative to the threshold. */
    static double below(double observed, double threshold) {
        return observed <= 0 ? 1 : threshold / observed - 1;
    }

    /** A number for a summary: whole from 10 on, else at most three decimals; no exponent, no trailing zeros. */
    static String num(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        String s = String.format(Locale.ROOT, "%.3f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A share as a percentage for a summary: {@code 0.973} → {@code 97%}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A duration for a summary: {@code 2 min 10 s}, {@code 45 s}. */
    static String span(Instant from, Instant to) {
        long seconds = Math.max(0, Duration.between(from, to).toSeconds());
        return seconds >= 120 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
