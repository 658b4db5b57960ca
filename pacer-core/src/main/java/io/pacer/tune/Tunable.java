package io.pacer.tune;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The declaration of one runtime-adjustable setting: name, type, the values it may take and what it does. Declared
 * once, it drives validation, change events, help text and what the monitoring service shows and changes.
 *
 * @param name dotted name within its component, e.g. {@code batch.maxEvents}; the {@link TunablesDirectory}
 *     addresses it as {@code <namespace>.<name>}, e.g. {@code batcher.orders.batch.maxEvents}
 * @param type {@code Integer}, {@code Long}, {@code Duration}, {@code Boolean} or {@code String}
 * @param domain the values allowed: a {@link Range} or a fixed list ({@link OneOf})
 * @param doc one line saying what it changes
 */
public record Tunable<T>(String name, Class<T> type, Domain<T> domain, String doc) {

    public Tunable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(doc, "doc");
        if (!List.of(Integer.class, Long.class, Duration.class, Boolean.class, String.class)
                .contains(type)) {
            throw new IllegalArgumentException("tunable " + name + " has type " + type.getSimpleName()
                    + ": use Integer, Long, Duration, Boolean or String");
        }
    }

    /** The values a tunable may take. */
    public sealed interface Domain<T> permits Range, OneOf {}

    /**
     * Every value from {@code min} to {@code max}, both included.
     *
     * @param min smallest allowed value
     * @param max largest allowed value
     */
    public record Range<T extends Comparable<? super T>>(T min, T max) implements Domain<T> {
        public Range {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("min " + min + " is above max " + max);
            }
        }
    }

    /**
     * One of a fixed list of values, e.g. an enum's names or {@code [false, true]}.
     *
     * @param values the allowed values, in the order help text shows them
     */
    public record OneOf<T>(List<T> values) implements Domain<T> {
        public OneOf {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a tunable's list of allowed values must not be empty");
            }
        }
    }

    public static Tunable<Integer> ofInt(String name, int min, int max, String doc) {
        return new Tunable<>(name, Integer.class, new Range<>(min, max), doc);
    }

    public static Tunable<Long> ofLong(String name, long min, long max, String doc) {
        return new Tunable<>(name, Long.class, new Range<>(min, max), doc);
    }

    public static Tunable<Duration> ofDuration(String name, Duration min, Duration max, String doc) {
        return new Tunable<>(name, Duration.class, new Range<>(min, max), doc);
    }

    /** A switch: {@code true} or {@code false} (text: exactly those words, any case). */
    public static Tunable<Boolean> ofBoolean(String name, String doc) {
        return new Tunable<>(name, Boolean.class, new OneOf<>(List.of(false, true)), doc);
    }

    /** One of {@code choices} (text compared exactly), e.g. the names of an enum's constants. */
    public static Tunable<String> ofChoice(String name, List<String> choices, String doc) {
        return new Tunable<>(name, String.class, new OneOf<>(choices), doc);
    }

    /**
     * Converts and checks a value (an instance of the type, or its text form).
     *
     * @throws IllegalArgumentException naming the tunable, the bad value and what is allowed
     */
    public T validate(Object value) {
        T typed = convert(value);
        if (domain instanceof Range<?> range && !inRange(range, typed)) {
            throw new IllegalArgumentException(
                    name + " must be in [" + range.min() + ", " + range.max() + "], but was " + typed);
        }
        if (domain instanceof OneOf<?> oneOf && !oneOf.values().contains(typed)) {
            throw new IllegalArgumentException(
                    name + " must be one of " + oneOf.values() + ", but was '" + typed + "'");
        }
        return typed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean inRange(Range<?> range, Object value) {
        Comparable min = (Comparable) range.min();
        Comparable max = (Comparable) range.max();
        return min.compareTo(value) <= 0 && max.compareTo(value) >= 0;
    }

    private T convert(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set, but was null");
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        String text = value.toString().trim();
        Object parsed = parse(text);
        if (parsed == null) {
            throw new IllegalArgumentException(name + " must be " + form() + ", but was '" + text + "'");
        }
        return type.cast(parsed);
    }

    /** The value {@code text} stands for, or null when it is not of this tunable's type. */
    private Object parse(String text) {
        try {
            if (type == Integer.class) {
                return Integer.valueOf(text);
            }
            if (type == Long.class) {
                return Long.valueOf(text);
            }
            if (type == Duration.class) {
                return Durations.parse(text);
            }
        } catch (IllegalArgumentException e) { // NumberFormatException is one
            return null;
        }
        if (type == Boolean.class) {
            String lower = text.toLowerCase(Locale.ROOT);
            return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : null;
        }
        return text; // String: the domain decides
    }

    private String form() {
        if (type == Duration.class) {
            return "a Duration such as 100ms, 5s or PT1S";
        }
        if (type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }
}
