package io.pacer.time;

/**
 * A source of monotonic nanoseconds. Everything in Pacer that waits or measures takes a {@code Ticker} so
 * tests can drive time by hand instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanos();

    /** The JVM's {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
