package io.pacer.monitor.health;

import java.util.List;

/**
 * The score of one component: 100 minus its deductions, which sum exactly to {@code 100 - score}.
 *
 * @param component the first word of its series' names: {@code host}, {@code jvm}, {@code http}, {@code kafka},
 *     {@code postgres}, {@code redis}, {@code stream}, …
 * @param score 0 to 100
 * @param inputs how many series of the component were looked at
 * @param deductions largest first
 */
public record ComponentHealth(String component, double score, int inputs, List<Deduction> deductions) {

    public ComponentHealth {
        deductions = List.copyOf(deductions);
    }
}
