package io.pacer.monitor.alert;

/**
 * What value of a series a rule compares with its thresholds. {@link #LATEST} (the default) takes the newest sample,
 * so the rule's {@code for} duration asks that every evaluation in that time breached (as Prometheus does).
 * {@link #AVG}, {@link #MAX} and {@link #MIN} take the samples of the rule's window ({@code window}, by default its
 * {@code for} duration) so that one noisy sample neither raises nor clears an alert.
 */
public enum Aggregation {
    LATEST,
    AVG,
    MAX,
    MIN
}
