package io.pacer.analysis.detect;

import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the system detectors score and word their findings, written once so that every one of them means the same by
 * "confidence" and says "since 11:52 UTC" the same way.
 *
 * <p>Confidence is {@code agreement × (BASE + (1 − BASE) × excess)}: {@code agreement} is how much of the window
 * agrees (the share of points past the threshold, or how many requests back a percentile), {@code excess} how far the
 * observed value is past the threshold on the way to its severe value (0 at the threshold, 1 at or beyond it). So a
 * value just past its threshold for the whole window scores {@value #BASE}, and one far past it scores near 1.
 */
final class SystemSupport {

    /** Fewer points than this in a window judge nothing: 20 s at the demo's 2 s interval. */
    static final int MIN_POINTS = 10;

    /** The confidence of a value just past its threshold for the whole window. */
    static final double BASE = 0.6;

    private static final DateTimeFormatter CLOCK =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private SystemSupport() {}

    /** See the class comment; every input clamped to 0..1 where it is a share. */
    static double confidence(double agreement, double observed, double threshold, double severe) {
        double excess = severe == threshold ? 1 : (observed - threshold) / (severe - threshold);
        return clamp(clamp(agreement) * (BASE + (1 - BASE) * clamp(excess)));
    }

    static double clamp(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }

    /** Whether the series has enough points to be judged. */
    static boolean enough(Series series) {
        return series.points().size() >= MIN_POINTS;
    }

    /** {@code 0.934} → {@code "93 %"}; below 1 %, two decimals ({@code "0.10 %"}) so a small share is not "0 %". */
    static String percent(double ratio) {
        return ratio > 0 && ratio < 0.01
                ? String.format(Locale.ROOT, "%.2f %%", ratio * 100)
                : String.format(Locale.ROOT, "%.0f %%", ratio * 100);
    }

    /** {@code "11:52 UTC"}. */
    static String clock(Instant at) {
        return CLOCK.format(at);
    }

    /** {@code "45 s"}, {@code "10 min"}, {@code "2.5 h"}, {@code "3.0 days"}. */
    static String span(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 2 * 3600) {
            return Math.round(seconds / 60.0) + " min";
        }
        if (seconds < 2 * 86_400) {
            return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86_400.0);
    }

    /** {@code "512 MiB"}, {@code "3.2 GiB"}. */
    static String bytes(double b) {
        double mib = b / (1024.0 * 1024);
        return mib < 1024
                ? String.format(Locale.ROOT, "%.0f MiB", mib)
                : String.format(Locale.ROOT, "%.1f GiB", mib / 1024);
    }

    /** {@code "0.84 s"} or {@code "120 ms"}. */
    static String seconds(double s) {
        return s >= 1 ? String.format(Locale.ROOT, "%.2f s", s) : String.format(Locale.ROOT, "%.0f ms", s * 1000);
    }

    /** The window's length in words: {@code "the last 10 min"}. */
    static String window(Instant from, Instant to) {
        return "the last " + span(Duration.between(from, to));
    }

    /** {@code labels} without {@code dropped}: the key that groups series of one subject. */
    static Map<String, String> without(Map<String, String> labels, String... dropped) {
        Map<String, String> kept = new TreeMap<>(labels);
        for (String d : dropped) {
            kept.remove(d);
        }
        return kept;
    }

    /** A number with two significant decimals at most: {@code 3.14}, {@code 120}. */
    static String number(double x) {
        return Math.abs(x) >= 100
                ? String.format(Locale.ROOT, "%.0f", x)
                : String.format(Locale.ROOT, "%.2f", x).replaceAll("\\.?0+$", "");
    }
}
