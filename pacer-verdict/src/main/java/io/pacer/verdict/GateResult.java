package io.pacer.verdict;

import java.util.Objects;

/**
 * One gate checked against one run, as every report shows it: what was bounded, what was measured, the bound, and
 * pass or fail.
 *
 * @param gate the gate as written ({@code p95<500ms}, {@code errors<1%}, {@code throughput>=1000/s})
 * @param metric the metric's name ({@code p95}, {@code errors}, {@code throughput})
 * @param label the operation label the gate is restricted to; null for the whole run
 * @param measured the measured value in {@code unit}; null when the run did not measure it
 * @param bound the bound in {@code unit}
 * @param unit the unit both numbers are in ({@code ms}, {@code %}, {@code /s}, {@code records})
 * @param passed whether the measured value met the bound
 */
public record GateResult(
        String gate, String metric, String label, Double measured, double bound, String unit, boolean passed) {

    public GateResult {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
    }
}
