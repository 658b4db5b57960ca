package io.pacer.tune;

import java.time.Duration;
import java.util.Objects;

/**
 * The declaration of one runtime-adjustable setting: name, type, allowed range and what it does. Declared
 * once, it drives validation, change events and (later) help text and the service's API.
 *
 * @param name dotted name, e.g. {@code batch.maxEvents}
 * @param type {@code Integer}, {@code Long} or {@code Duration}
 * @param min smallest allowed value
 * @param max largest allowed value
 * @param doc one line saying what it changes
 */
public record Tunable<T extends Comparable<T>>(String name, Class<T> type, T min, T max, String doc) {

    public Tunable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.compareTo(max) > 0) {
            throw new IllegalArgumentException("min " + min + " of tunable " + name + " is above max " + max);
        }
    }

    public static Tunable<Integer> ofInt(String name, int min, int max, String doc) {
        return new Tunable<>(name, Integer.class, min, max, doc);
    }

    public static Tunable<Duration> ofDuration(String name, Duration min, Duration max, String doc) {
        return new Tunable<>(name, Duration.class, min, max, doc);
    }

    /** Converts and checks a value (an instance of the type, or its text form) or says what was wrong. */
    public T validate(Object value) {
        T typed = convert(value);
        if (typed.compareTo(min) < 0 || typed.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], but was " + typed);
        }
        return typed;
    }

    private T convert(Object value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be set, but was null");
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        String text = value.toString().trim();
        try {
            if (type == Integer.class) {
                return type.cast(Integer.valueOf(text));
            }
            if (type == Long.class) {
                return type.cast(Long.valueOf(text));
            }
            if (type == Duration.class) {
                return type.cast(Durations.parse(text));
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be a " + type.getSimpleName()
                + (type == Duration.class ? " such as 100ms, 5s or PT1S" : "") + ", but was '" + text + "'");
    }
}
