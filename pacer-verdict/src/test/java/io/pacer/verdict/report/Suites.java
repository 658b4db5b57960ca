package io.pacer.verdict.report;

import io.pacer.load.RunResult;
import io.pacer.metrics.Percentiles;
import io.pacer.verdict.CapacityResult;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.time.Instant;
import java.util.List;

/** Suite results around given runs, for the report tests: gates that pass and fail, a search, a scenario that broke. */
final class Suites {

    static final String HOSTILE = "<script>alert('x')</script> & \"</b>";

    private Suites() {}

    static GateResult gate(String gate, String metric, Double measured, double bound, String unit, boolean passed) {
        return new GateResult(gate, metric, null, measured, bound, unit, passed);
    }

    /**
     * Four scenarios: {@code baseline} passes its two gates, {@code stress} is a capacity search whose last step broke
     * its p99 gate, {@code kafka-down} could not run, and the last is named {@link #HOSTILE} with a hostile label.
     */
    static SuiteResult mixed(RunResult baseline, RunResult stress, CapacityResult capacity) {
        Instant start = baseline.environment().start();
        return new SuiteResult(
                SuiteResult.SCHEMA,
                "release-check",
                start,
                start.plusSeconds(180),
                List.of(
                        new ScenarioResult(
                                "baseline",
                                "http",
                                baseline,
                                List.of(
                                        gate(
                                                "p95<500ms",
                                                "p95",
                                                baseline.latency().p95() / 1000.0,
                                                500,
                                                "ms",
                                                true),
                                        gate("errors<1%", "errors", 0.0, 1, "%", true)),
                                null,
                                null),
                        new ScenarioResult(
                                "stress",
                                "http",
                                stress,
                                List.of(gate("p99<20ms", "p99", stress.latency().p99() / 1000.0, 20, "ms", false)),
                                capacity,
                                null),
                        new ScenarioResult(
                                "kafka-down",
                                "kafka produce",
                                null,
                                List.of(),
                                null,
                                "cannot reach 127.0.0.1:1: Connection refused"),
                        new ScenarioResult(
                                HOSTILE,
                                "http",
                                baseline,
                                List.of(new GateResult("p99<1s", "p99", HOSTILE, 2.0, 1000, "ms", true)),
                                null,
                                null)));
    }

    /** A made-up search: latency turns at 400/s, the gate breaks at 800/s. */
    static CapacityResult capacity() {
        return new CapacityResult(
                400,
                400.0,
                "system",
                List.of(
                        step(100, 1_000, 3_000, true),
                        step(200, 1_100, 3_500, true),
                        step(400, 1_500, 9_000, true),
                        step(800, 40_000, 250_000, false)));
    }

    static CapacityResult.Step step(double rate, long p50, long p99, boolean passed) {
        return new CapacityResult.Step(
                rate,
                rate,
                passed ? rate : rate * 0.7,
                new Percentiles(1000, p50, p50, p99, p99, p99, p99 * 2, p99 * 3),
                0,
                false,
                passed);
    }
}
