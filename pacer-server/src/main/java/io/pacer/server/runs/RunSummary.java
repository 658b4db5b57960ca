package io.pacer.server.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pacer.load.RunResult;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One uploaded run as lists show it: what it was, its verdict and headline figures, and where its report is.
 *
 * @param id the run's number in this service
 * @param kind {@code run} (a {@code pacer.run-result}) or {@code suite} (a {@code pacer.suite-result})
 * @param name the name the uploader gave it ({@code nightly}), else its subject
 * @param subject the run's driver or the suite's name
 * @param verdict a suite: {@code passed} when every gate of every scenario passed, else {@code failed}; a single run
 *     (which has no gates): {@code completed}, or {@code stopped} when it was stopped before its end
 * @param startedAt when the measurement started; null when the result does not say
 * @param uploadedAt when it was uploaded
 * @param operationsPerSecond a run's throughput; null for a suite
 * @param p99Micros a run's p99 latency, µs; null for a suite or a run that measured none
 * @param errorPercent a run's failed operations, percent of all; null for a suite or a run with none
 * @param scenarios a suite's number of scenarios; null for a run
 * @param scenariosPassed how many of them passed; null for a run
 * @param report the path of its HTML report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(
        long id,
        String kind,
        String name,
        String subject,
        String verdict,
        Instant startedAt,
        Instant uploadedAt,
        Double operationsPerSecond,
        Long p99Micros,
        Double errorPercent,
        Integer scenarios,
        Integer scenariosPassed,
        String report) {

    /** The verdicts a run can have, as the {@code verdict} filter accepts them. */
    public static final List<String> VERDICTS = List.of("passed", "failed", "completed", "stopped");

    public RunSummary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(uploadedAt, "uploadedAt");
    }

    /** The summary of {@code result}, uploaded at {@code now} as {@code name}, before it has an id. */
    static RunSummary of(ResultFile result, String name, Instant now) {
        if (result.run() != null) {
            RunResult run = result.run();
            long operations = run.counts().operations();
            return new RunSummary(
                    0,
                    "run",
                    name,
                    run.driver(),
                    run.stopped() ? "stopped" : "completed",
                    run.environment().start(),
                    now,
                    run.rates().operationsPerSecond(),
                    run.latency().count() == 0 ? null : run.latency().p99(),
                    operations > 0 ? 100.0 * run.counts().failed() / operations : null,
                    null,
                    null,
                    null);
        }
        SuiteResult suite = result.suite();
        int passed =
                (int) suite.scenarios().stream().filter(ScenarioResult::passed).count();
        return new RunSummary(
                0,
                "suite",
                name,
                suite.suite(),
                suite.passed() ? "passed" : "failed",
                suite.startedAt(),
                now,
                null,
                null,
                null,
                suite.scenarios().size(),
                passed,
                null);
    }

    /** This summary as run {@code newId}, with its report's path. */
    RunSummary withId(long newId) {
        return new RunSummary(
                newId,
                kind,
                name,
                subject,
                verdict,
                startedAt,
                uploadedAt,
                operationsPerSecond,
                p99Micros,
                errorPercent,
                scenarios,
                scenariosPassed,
                "/api/runs/" + newId + "/report");
    }
}
