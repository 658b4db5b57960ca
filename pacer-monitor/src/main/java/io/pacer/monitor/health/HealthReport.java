package io.pacer.monitor.health;

import java.util.List;

/**
 * A health score with its explanation.
 *
 * @param score 0 to 100: the mean of the components' scores (100 with no components)
 * @param status {@code healthy}, {@code degraded} (some component or the mean below
 *     {@link HealthScore#DEGRADED_BELOW}), {@code critical} (some component below {@link HealthScore#CRITICAL_BELOW}) or
 *     {@code no data}
 * @param components by name
 * @param deductions each component's share of the overall loss, {@code (100 - its score) / components}; they sum to
 *     {@code 100 - score}
 */
public record HealthReport(double score, String status, List<ComponentHealth> components, List<Deduction> deductions) {

    public HealthReport {
        components = List.copyOf(components);
        deductions = List.copyOf(deductions);
    }
}
