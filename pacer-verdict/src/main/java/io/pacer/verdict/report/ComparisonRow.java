package io.pacer.verdict.report;

import java.util.Objects;

/**
 * One line of a before/after report, as {@code pacer compare} decided it: a metric, its two values, the change and
 * the verdict. The report shows it; the statistics that produced it are the comparison's.
 *
 * @param metric what was compared ({@code throughput}, {@code p99})
 * @param before the baseline's value, in {@code unit}
 * @param after the new run's value, in {@code unit}
 * @param unit the unit of both values ({@code ms}, {@code /s}, {@code %})
 * @param changePercent the change from before to after, %; null when before was 0
 * @param verdict {@code improved}, {@code unchanged} or {@code regressed} (another word is shown as it is)
 * @param note how the verdict was reached: the statistic, its confidence, the samples it used; may be empty
 */
public record ComparisonRow(
        String metric, double before, double after, String unit, Double changePercent, String verdict, String note) {

    public ComparisonRow {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(verdict, "verdict");
        note = note == null ? "" : note;
    }

    /** Whether this metric got worse beyond what the comparison tolerates. */
    public boolean regressed() {
        return "regressed".equalsIgnoreCase(verdict);
    }
}
