package io.pacer.verdict.compare;

import java.util.Locale;

/**
 * {@link MetricComparator}'s rule for two plain samples: a change counts only when Mann-Whitney finds the samples
 * differ (p below {@code 1 − confidence}), the medians moved the same way, and by more than the tolerance.
 */
final class SampleComparator {

    private SampleComparator() {}

    static SampleComparison compare(
            String label, double[] first, double[] second, boolean higherIsBetter, ComparisonSettings settings) {
        double before = first.length == 0 ? Double.NaN : Bootstrap.median(first);
        double after = second.length == 0 ? Double.NaN : Bootstrap.median(second);
        Double change = MetricComparator.changePercent(before, after);
        if (first.length < settings.minIntervals() || second.length < settings.minIntervals()) {
            return new SampleComparison(
                    label,
                    before,
                    after,
                    change,
                    ChangeVerdict.INCONCLUSIVE,
                    null,
                    null,
                    null,
                    settings.confidence(),
                    first.length,
                    second.length,
                    String.format(
                            Locale.ROOT,
                            "too few values: %d vs %d (a verdict needs at least %d per side; measure longer)",
                            first.length,
                            second.length,
                            settings.minIntervals()));
        }
        MannWhitney.Result u = MannWhitney.test(first, second);
        double[] ci = Bootstrap.ratioInterval(
                first, second, Bootstrap.Centre.MEDIAN, settings.confidence(), settings.resamples(), settings.seed());
        String p = "p " + (u.p() < 1e-4 ? "" : "= ") + Texts.pValue(u.p());
        String tolerance = Texts.percent(settings.tolerance()) + " tolerance";
        ChangeVerdict verdict;
        String reason;
        boolean beyond = change == null ? after != before : Math.abs(change) > settings.tolerance() * 100;
        if (!(u.p() < 1 - settings.confidence())) {
            verdict = ChangeVerdict.UNCHANGED;
            reason = "no significant difference (" + p + ", " + Texts.number(1 - settings.confidence()) + " needed)";
        } else if (Double.compare(after, before) != (int) Math.signum(u.z())) {
            verdict = ChangeVerdict.UNCHANGED;
            reason = "the samples differ (" + p + ") but the median moved the other way or not at all";
        } else if (!beyond) {
            verdict = ChangeVerdict.UNCHANGED;
            reason = "significant (" + p + ") but " + Texts.change(change) + " is within the " + tolerance;
        } else {
            boolean better = (after > before) == higherIsBetter;
            verdict = better ? ChangeVerdict.IMPROVED : ChangeVerdict.REGRESSED;
            reason = "significant (" + p + ") and " + Texts.change(change) + " is beyond the " + tolerance;
        }
        return new SampleComparison(
                label,
                before,
                after,
                change,
                verdict,
                u.p(),
                ci == null ? null : (ci[0] - 1) * 100,
                ci == null ? null : (ci[1] - 1) * 100,
                settings.confidence(),
                first.length,
                second.length,
                reason);
    }
}
