package io.pacer.monitor.alert;

import java.time.Instant;
import java.util.Map;

/**
 * The JSON body a webhook receives, one transition per POST ({@code Content-Type: application/json}), documented in
 * {@code docs/alerts.md}. Field names are stable; {@link #version} changes if one is removed or changes meaning.
 *
 * @param version 1
 * @param source {@code pacer}
 * @param rule the rule's name
 * @param state {@code FIRING} or {@code RESOLVED}
 * @param previousState {@code PENDING}, {@code FIRING} (a severity change) or {@code INACTIVE} ({@code for: 0s})
 * @param severity {@code WARNING} or {@code CRITICAL}; for {@code RESOLVED} the severity that was firing
 * @param metric the series name
 * @param labels the series labels
 * @param series metric and labels in one string, {@code host.disk.used.ratio{mount="/data"}}
 * @param value the value compared; null when the series went silent
 * @param threshold the threshold of {@code severity}
 * @param at when the transition happened, ISO-8601 UTC
 * @param since when the alert episode began; with rule and series it identifies the episode
 * @param action the rule's action ({@code scale_up}), or null
 * @param message one line for people
 */
public record WebhookPayload(
        int version,
        String source,
        String rule,
        AlertState state,
        AlertState previousState,
        Severity severity,
        String metric,
        Map<String, String> labels,
        String series,
        Double value,
        double threshold,
        Instant at,
        Instant since,
        String action,
        String message) {

    public static final int VERSION = 1;

    /** The body for {@code t}. */
    public static WebhookPayload of(AlertTransition t) {
        return new WebhookPayload(
                VERSION,
                "pacer",
                t.rule(),
                t.to(),
                t.from(),
                t.severity(),
                t.series().name(),
                t.series().labels(),
                t.series().toString(),
                t.value(),
                t.threshold(),
                t.at(),
                t.since(),
                t.action(),
                t.message());
    }
}
