package io.pacer.monitor.alert;

import java.time.Duration;

/** Numbers and durations as alert messages show them: {@code 0.9}, {@code 2}, {@code 90s}, {@code 5m}. */
final class Texts {
    private Texts() {}

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "no value";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(java.util.Locale.ROOT, "%.4g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
