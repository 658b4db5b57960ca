package io.pacer.monitor.alert;

/**
 * Which side of a threshold is bad: {@link #ABOVE} for usage and latency ({@code cpu > 0.9}), {@link #BELOW} for
 * hit ratios and throughput ({@code cache hit ratio < 0.5}, {@code throughput < 1 msg/s}).
 */
public enum Direction {
    ABOVE,
    BELOW;

    /** Whether {@code value} is at or beyond {@code threshold} on the bad side; NaN breaches nothing. */
    public boolean breaches(double value, double threshold) {
        return this == ABOVE ? value >= threshold : value <= threshold;
    }

    /** Whether {@code a} is worse than {@code b}. */
    boolean worse(double a, double b) {
        return this == ABOVE ? a > b : a < b;
    }
}
