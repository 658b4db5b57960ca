package io.pacer.verdict;

import io.pacer.metrics.Percentiles;
import java.util.List;

/**
 * What a capacity search found: the highest rate that met every gate, where latency turned, and who was the limit.
 *
 * @param capacityPerSecond the highest offered rate, operations per second, at which every gate passed; 0 when none
 *     did
 * @param kneePerSecond the offered rate at which latency turned (the knee); null when it never turned
 * @param limitedBy {@code system} when the system under test broke a gate, {@code generator} when the load generator
 *     fell behind its schedule first (the system was not shown to be the limit), {@code none} when the search reached
 *     its highest rate with every gate met, {@code stopped} when the user stopped it (Ctrl-C) before it found a limit
 * @param steps every step of the search, in the order they ran
 */
public record CapacityResult(double capacityPerSecond, Double kneePerSecond, String limitedBy, List<Step> steps) {

    public CapacityResult {
        steps = List.copyOf(steps);
    }

    /**
     * One rate the search tried.
     *
     * @param targetPerSecond the offered rate, operations per second
     * @param achievedPerSecond the rate the generator achieved (operations started per second)
     * @param throughputPerSecond completed operations per second
     * @param latency latency at this step, µs from the intended start
     * @param errorRate failed operations / operations, 0..1
     * @param generatorBehind whether the generator fell behind its schedule (the step is not blamed on the system)
     * @param passed whether every gate passed at this step
     */
    public record Step(
            double targetPerSecond,
            double achievedPerSecond,
            double throughputPerSecond,
            Percentiles latency,
            double errorRate,
            boolean generatorBehind,
            boolean passed) {}
}
