package io.pacer.verdict.compare;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The verdict on one metric. The rule: a change is a regression (or an improvement) only when
 *
 * <ol>
 *   <li>the per-interval values of the two runs differ significantly — Mann-Whitney U, two-sided, p below
 *       {@code 1 − confidence} — and in the same direction as the whole-run figures, and
 *   <li>the whole-run figure moved by more than the tolerance.
 * </ol>
 *
 * <p>Notes: intervals, not operations, are the samples, because the operations of one run are not independent — a
 * pause delays hundreds at once — so a test over operations would call every wobble significant. Intervals are
 * closer to independent, and their spread is the run's real noise. The whole-run figures come from the full histogram
 * and the totals (exact), so the change reported is the change a user sees in the summary. The bootstrap interval
 * (of the ratio of per-interval medians; of means for the error rate, mostly zeros) tells the size of the change the
 * samples support; it is reported, not voted with, so that the decision has one test and one known false-positive
 * rate.
 */
final class MetricComparator {
    private MetricComparator() {}

    static MetricComparison compare(
            Metric metric,
            List<IntervalStats> before,
            List<IntervalStats> after,
            RunResult b,
            RunResult a,
            ComparisonSettings settings) {
        double[] first = samples(metric, before);
        double[] second = samples(metric, after);
        double hb = metric.headline(b);
        double ha = metric.headline(a);
        Double change = changePercent(hb, ha);
        String test = describeTest(metric, settings);
        if (Double.isNaN(hb) || Double.isNaN(ha)) {
            return inconclusive(
                    metric,
                    hb,
                    ha,
                    change,
                    test,
                    first,
                    second,
                    settings,
                    "the " + (Double.isNaN(hb) ? "baseline" : "result") + " measured no " + metric.label());
        }
        if (first.length < settings.minIntervals() || second.length < settings.minIntervals()) {
            return inconclusive(
                    metric,
                    hb,
                    ha,
                    change,
                    test,
                    first,
                    second,
                    settings,
                    String.format(
                            Locale.ROOT,
                            "too few measured intervals: %d vs %d (a verdict needs at least %d per side; run longer or use a"
                                    + " shorter --interval)",
                            first.length,
                            second.length,
                            settings.minIntervals()));
        }
        MannWhitney.Result u = MannWhitney.test(first, second);
        ToDoubleFunction<double[]> centre = metric == Metric.ERROR_RATE ? Bootstrap::mean : Bootstrap::median;
        double[] ci = Bootstrap.ratioInterval(
                first, second, centre, settings.confidence(), settings.resamples(), settings.seed() + metric.ordinal());
        Double ciLow = ci == null ? null : (ci[0] - 1) * 100;
        Double ciHigh = ci == null ? null : (ci[1] - 1) * 100;

        double alpha = 1 - settings.confidence();
        boolean significant = u.p() < alpha;
        int headlineDirection = Double.compare(ha, hb);
        int sampleDirection = (int) Math.signum(u.z());
        boolean beyond = change == null ? ha != hb : Math.abs(change) > settings.tolerance() * 100;
        String p = "p " + (u.p() < 1e-4 ? "" : "= ") + Texts.pValue(u.p());
        ChangeVerdict verdict = ChangeVerdict.UNCHANGED;
        String reason;
        if (!significant) {
            reason = "no significant difference (" + p + ", " + Texts.number(alpha) + " needed)";
        } else if (headlineDirection != sampleDirection) {
            reason = "the intervals differ (" + p + ") but the whole-run figure moved the other way or not at all";
        } else if (!beyond) {
            reason = "significant (" + p + ") but " + Texts.change(change) + " is within the "
                    + Texts.percent(settings.tolerance()) + " tolerance";
        } else {
            boolean better = (headlineDirection > 0) == metric.higherIsBetter();
            verdict = better ? ChangeVerdict.IMPROVED : ChangeVerdict.REGRESSED;
            reason = "significant (" + p + ") and " + Texts.change(change) + " is beyond the "
                    + Texts.percent(settings.tolerance()) + " tolerance";
        }
        return new MetricComparison(
                metric,
                hb,
                ha,
                change,
                verdict,
                u.p(),
                ciLow,
                ciHigh,
                settings.confidence(),
                test,
                first.length,
                second.length,
                reason);
    }

    /** The metric's values in the given measured intervals, skipping intervals that carry none. */
    static double[] samples(Metric metric, List<IntervalStats> intervals) {
        return intervals.stream()
                .mapToDouble(metric::sample)
                .filter(v -> !Double.isNaN(v))
                .toArray();
    }

    static Double changePercent(double before, double after) {
        if (Double.isNaN(before) || Double.isNaN(after)) {
            return null;
        }
        if (before == 0) {
            return after == 0 ? 0.0 : null;
        }
        return (after - before) / before * 100;
    }

    private static String describeTest(Metric metric, ComparisonSettings settings) {
        return "Mann-Whitney U (two-sided) on per-interval " + metric.label() + "; "
                + Texts.percent(settings.confidence()) + " bootstrap CI of the ratio of per-interval "
                + (metric == Metric.ERROR_RATE ? "means" : "medians") + " (" + settings.resamples() + " resamples)";
    }

    private static MetricComparison inconclusive(
            Metric metric,
            double hb,
            double ha,
            Double change,
            String test,
            double[] first,
            double[] second,
            ComparisonSettings settings,
            String reason) {
        return new MetricComparison(
                metric,
                hb,
                ha,
                change,
                ChangeVerdict.INCONCLUSIVE,
                null,
                null,
                null,
                settings.confidence(),
                test,
                first.length,
                second.length,
                reason);
    }
}
