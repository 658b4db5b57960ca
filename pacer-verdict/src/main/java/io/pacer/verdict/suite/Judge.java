package io.pacer.verdict.suite;

import io.pacer.load.Gate;
import io.pacer.load.RunResult;
import io.pacer.verdict.GateResult;
import java.util.List;

/** Gates checked against a run, as reports show them. */
final class Judge {
    private Judge() {}

    /** Every gate against {@code run}, strictly: a gate on a figure the run did not measure fails. */
    static List<GateResult> gates(List<Scenario.GateSpec> gates, RunResult run) {
        return gates.stream().map(g -> result(g.text(), g.gate().require(run))).toList();
    }

    static boolean passed(List<GateResult> results) {
        return results.stream().allMatch(GateResult::passed);
    }

    static GateResult result(String text, Gate.Check check) {
        return new GateResult(
                text,
                check.gate().figure().metric(),
                check.gate().figure().label(),
                check.measured().isPresent() ? check.measured().getAsDouble() : null,
                check.bound(),
                check.gate().figure().unit(),
                check.passed());
    }
}
