package io.pacer.verdict.compare;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Noise-aware comparison of a baseline with a result: per {@link Metric}, the change in percent and a verdict that
 * counts a change only when it is both statistically significant over the runs' per-interval samples and larger than
 * the tolerance. See {@code docs/compare.md} for the method and its measured power and false-positive rate.
 *
 * <p>Deterministic: the same two results and settings always give the same comparison (the bootstrap is seeded).
 */
public final class Comparisons {
    private Comparisons() {}

    /** {@code after} against the baseline {@code before}, with {@code tolerance} (a fraction: 0.05 = 5 %). */
    public static RunComparison compare(RunResult before, RunResult after, double tolerance) {
        return compare(before, after, ComparisonSettings.ofDefaults().withTolerance(tolerance));
    }

    /** {@code after} against the baseline {@code before}. */
    public static RunComparison compare(RunResult before, RunResult after, ComparisonSettings settings) {
        return compare(null, before, after, settings);
    }

    /**
     * Each scenario of {@code after} against the scenario of the same name in {@code before}, with {@code tolerance}
     * (a fraction: 0.05 = 5 %).
     */
    public static SuiteComparison compare(SuiteResult before, SuiteResult after, double tolerance) {
        return compare(before, after, ComparisonSettings.ofDefaults().withTolerance(tolerance));
    }

    /**
     * Each scenario of {@code after} against the scenario of the same name in {@code before}; scenarios only one
     * suite has, or that did not run to the end, are listed as not compared with the reason.
     */
    public static SuiteComparison compare(SuiteResult before, SuiteResult after, ComparisonSettings settings) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Map<String, ScenarioResult> baseline = new LinkedHashMap<>();
        before.scenarios().forEach(s -> baseline.put(s.name(), s));
        List<RunComparison> compared = new ArrayList<>();
        List<String> notCompared = new ArrayList<>();
        for (ScenarioResult scenario : after.scenarios()) {
            ScenarioResult old = baseline.remove(scenario.name());
            if (old == null) {
                notCompared.add(scenario.name() + ": only in the result");
            } else if (old.run() == null || scenario.run() == null) {
                ScenarioResult missing = old.run() == null ? old : scenario;
                notCompared.add(scenario.name() + ": did not run in the " + (missing == old ? "baseline" : "result")
                        + (missing.error() == null ? "" : ": " + missing.error()));
            } else {
                compared.add(
                        withCapacity(compare(scenario.name(), old.run(), scenario.run(), settings), old, scenario));
            }
        }
        baseline.keySet().forEach(name -> notCompared.add(name + ": only in the baseline"));
        return new SuiteComparison(before.suite(), after.suite(), settings, compared, notCompared);
    }

    /**
     * A capacity search's findings are one figure per run, with no samples to test: they are stated as a note, and the
     * metrics compare the runs at the last step that met every gate.
     */
    private static RunComparison withCapacity(RunComparison c, ScenarioResult before, ScenarioResult after) {
        if (before.capacity() == null || after.capacity() == null) {
            return c;
        }
        double b = before.capacity().capacityPerSecond();
        double a = after.capacity().capacityPerSecond();
        List<String> notes = new ArrayList<>(c.notes());
        notes.add(String.format(
                Locale.ROOT,
                "capacity %s -> %s (%s; one figure per run, not tested; the metrics compare the last step that met"
                        + " every gate)",
                Texts.value(b, "ops/s"),
                Texts.value(a, "ops/s"),
                Texts.change(MetricComparator.changePercent(b, a))));
        return new RunComparison(
                c.name(),
                c.before(),
                c.after(),
                c.settings(),
                c.beforeIntervals(),
                c.afterIntervals(),
                c.metrics(),
                notes);
    }

    static RunComparison compare(String name, RunResult before, RunResult after, ComparisonSettings settings) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(settings, "settings");
        List<IntervalStats> first = measured(before);
        List<IntervalStats> second = measured(after);
        List<MetricComparison> metrics = new ArrayList<>();
        for (Metric metric : Metric.values()) {
            metrics.add(MetricComparator.compare(metric, first, second, before, after, settings));
        }
        return new RunComparison(
                name,
                describe(before),
                describe(after),
                settings,
                first.size(),
                second.size(),
                metrics,
                Comparability.notes(before, after));
    }

    /**
     * The intervals that are samples of the run's steady state: not warm-up, and not a last interval shorter than
     * half the others (its few operations say little, and the drain at the end skews them).
     */
    public static List<IntervalStats> measured(RunResult run) {
        long length = run.settings().intervalMillis();
        return run.intervals().stream()
                .filter(i -> !i.warmup())
                .filter(i -> length <= 0 || i.lengthMillis() * 2 >= length)
                .toList();
    }

    private static String describe(RunResult run) {
        return run.driver()
                + (run.environment() == null || run.environment().start() == null
                        ? ""
                        : String.format(Locale.ROOT, " at %s", run.environment().start()));
    }

    /**
     * Compares two samples of one quantity (a series' values before and after a change) with the rule runs are
     * compared by: Mann-Whitney on the values, the medians' change against the tolerance.
     *
     * @param label what was compared, for the result
     * @param higherIsBetter whether a rise is an improvement
     */
    public static SampleComparison compareSamples(
            String label, double[] before, double[] after, boolean higherIsBetter, ComparisonSettings settings) {
        return SampleComparator.compare(label, before.clone(), after.clone(), higherIsBetter, settings);
    }
}
