package io.pacer.verdict.compare;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import java.util.List;
import java.util.Locale;

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
        double hb = metric.headline(b);
        double ha = metric.headline(a);
        Evidence e = new Evidence(
                metric, samples(metric, before), samples(metric, after), hb, ha, changePercent(hb, ha), settings);
        if (Double.isNaN(hb) || Double.isNaN(ha)) {
            String which = Double.isNaN(hb) ? "baseline" : "result";
            return e.conclude(
                    ChangeVerdict.INCONCLUSIVE, null, null, "the " + which + " measured no " + metric.label());
        }
        if (e.first().length < settings.minIntervals() || e.second().length < settings.minIntervals()) {
            return e.conclude(
                    ChangeVerdict.INCONCLUSIVE,
                    null,
                    null,
                    String.format(
                            Locale.ROOT,
                            "too few measured intervals: %d vs %d (a verdict needs at least %d per side; run longer or use a"
                                    + " shorter --interval)",
                            e.first().length,
                            e.second().length,
                            settings.minIntervals()));
        }
        MannWhitney.Result u = MannWhitney.test(e.first(), e.second());
        Bootstrap.Centre centre = metric == Metric.ERROR_RATE ? Bootstrap.Centre.MEAN : Bootstrap.Centre.MEDIAN;
        double[] ci = Bootstrap.ratioInterval(
                e.first(),
                e.second(),
                centre,
                settings.confidence(),
                settings.resamples(),
                settings.seed() + metric.ordinal());

        boolean significant = u.p() < 1 - settings.confidence();
        int headlineDirection = Double.compare(ha, hb);
        int sampleDirection = (int) Math.signum(u.z());
        Double change = e.change();
        boolean beyond = change == null ? ha != hb : Math.abs(change) > settings.tolerance() * 100;
        String p = "p " + (u.p() < 1e-4 ? "" : "= ") + Texts.pValue(u.p());
        String tolerance = Texts.percent(settings.tolerance()) + " tolerance";
        if (!significant) {
            String needed = Texts.number(1 - settings.confidence());
            return e.conclude(
                    ChangeVerdict.UNCHANGED, u, ci, "no significant difference (" + p + ", " + needed + " needed)");
        }
        if (headlineDirection != sampleDirection) {
            return e.conclude(
                    ChangeVerdict.UNCHANGED,
                    u,
                    ci,
                    "the intervals differ (" + p + ") but the whole-run figure moved the other way or not at all");
        }
        if (!beyond) {
            return e.conclude(
                    ChangeVerdict.UNCHANGED,
                    u,
                    ci,
                    "significant (" + p + ") but " + Texts.change(change) + " is within the " + tolerance);
        }
        boolean better = (headlineDirection > 0) == metric.higherIsBetter();
        return e.conclude(
                better ? ChangeVerdict.IMPROVED : ChangeVerdict.REGRESSED,
                u,
                ci,
                "significant (" + p + ") and " + Texts.change(change) + " is beyond the " + tolerance);
    }

    /** What one metric's verdict rests on: both sides' samples and whole-run figures. */
    private record Evidence(
            Metric metric,
            double[] first,
            double[] second,
            double before,
            double after,
            Double change,
            ComparisonSettings settings) {

        MetricComparison conclude(ChangeVerdict verdict, MannWhitney.Result u, double[] ci, String reason) {
            return new MetricComparison(
                    metric,
                    before,
                    after,
                    change,
                    verdict,
                    u == null ? null : u.p(),
                    ci == null ? null : (ci[0] - 1) * 100,
                    ci == null ? null : (ci[1] - 1) * 100,
                    settings.confidence(),
                    describeTest(metric, settings),
                    first.length,
                    second.length,
                    reason);
        }
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
}
