package io.pacer.monitor.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in one alert's life, as history keeps it and notifications carry it: {@code PENDING → FIRING} at 12:03 with
 * the value that did it. A severity change of a firing alert is {@code FIRING → FIRING} with the new severity.
 *
 * @param rule the rule's name
 * @param series the series the alert is on
 * @param from the state before
 * @param to the state after
 * @param severity the severity after the step; for {@code → RESOLVED} and {@code → INACTIVE}, the one before it
 * @param value the value compared (aggregated as the rule says); null when the series stopped reporting
 * @param threshold the threshold of {@code severity}
 * @param at when the step happened (the evaluation's {@code now})
 * @param since when this alert episode began (it became pending); with rule and series it names the episode
 * @param action the rule's action, may be null
 * @param message one line for people: what crossed what
 */
public record AlertTransition(
        String rule,
        SeriesKey series,
        AlertState from,
        AlertState to,
        Severity severity,
        Double value,
        double threshold,
        Instant at,
        Instant since,
        String action,
        String message) {

    public AlertTransition {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(since, "since");
    }

    /** Whether people are told: an alert that fires, changes severity or resolves (not pending ones). */
    public boolean notifiable() {
        return to == AlertState.FIRING || to == AlertState.RESOLVED;
    }
}
