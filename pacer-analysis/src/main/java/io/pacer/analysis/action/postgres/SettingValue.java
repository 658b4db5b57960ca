package io.pacer.analysis.action.postgres;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a value for a PostgreSQL setting as {@code pg_settings} describes it (type, unit, range, choices) before
 * {@code ALTER SYSTEM} writes it: a reload silently ignores a bad value in {@code postgresql.auto.conf}, so the plan
 * must refuse it with the range in words. Units are PostgreSQL's ({@code kB MB GB TB B}, {@code us ms s min h d}).
 *
 * @param name the setting
 * @param type {@code bool}, {@code enum}, {@code integer}, {@code real} or {@code string}
 * @param unit the unit the setting counts in ({@code kB}, {@code 8kB}, {@code ms}, …), or null
 * @param min the smallest value in that unit, or null
 * @param max the largest value in that unit, or null
 * @param choices an enum's values
 */
record SettingValue(String name, String type, String unit, Double min, Double max, List<String> choices) {

    private static final Pattern NUMBER_WITH_UNIT =
            Pattern.compile("\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*([a-zA-Z]*)\\s*");
    private static final Map<String, Double> BYTES = Map.of(
            "B", 1.0, "kB", 1024.0, "MB", 1024.0 * 1024, "GB", 1024.0 * 1024 * 1024, "TB", 1024.0 * 1024 * 1024 * 1024);
    private static final Map<String, Double> MILLIS =
            Map.of("us", 0.001, "ms", 1.0, "s", 1000.0, "min", 60_000.0, "h", 3_600_000.0, "d", 86_400_000.0);
    private static final List<String> BOOLEANS = List.of("on", "off", "true", "false", "yes", "no", "1", "0");

    SettingValue {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /**
     * @throws IllegalArgumentException naming the setting, the value and what is allowed
     */
    void check(String value) {
        switch (type) {
            case "bool" -> require(BOOLEANS.contains(value.strip().toLowerCase(Locale.ROOT)), value, "on or off");
            case "enum" ->
                require(
                        choices.stream().anyMatch(c -> c.equalsIgnoreCase(value.strip())),
                        value,
                        "one of " + String.join(", ", choices));
            case "integer", "real" -> checkNumber(value);
            default -> {
                // a string setting: PostgreSQL checks it on reload
            }
        }
    }

    private void checkNumber(String value) {
        Matcher m = NUMBER_WITH_UNIT.matcher(value);
        String allowed = "a number" + (unit == null ? "" : " (unit " + unit + " unless given)") + range();
        require(m.matches(), value, allowed);
        double number = Double.parseDouble(m.group(1));
        String given = m.group(2);
        if (!given.isEmpty()) {
            Map<String, Double> scale = scale();
            require(scale != null && scale.containsKey(given), value, allowed + unitsAllowed(scale));
            number = number * scale.get(given) / unitSize(scale);
        }
        require(type.equals("real") || Math.abs(number - Math.rint(number)) < 1e-9 || !given.isEmpty(), value, allowed);
        require((min == null || number >= min) && (max == null || number <= max), value, allowed);
    }

    /** The table the setting's unit belongs to (bytes or milliseconds), or null for a unitless setting. */
    private Map<String, Double> scale() {
        if (unit == null) {
            return null;
        }
        String base = unit.replaceAll("^\\d+", "");
        return BYTES.containsKey(base) ? BYTES : MILLIS.containsKey(base) ? MILLIS : null;
    }

    /** One of the setting's units in the scale's base: {@code 8kB} is 8192 bytes. */
    private double unitSize(Map<String, Double> scale) {
        String digits = unit.replaceAll("\\D.*$", "");
        double multiple = digits.isEmpty() ? 1 : Double.parseDouble(digits);
        return multiple * scale.get(unit.replaceAll("^\\d+", ""));
    }

    private String range() {
        if (min == null && max == null) {
            return "";
        }
        String u = unit == null ? "" : " " + unit;
        return " from " + format(min) + u + " to " + format(max) + u;
    }

    private static String unitsAllowed(Map<String, Double> scale) {
        return scale == null
                ? ", without a unit"
                : ", units "
                        + String.join(
                                " ",
                                scale == BYTES
                                        ? List.of("B", "kB", "MB", "GB", "TB")
                                        : List.of("us", "ms", "s", "min", "h", "d"));
    }

    private static String format(Double v) {
        return v == null ? "?" : v == Math.rint(v) ? Long.toString(v.longValue()) : v.toString();
    }

    private void require(boolean holds, String value, String allowed) {
        if (!holds) {
            throw new IllegalArgumentException(
                    "postgres.setting value for " + name + " must be " + allowed + ", but was '" + value + "'");
        }
    }
}
