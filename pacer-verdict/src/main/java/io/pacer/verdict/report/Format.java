package io.pacer.verdict.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers as a report shows them: units stated, digits that matter, the same in every locale. */
final class Format {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Format() {}

    /** A latency given in µs, shown in ms: {@code 0.412 ms}, {@code 12.3 ms}, {@code 1,234 ms}. */
    static String latency(long micros) {
        return millis(micros / 1000.0) + " ms";
    }

    /**
     * A number of ms with three significant digits below 1,000, trailing zeros kept so a column of latencies lines
     * up ({@code 0.900}, {@code 2.05}, {@code 12.0}), and whole ms above.
     */
    static String millis(double millis) {
        if (millis >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", millis);
        }
        if (millis <= 0 || !Double.isFinite(millis)) {
            return millis == 0 ? "0" : "–";
        }
        BigDecimal rounded = new BigDecimal(millis).round(new MathContext(3, RoundingMode.HALF_EVEN));
        int integerDigits = rounded.precision() - rounded.scale();
        return rounded.setScale(Math.max(0, 3 - integerDigits), RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    /** An operations-per-second rate: {@code 12,345/s}, {@code 87.5/s}. */
    static String rate(double perSecond) {
        return number(perSecond) + "/s";
    }

    /** A plain figure: grouped whole numbers from 100 up, three significant digits below. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return significant(value, 3);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A fraction 0..1 as a percentage: {@code 0.12 %}, {@code 0 %}. */
    static String percent(double fraction) {
        return significant(fraction * 100, 3) + " %";
    }

    /** A ratio in % with its sign: {@code +4.2 %}, {@code −10 %}. */
    static String change(double percent) {
        String magnitude = significant(Math.abs(percent), 3);
        return (percent > 0 ? "+" : percent < 0 ? "−" : "±") + magnitude + " %";
    }

    /** US dollars, four significant digits and at least cents: {@code $0.01234}, {@code $0.10}, {@code $12.35}. */
    static String usd(double dollars) {
        if (!Double.isFinite(dollars)) {
            return "–";
        }
        BigDecimal rounded = new BigDecimal(dollars)
                .round(new MathContext(4, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
        return "$" + (rounded.scale() < 2 ? rounded.setScale(2, RoundingMode.UNNECESSARY) : rounded).toPlainString();
    }

    /** A duration in ms: {@code 850 ms}, {@code 45.0 s}, {@code 12 min 05 s}, {@code 1 h 02 min}. */
    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = millis / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return significant(bytes / (double) (1L << 30), 3) + " GiB";
        }
        return significant(bytes / (double) (1L << 20), 3) + " MiB";
    }

    static String instant(Instant instant) {
        return instant == null ? "–" : INSTANT.format(instant);
    }

    /** A gate's value in its unit: {@code 412 ms}, {@code 0.5 %}, {@code 1,000/s}, {@code 3 records}. */
    static String inUnit(double value, String unit) {
        String number = number(value);
        if (unit.isEmpty()) {
            return number;
        }
        return unit.startsWith("/") ? number + unit : number + " " + unit;
    }

    /** {@code value} rounded to {@code digits} significant digits, plain, without trailing zeros. */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value)) {
            return "–";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        return rounded.stripTrailingZeros().toPlainString();
    }
}
