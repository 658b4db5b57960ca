package io.pacer.verdict.suite;

import io.pacer.load.Gate;
import io.pacer.load.IntervalStats;
import io.pacer.load.LoadRun;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.Workload;
import io.pacer.metrics.Percentiles;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops a run as soon as one of its gates is already lost — when no outcome of the operations still to come could
 * bring the gate back — so a failing scenario (or a capacity-search step past the capacity) does not run to its
 * limit. It judges only what the measured intervals prove:
 *
 * <ul>
 *   <li>{@code failed} only grows: lost once over an upper bound;
 *   <li>{@code max}: lost once one interval's maximum is over an upper bound;
 *   <li>{@code errors}: lost once the failures so far exceed the bound's share of all the operations the run will
 *       start (known for an operation count, or an open-model rate without ramp-up or steps over a duration);
 *   <li>{@code pX}: lost once the operations proven slower than the bound exceed {@code (100 - X)%} of those the run
 *       will start. An interval whose q-th percentile is over the bound proves that more than {@code (100 - q)%} of
 *       its operations were; the smallest such q of p50, p90, p95, p99, p99.9 is used, and one operation when only
 *       its max is over.
 * </ul>
 *
 * Gates on figures known only at the end (lost records, throughput floors, drift) never abort a run.
 */
final class AbortOnFail implements RunListener {

    /** p50, p90, p95, p99, p99.9 in per-mille, so the proofs count whole operations exactly. */
    private static final long[] PER_MILLE = {500, 900, 950, 990, 999};

    private final List<Gate> gates;
    private final double planned;
    private final double[] slower;
    private final AtomicReference<LoadRun> run = new AtomicReference<>();
    private long failed;
    private volatile String reason;

    AbortOnFail(List<Gate> gates, Workload workload) {
        this.gates = gates.stream().filter(g -> g.figure().label() == null).toList();
        this.planned = planned(workload);
        this.slower = new double[this.gates.size()];
    }

    /** The run to stop; set once it has started. */
    void attach(LoadRun started) {
        run.set(started);
        if (reason != null) {
            started.stop();
        }
    }

    /** Why the run was stopped; null when it was not. */
    String reason() {
        return reason;
    }

    @Override
    public void onInterval(IntervalStats s) {
        if (s.warmup() || reason != null) {
            return;
        }
        failed += s.failed();
        for (int i = 0; i < gates.size(); i++) {
            Gate gate = gates.get(i);
            String lost = lost(gate, i, s);
            if (lost != null) {
                reason = "abortOnFail: gate " + gate + " already lost (" + lost + ") after "
                        + (s.offsetMillis() + s.lengthMillis()) / 1000.0 + " s; the run was stopped early";
                LoadRun current = run.get();
                if (current != null) {
                    current.stop();
                }
                return;
            }
        }
    }

    private String lost(Gate gate, int index, IntervalStats s) {
        if (!upperBound(gate.comparison())) {
            return null;
        }
        String metric = gate.figure().metric();
        switch (metric) {
            case "failed":
                return violates(gate, failed) ? failed + " failed so far" : null;
            case "max":
                return s.latency().count() > 0 && violates(gate, s.latency().max() / 1000.0)
                        ? "an operation took " + Gate.format(s.latency().max() / 1000.0) + " ms"
                        : null;
            case "errors":
                return planned > 0 && violates(gate, 100.0 * failed / planned)
                        ? failed + " failed of " + Gate.format(planned) + " planned"
                        : null;
            default:
                break;
        }
        double q = quantile(metric);
        if (Double.isNaN(q) || planned <= 0) {
            return null;
        }
        slower[index] += provenSlower(s.latency(), gate.bound() * 1000);
        double allowed = (100 - q) / 100 * planned;
        return slower[index] > allowed
                ? Gate.format(Math.floor(slower[index])) + " operations over " + Gate.format(gate.bound())
                        + " ms, more than " + Gate.format(100 - q) + "% of " + Gate.format(planned) + " planned"
                : null;
    }

    /** Operations of the interval proven slower than {@code boundMicros}. */
    static double provenSlower(Percentiles p, double boundMicros) {
        long[] values = {p.p50(), p.p90(), p.p95(), p.p99(), p.p999()};
        for (int i = 0; i < values.length; i++) {
            if (values[i] > boundMicros) {
                return (double) ((1000 - PER_MILLE[i]) * p.count() / 1000);
            }
        }
        return p.count() > 0 && p.max() > boundMicros ? 1 : 0;
    }

    private static double quantile(String metric) {
        return switch (metric) {
            case "p50" -> 50;
            case "p90" -> 90;
            case "p95" -> 95;
            case "p99" -> 99;
            case "p99.9" -> 99.9;
            default -> Double.NaN;
        };
    }

    private static boolean upperBound(Gate.Comparison c) {
        return c == Gate.Comparison.LESS || c == Gate.Comparison.AT_MOST || c == Gate.Comparison.EQUAL;
    }

    private static boolean violates(Gate gate, double value) {
        return gate.comparison() == Gate.Comparison.EQUAL
                ? value > gate.bound()
                : !gate.comparison().holds(value, gate.bound());
    }

    /** How many operations the run will start, when the workload says; 0 when it does not. */
    static double planned(Workload w) {
        if (w.limit().operations() > 0) {
            return w.limit().operations();
        }
        if (w.pacing() instanceof Pacing.Open open
                && open.rampUp().isZero()
                && open.steps().isEmpty()
                && !w.limit().duration().isZero()
                && w.limit().records() == 0) {
            return open.ratePerSecond() * w.limit().duration().toMillis() / 1000.0;
        }
        return 0;
    }
}
