package io.pacer.load;

import java.util.List;
import java.util.Objects;

/**
 * Whether a finished run passed, and if not, why: every {@link Gate} checked against its {@link RunResult}, each
 * failure with its measured value and bound. The CLI turns it into an exit code; {@code --gate} and suites add their
 * own gates ({@link Gate#parse}: latency, throughput, error rate, ...) as required ones.
 *
 * @param checks every gate's check, in the order the gates were given
 */
public record Verdict(List<Gate.Check> checks) {

    /**
     * A distributed run is complete: no worker's share is missing from it. The CLI's {@code --allow-partial} leaves
     * this gate out; it does not apply to a run of one process.
     */
    public static final Gate COMPLETE = new Gate(Figure.MISSING_SHARES, Gate.Comparison.EQUAL, 0);

    /**
     * What every run must meet: no failed operation (incomplete ones count as failed) and, when the driver follows
     * records end to end, no lost and no duplicated record; for a run of several workers, every share done
     * ({@link #COMPLETE}).
     */
    public static final List<Gate> DEFAULT_GATES = List.of(
            new Gate(Figure.FAILED, Gate.Comparison.EQUAL, 0),
            new Gate(Figure.LOST, Gate.Comparison.EQUAL, 0),
            new Gate(Figure.DUPLICATED, Gate.Comparison.EQUAL, 0),
            Verdict.COMPLETE);

    public Verdict {
        checks = List.copyOf(checks);
    }

    /** {@code result} against the {@link #DEFAULT_GATES}. */
    public static Verdict of(RunResult result) {
        return of(result, DEFAULT_GATES);
    }

    /** {@code result} against {@code gates}; a gate on a figure the run did not measure does not fail it. */
    public static Verdict of(RunResult result, List<Gate> gates) {
        Objects.requireNonNull(result, "result");
        return new Verdict(gates.stream().map(g -> g.check(result)).toList());
    }

    /**
     * {@code result} against {@code gates}, then against {@code required} — gates someone asked for ({@code --gate
     * p95<500ms}), which a figure the run did not measure fails.
     */
    public static Verdict of(RunResult result, List<Gate> gates, List<Gate> required) {
        Objects.requireNonNull(result, "result");
        return new Verdict(java.util.stream.Stream.concat(
                        gates.stream().map(g -> g.check(result)),
                        required.stream().map(g -> g.require(result)))
                .toList());
    }

    /** Whether every gate passed (or did not apply). */
    public boolean passed() {
        return checks.stream().allMatch(Gate.Check::passed);
    }

    /** The checks that failed, in gate order; empty when the run passed. */
    public List<Gate.Check> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
