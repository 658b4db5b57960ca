package io.pacer.verdict.suite;

import io.pacer.load.Gate;
import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.verdict.CapacityResult;
import io.pacer.verdict.GateResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The capacity search: the rate steps up until a gate breaks, then (optionally) bisects between the last rate that
 * passed and the first that failed. The capacity is the highest rate at which every gate passed while the generator
 * offered that rate; the knee is where latency turned; the limit is the system under test only when a step broke a
 * gate with the generator on schedule — a failing step whose generator fell behind, or a step at which the generator
 * could not offer the rate, ends the search without blaming the system.
 *
 * <p>Definitions (also in {@code docs/suite-result.md}):
 *
 * <ul>
 *   <li><b>Generator behind</b>: in a measured, full-length interval the generator started operations at under
 *       {@value #BEHIND_SHARE} of the target rate, or one started over {@code max(100 ms, interval / 10)} late — while
 *       fewer than {@value #BEHIND_SHARE} of {@code maxOutstanding} operations were in flight (at that bound the
 *       schedule waits for the system, which is the system's doing). A step is behind when a quarter or more of its
 *       measured intervals are (at least one), so a single stall of a busy machine does not end the search.
 *   <li><b>Knee</b>: the lowest step rate whose p99 is over {@value #KNEE_FACTOR} times the median p99 of the steps
 *       below it, and at least {@value #KNEE_FLOOR_MICROS} µs over it (sub-millisecond jitter is not a turn; the
 *       median, not the best, so one lucky step below does not make ordinary noise look like a turn).
 * </ul>
 */
final class CapacitySearch {

    static final double BEHIND_SHARE = 0.9;
    static final double KNEE_FACTOR = 2;
    static final long KNEE_FLOOR_MICROS = 1000;

    /** Runs the scenario once at a rate. */
    interface StepRunner {
        RunResult run(double ratePerSecond) throws InterruptedException;
    }

    /**
     * What the search found.
     *
     * @param capacity the search's figures and steps
     * @param run the run the scenario reports: the step at the capacity, or the first step when none passed
     * @param gates the scenario's gates against {@code run}, and {@code capacity>=min} when the search has a minimum
     */
    record Found(CapacityResult capacity, RunResult run, List<GateResult> gates) {}

    private CapacitySearch() {}

    /**
     * Runs the search.
     *
     * @param stopped whether the user stopped the suite (Ctrl-C); checked after each step, ends the search as
     *     {@code limitedBy = "stopped"}
     */
    static Found search(Scenario.Search plan, List<Scenario.GateSpec> gates, StepRunner runner, BooleanSupplier stopped)
            throws InterruptedException {
        List<CapacityResult.Step> steps = new ArrayList<>();
        RunResult first = null;
        RunResult best = null;
        double passRate = 0;
        double failRate = Double.NaN;
        String limitedBy = "none";
        double rate = plan.from();
        while (true) {
            RunResult r = runner.run(rate);
            first = first == null ? r : first;
            CapacityResult.Step step = step(rate, r, Judge.passed(Judge.gates(gates, r)));
            steps.add(step);
            if (stopped.getAsBoolean()) {
                limitedBy = "stopped";
                break;
            }
            if (!offered(step)) {
                limitedBy = "generator";
                break;
            }
            if (!step.passed()) {
                limitedBy = "system";
                failRate = rate;
                break;
            }
            passRate = rate;
            best = r;
            if (rate >= plan.to()) {
                break;
            }
            rate = Math.min(plan.next(rate), plan.to());
        }
        for (int i = 0; i < plan.refine() && best != null && !Double.isNaN(failRate) && !stopped.getAsBoolean(); i++) {
            double mid = (passRate + failRate) / 2;
            RunResult r = runner.run(mid);
            CapacityResult.Step step = step(mid, r, Judge.passed(Judge.gates(gates, r)));
            steps.add(step);
            if (!offered(step)) {
                break;
            }
            if (step.passed()) {
                passRate = mid;
                best = r;
            } else {
                failRate = mid;
            }
        }
        CapacityResult capacity = new CapacityResult(passRate, knee(steps), limitedBy, steps);
        RunResult shown = best != null ? best : first;
        List<GateResult> judged = new ArrayList<>(Judge.gates(gates, shown));
        if (plan.min() != null) {
            judged.add(new GateResult(
                    "capacity>=" + Gate.format(plan.min()) + "/s",
                    "capacity",
                    null,
                    passRate,
                    plan.min(),
                    "/s",
                    passRate >= plan.min()));
        }
        return new Found(capacity, shown, judged);
    }

    /**
     * Whether the step tested its rate: the generator started at least {@value #BEHIND_SHARE} of it over the step and,
     * when a gate broke, was not behind its schedule (its own stalls would be in the latency it broke the gate with).
     * A step that passed despite a stall of the generator still shows the system meeting the gates at that rate.
     */
    static boolean offered(CapacityResult.Step step) {
        return step.achievedPerSecond() >= BEHIND_SHARE * step.targetPerSecond()
                && (step.passed() || !step.generatorBehind());
    }

    static CapacityResult.Step step(double target, RunResult r, boolean passed) {
        return new CapacityResult.Step(
                target,
                r.rates().achievedRate(),
                r.rates().operationsPerSecond(),
                r.latency(),
                r.counts().operations() == 0
                        ? 0
                        : (double) r.counts().failed() / r.counts().operations(),
                generatorBehind(r),
                passed);
    }

    /**
     * Whether the generator fell behind its schedule for reasons of its own (see the class notes). Intervals after the
     * generator stopped starting operations — the drain at the end, and with a run stopped early (abortOnFail) the
     * interval it was stopped in — report the schedule's target with nothing started; they are not the generator's.
     */
    static boolean generatorBehind(RunResult r) {
        List<IntervalStats> intervals = r.intervals();
        int lastStarting = -1;
        for (int i = 0; i < intervals.size(); i++) {
            if (intervals.get(i).started() > 0) {
                lastStarting = i;
            }
        }
        int end = r.stopped() ? lastStarting : lastStarting + 1;
        long interval = r.settings().intervalMillis();
        long lagLimitMicros = Math.max(100_000, interval * 100);
        double saturated = BEHIND_SHARE * r.settings().maxOutstanding();
        long started = 0;
        long done = 0;
        int measured = 0;
        int behind = 0;
        for (int i = 0; i < end; i++) {
            IntervalStats s = intervals.get(i);
            started += s.started();
            done += s.operations();
            if (s.warmup() || s.targetRate() <= 0 || s.lengthMillis() < interval) {
                continue;
            }
            measured++;
            boolean late = s.startRate() < BEHIND_SHARE * s.targetRate() || s.maxScheduleLagMicros() > lagLimitMicros;
            if (late && started - done < saturated) {
                behind++;
            }
        }
        return behind > 0 && behind * 4 >= measured;
    }

    /** The lowest step rate at which p99 turned (see the class notes); null when it never did. */
    static Double knee(List<CapacityResult.Step> steps) {
        List<CapacityResult.Step> byRate = steps.stream()
                .filter(s -> s.latency().count() > 0)
                .sorted(Comparator.comparingDouble(CapacityResult.Step::targetPerSecond))
                .toList();
        List<Long> below = new ArrayList<>();
        for (CapacityResult.Step s : byRate) {
            long p99 = s.latency().p99();
            if (!below.isEmpty()) {
                double typical = median(below);
                if (p99 > KNEE_FACTOR * typical && p99 - typical >= KNEE_FLOOR_MICROS) {
                    return s.targetPerSecond();
                }
            }
            below.add(p99);
        }
        return null;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
