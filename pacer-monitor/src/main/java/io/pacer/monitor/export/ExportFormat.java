package io.pacer.monitor.export;

/** What {@link MetricsExport} writes. */
public enum ExportFormat {
    /** One document {@code pacer.metrics-export/1}: series with every statistic of every point. */
    JSON,
    /** One row per point, a header first. */
    CSV,
    /** Prometheus' text exposition format: each point's average with its timestamp, in base units. */
    PROMETHEUS
}
