package io.pacer.verdict.report;

import io.pacer.load.Gate;
import io.pacer.load.RunResult;
import io.pacer.load.Verdict;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one report is about, the same for a suite and a single run: a name, when it ran, and its scenarios. A single
 * run is one scenario named after its driver, its gates those every run must meet ({@link Verdict#DEFAULT_GATES}),
 * so the HTML and JUnit reports need only one path.
 *
 * @param kind {@code suite} or {@code run}
 * @param name the suite's name or the run's driver
 * @param startedAt when the first scenario started; null when unknown
 * @param finishedAt when the last scenario ended; null when unknown
 * @param scenarios the scenarios, in order
 */
record Subject(String kind, String name, Instant startedAt, Instant finishedAt, List<ScenarioResult> scenarios) {

    Subject {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        scenarios = List.copyOf(scenarios);
    }

    static Subject of(SuiteResult suite) {
        Objects.requireNonNull(suite, "suite");
        return new Subject("suite", suite.suite(), suite.startedAt(), suite.finishedAt(), suite.scenarios());
    }

    static Subject of(RunResult run) {
        Objects.requireNonNull(run, "run");
        return new Subject(
                "run",
                run.driver(),
                run.environment().start(),
                run.environment().end(),
                List.of(new ScenarioResult(run.driver(), run.driver(), run, defaultGates(run), null, null)));
    }

    /** The checks every run must pass, as gate results; a check on a figure the run did not measure is left out. */
    static List<GateResult> defaultGates(RunResult run) {
        return Verdict.of(run).checks().stream()
                .filter(Gate.Check::applies)
                .map(check -> new GateResult(
                        check.gate().toString(),
                        check.gate().figure().name(),
                        null,
                        check.measured().getAsDouble(),
                        check.bound(),
                        check.gate().figure().unit(),
                        check.passed()))
                .toList();
    }

    boolean passed() {
        return scenarios.stream().allMatch(ScenarioResult::passed);
    }

    long gateCount() {
        return scenarios.stream().mapToLong(s -> s.gates().size()).sum();
    }

    long failedGates() {
        return scenarios.stream()
                .flatMap(s -> s.gates().stream())
                .filter(g -> !g.passed())
                .count();
    }

    long scenariosNotRun() {
        return scenarios.stream().filter(s -> s.error() != null).count();
    }
}
