package io.pacer.internal;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Internal, not API. The one way Pacer's settings records validate their arguments: every failure is an
 * {@link IllegalArgumentException} whose one-line message names the setting, the allowed range or rule and the bad
 * value, in one shape — {@code <setting> must be <rule>, but was <value>} — e.g.
 * {@code maxEvents must be in [1, 1000000], but was 0}. Strings are shown quoted ({@code 'a b'}), so a blank one
 * is visible; {@code null} as {@code null}.
 *
 * <p>A rule that relates two settings says so in its own words through {@link #argument}.
 */
public final class Check {

    /** Kafka's rule for topic names: 1 to 249 of these characters, and neither {@code .} nor {@code ..}. */
    private static final Pattern KAFKA_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private Check() {}

    /** {@code value} in {@code [min, max]}. */
    public static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], but was " + value);
        }
    }

    /** {@code value} in {@code [min, max]}; NaN is out of every range. */
    public static void range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + number(min) + ", " + number(max) + "], but was " + number(value));
        }
    }

    /** {@code value >= min}. */
    public static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", but was " + value);
        }
    }

    /** A finite {@code value > 0}; {@code unit} follows the rule, e.g. {@code operations/s}. */
    public static void positive(String name, double value, String unit) {
        that(value > 0 && !Double.isInfinite(value), name, "> 0 " + unit, value);
    }

    /** A set duration in {@code [min, max]}. */
    public static void duration(String name, Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(
                    name + " must be set (a duration in [" + min + ", " + max + "]), but was null");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], but was " + value);
        }
    }

    /** A set duration {@code > 0}. */
    public static void positive(String name, Duration value) {
        that(value != null && !value.isZero() && !value.isNegative(), name, "> 0", value);
    }

    /** A set duration {@code >= 0}. */
    public static void notNegative(String name, Duration value) {
        that(value != null && !value.isNegative(), name, ">= 0", value);
    }

    /** A set duration {@code >= min}. */
    public static void atLeast(String name, Duration value, Duration min) {
        that(value != null && value.compareTo(min) >= 0, name, ">= " + min, value);
    }

    /**
     * A string with something besides white space in it.
     *
     * @param rule what the setting must be, e.g. {@code host:port[,host:port...]}
     * @return {@code value}
     */
    public static String notBlank(String name, String value, String rule) {
        that(value != null && !value.isBlank(), name, rule, value);
        return value;
    }

    /**
     * A string {@code pattern} matches entirely.
     *
     * @param rule the pattern in words, e.g. {@code 1 to 100 letters, digits, '.', '_' or '-'}
     * @return {@code value}
     */
    public static String matches(String name, String value, Pattern pattern, String rule) {
        that(value != null && pattern.matcher(value).matches(), name, rule, value);
        return value;
    }

    /** A legal Kafka topic name: 1 to 249 of a-z A-Z 0-9 . _ -, and neither {@code .} nor {@code ..}. */
    public static String topicName(String name, String value) {
        boolean legal =
                value != null && KAFKA_TOPIC.matcher(value).matches() && !value.equals(".") && !value.equals("..");
        that(legal, name, "a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -)", value);
        return value;
    }

    /**
     * Client properties and the like: non-blank keys, non-null values.
     *
     * @return an unmodifiable copy in the same iteration order
     */
    public static Map<String, String> stringMap(String name, Map<String, String> value) {
        that(value != null, name, "a map (empty for none)", null);
        value.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new IllegalArgumentException(
                        name + " must map non-blank keys to non-null values, but had " + k + "=" + v);
            }
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }

    /** Every element {@code >= min}. */
    public static void eachAtLeast(String name, Collection<? extends Number> value, long min) {
        for (Number n : value) {
            if (n.longValue() < min) {
                throw new IllegalArgumentException(name + " must be >= " + min + ", but had " + n);
            }
        }
    }

    /** No element twice. */
    public static void distinct(String name, Collection<?> value) {
        if (value.stream().distinct().count() != value.size()) {
            throw new IllegalArgumentException(name + " must not repeat, but were " + value);
        }
    }

    /**
     * The general form: fails with {@code <name> must be <rule>, but was <value>} unless {@code holds}.
     *
     * @param value the bad value as given (strings are shown quoted)
     */
    public static void that(boolean holds, String name, String rule, Object value) {
        if (!holds) {
            throw new IllegalArgumentException(name + " must be " + rule + ", but was " + shown(value));
        }
    }

    /**
     * A rule that relates settings, or one whose message needs its own words; {@code message} names the settings
     * and the fix.
     */
    public static void argument(boolean holds, String message) {
        if (!holds) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String shown(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return value instanceof Double d ? number(d) : String.valueOf(value);
    }

    /** {@code 2} rather than {@code 2.0}; other values as {@link Double#toString}. */
    private static String number(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
