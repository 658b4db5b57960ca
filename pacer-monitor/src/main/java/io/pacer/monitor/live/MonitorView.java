package io.pacer.monitor.live;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.collect.CollectorHealth;
import io.pacer.monitor.health.HealthReport;
import io.pacer.monitor.kafka.LagResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LiveMonitor} knows at one instant: what {@code pacer monitor}'s live table and its summary show.
 *
 * @param at when the view was taken
 * @param collectors every collector's health: up or down with the reason
 * @param latest the latest sample of every series, sorted by name and labels
 * @param kafka each Kafka collector's latest evaluation of every group
 * @param alerts the alerts pending or firing
 * @param health the health score over {@code latest} and {@code alerts}
 * @param samples samples received since the monitor started (derived ones included)
 * @param transitions alert transitions since the monitor started
 * @param storeDropped samples the store dropped (buffer full while its database was down, or unstorable)
 */
public record MonitorView(
        Instant at,
        List<CollectorHealth> collectors,
        List<Sample> latest,
        List<LagResult> kafka,
        List<Alert> alerts,
        HealthReport health,
        long samples,
        long transitions,
        long storeDropped) {

    public MonitorView {
        collectors = List.copyOf(collectors);
        latest = List.copyOf(latest);
        kafka = List.copyOf(kafka);
        alerts = List.copyOf(alerts);
    }

    /** The latest value of the series {@code name} with exactly {@code labels}, if one arrived. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return latest.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value)
                .findFirst();
    }

    /** The latest samples of {@code name}, any labels. */
    public List<Sample> series(String name) {
        return latest.stream().filter(s -> s.name().equals(name)).toList();
    }
}
