package io.pacer.monitor.alert;

import java.time.Instant;

/**
 * An alert that is pending or firing now: one rule on one series.
 *
 * @param rule the rule's name
 * @param series the series
 * @param state {@link AlertState#PENDING} or {@link AlertState#FIRING}
 * @param severity the firing severity, or for a pending alert the severity its value has reached
 * @param value the latest value compared
 * @param threshold the threshold of {@code severity}
 * @param since when it became pending
 * @param firingSince when it fired, or null while pending
 * @param action the rule's action, may be null
 */
public record Alert(
        String rule,
        SeriesKey series,
        AlertState state,
        Severity severity,
        double value,
        double threshold,
        Instant since,
        Instant firingSince,
        String action) {

    /** The component the alert is about: the first word of the series name ({@code host}, {@code postgres}). */
    public String component() {
        int dot = series.name().indexOf('.');
        return dot < 0 ? series.name() : series.name().substring(0, dot);
    }
}
