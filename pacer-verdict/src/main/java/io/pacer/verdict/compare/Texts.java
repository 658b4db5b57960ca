package io.pacer.verdict.compare;

import io.pacer.metrics.Percentiles;
import java.util.Locale;

/** Numbers as the comparison's reasons and tables write them. */
final class Texts {
    private Texts() {}

    /** {@code 0.05} as {@code 5 %}, {@code 0.025} as {@code 2.5 %}. */
    static String percent(double fraction) {
        return number(fraction * 100) + " %";
    }

    /** A signed change in percent with one decimal ({@code +10.2 %}), or {@code new} when there is no ratio. */
    static String change(Double percent) {
        return percent == null ? "new" : String.format(Locale.ROOT, "%+.1f %%", percent);
    }

    /** A p-value: 3 significant digits, and {@code < 0.0001} below that. */
    static String pValue(double p) {
        return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.3g", p);
    }

    /** {@code 2} rather than {@code 2.0}; else up to 3 decimals without trailing zeros. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
    }

    /** A value in {@code unit} for people: latency in µs, ms or s; rates with separators; percentages. */
    static String value(double value, String unit) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return switch (unit) {
            case "µs" -> micros(value);
            case "%" -> String.format(Locale.ROOT, value < 10 ? "%.2f %%" : "%.1f %%", value);
            default ->
                (value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%,.1f", value))
                        + "/s";
        };
    }

    /** A latency given in µs, in the one textual form ({@link Percentiles#format}). */
    static String micros(double us) {
        return Percentiles.format(us);
    }
}
