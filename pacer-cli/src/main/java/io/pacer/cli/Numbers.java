package io.pacer.cli;

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

    /** A latency given in µs, as µs below 1 ms, ms below 10 s, else s. */
    static String micros(double us) {
        if (us < 1_000) {
            return String.format(Locale.ROOT, "%.0f µs", us);
        }
        if (us < 10_000_000) {
            return String.format(Locale.ROOT, "%.2f ms", us / 1_000);
        }
        return String.format(Locale.ROOT, "%.1f s", us / 1_000_000);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
