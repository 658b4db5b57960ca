package io.pacer.verdict;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code pacer full} found: every scenario of one suite run with its run, its gates and — for a capacity search —
 * its capacity. Saved as JSON ({@link #SCHEMA}, documented in {@code docs/suite-result.md}) so that reports, baselines
 * and comparisons read a suite result exactly as they read a single {@link io.pacer.load.RunResult}.
 *
 * @param schema {@link #SCHEMA}; readers refuse a newer one by name
 * @param suite the suite's name (the file's {@code name}, or {@code built-in})
 * @param startedAt when the first scenario started
 * @param finishedAt when the last scenario ended
 * @param scenarios every scenario that ran, in suite order
 */
public record SuiteResult(
        String schema, String suite, Instant startedAt, Instant finishedAt, List<ScenarioResult> scenarios) {

    /** The version of this JSON shape; bumped on any incompatible change. */
    public static final String SCHEMA = "pacer.suite-result/1";

    public SuiteResult {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(suite, "suite");
        scenarios = List.copyOf(scenarios);
    }

    /** Whether every gate of every scenario passed. */
    @JsonProperty(value = "passed", access = JsonProperty.Access.READ_ONLY)
    public boolean passed() {
        return scenarios.stream().allMatch(ScenarioResult::passed);
    }
}
