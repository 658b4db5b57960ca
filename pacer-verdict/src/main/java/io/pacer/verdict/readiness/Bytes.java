package io.pacer.verdict.readiness;

import java.util.Locale;

/** Byte counts as evidence shows them ({@code 7.5 GiB}) and as flags take them ({@code 8g}). */
final class Bytes {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Bytes() {}

    /** {@code 1536} as {@code 1.5 KiB}; negative (unknown) as {@code unknown}. */
    static String format(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " B";
        }
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, UNITS[unit]);
    }

    /**
     * {@code 8g}, {@code 512m}, {@code 4GiB}, {@code 1.5g}, {@code 1073741824}: binary multiples (k, m, g, t; an
     * optional {@code i} and {@code b}), as the JVM's {@code -Xmx} and container limits count.
     *
     * @throws IllegalArgumentException naming the value and the accepted forms
     */
    static long parse(String what, String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("i")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            shift = switch (s.charAt(s.length() - 1)) {
                case 'k' -> 10;
                case 'm' -> 20;
                case 'g' -> 30;
                case 't' -> 40;
                default -> 0;
            };
        }
        if (shift > 0) {
            s = s.substring(0, s.length() - 1).trim();
        }
        try {
            double value = Double.parseDouble(s);
            double bytes = value * (1L << shift);
            if (value > 0 && bytes < Long.MAX_VALUE && Double.isFinite(bytes) && !s.startsWith("+")) {
                return (long) bytes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                what + " must be a size > 0 such as 8g, 512m or 1073741824, but was '" + text + "'");
    }
}
