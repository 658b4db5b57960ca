package io.pacer.internal;

import java.time.Duration;

/** Internal, not API. Argument checks whose messages name the setting, the bad value and the allowed range. */
public final class Check {
    private Check() {}

    public static void range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], but was " + value);
        }
    }

    public static void duration(String name, Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new IllegalArgumentException(
                    name + " must be set (a duration in [" + min + ", " + max + "]), but was null");
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], but was " + value);
        }
    }
}
