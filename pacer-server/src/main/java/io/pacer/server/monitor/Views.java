package io.pacer.server.monitor;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.collect.CollectorHealth;
import io.pacer.monitor.health.ComponentHealth;
import io.pacer.monitor.health.Deduction;
import io.pacer.monitor.health.HealthReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON shapes of what the monitor knows, shared by the API and the event stream (docs/server-api.md). */
public final class Views {

    private Views() {}

    /** One sample. */
    public record SampleView(String name, Map<String, String> labels, Instant timestamp, double value) {
        static SampleView of(Sample s) {
            return new SampleView(s.name(), s.labels(), s.timestamp(), s.value());
        }
    }

    /** The data of a {@code sample} event: one collection's samples. */
    public record SampleBatch(String collector, List<SampleView> samples) {}

    /** One collector's health. */
    public record CollectorView(
            String name,
            String state,
            Instant lastAt,
            Instant lastSuccess,
            double lastDurationSeconds,
            int lastSamples,
            String lastError,
            long collections,
            long failures,
            long skipped,
            List<String> notes) {
        public static CollectorView of(CollectorHealth h, Instant lastSuccess) {
            return new CollectorView(
                    h.name(),
                    h.state().name().toLowerCase(Locale.ROOT),
                    h.lastAt(),
                    lastSuccess,
                    h.lastDuration().toNanos() / 1e9,
                    h.lastSamples(),
                    h.lastError(),
                    h.collections(),
                    h.failures(),
                    h.skipped(),
                    h.notes());
        }
    }

    /** One alert pending or firing. */
    public record AlertView(
            String rule,
            String series,
            String name,
            Map<String, String> labels,
            String component,
            String state,
            String severity,
            double value,
            double threshold,
            Instant since,
            Instant firingSince,
            String action) {
        public static AlertView of(Alert a) {
            return new AlertView(
                    a.rule(),
                    a.series().toString(),
                    a.series().name(),
                    a.series().labels(),
                    a.component(),
                    a.state().name().toLowerCase(Locale.ROOT),
                    a.severity().name().toLowerCase(Locale.ROOT),
                    a.value(),
                    a.threshold(),
                    a.since(),
                    a.firingSince(),
                    a.action());
        }
    }

    /** The data of a {@code health} event: the score, why, the active alerts and the collectors. */
    public record HealthView(
            Instant at,
            double score,
            String status,
            List<ComponentHealth> components,
            List<Deduction> deductions,
            List<AlertView> alerts,
            List<CollectorView> collectors) {
        static HealthView of(Instant at, HealthReport report, List<AlertView> alerts, List<CollectorView> collectors) {
            return new HealthView(
                    at, report.score(), report.status(), report.components(), report.deductions(), alerts, collectors);
        }
    }
}
