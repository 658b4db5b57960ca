package io.pacer.cli;

import io.pacer.metrics.Percentiles;
import java.util.Locale;

/** Number formats for people: thousands separators, latency in the unit that reads best. */
final class Numbers {
    private Numbers() {}

    static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    static String rate(double perSecond) {
        return perSecond >= 100 ? count(perSecond) : String.format(Locale.ROOT, "%,.1f", perSecond);
    }

    static String mb(double megabytesPerSecond) {
        return String.format(Locale.ROOT, "%,.2f", megabytesPerSecond);
    }

    /** A latency given in µs, in the one textual form ({@link Percentiles#format}). */
    static String micros(double us) {
        return Percentiles.format(us);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** A measured value, up to four significant digits, no trailing zeros; {@code none} for null or NaN. */
    static String decimal(Double v) {
        if (v == null || v.isNaN()) {
            return "none";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** A duration as people write it: {@code 45s}, {@code 2m 30s}, {@code 1h 5m}, {@code 3d 2h}, {@code 250ms}. */
    static String duration(java.time.Duration d) {
        long s = d.getSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + (s % 60 == 0 ? "" : " " + s % 60 + "s");
        }
        if (s < 86_400) {
            return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + "m");
        }
        return s / 86_400 + "d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + "h");
    }
}
