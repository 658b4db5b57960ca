package io.pacer.verdict.compare;

import java.util.Objects;

/**
 * Two samples of one measured quantity compared with the same rule as runs ({@link Comparisons#compareSamples}):
 * e.g. a stored series' values in the window before an optimisation action against the window after it.
 *
 * @param label what was compared, e.g. {@code kafka.group.lag.records{group=orders}}
 * @param before the median of the first sample; NaN when it is empty
 * @param after the median of the second sample; NaN when it is empty
 * @param changePercent {@code (after − before) / before} in percent; null where no ratio exists
 * @param verdict improved, unchanged, regressed or inconclusive, in the quantity's own direction
 * @param pValue the two-sided Mann-Whitney p-value; null when no test ran
 * @param ciLowPercent the bootstrap interval's low end of the change of medians, percent; null when none
 * @param ciHighPercent its high end; null when none
 * @param confidence the confidence level of the test and the interval
 * @param beforeSamples values in the first sample
 * @param afterSamples values in the second sample
 * @param reason why this verdict, in one line
 */
public record SampleComparison(
        String label,
        double before,
        double after,
        Double changePercent,
        ChangeVerdict verdict,
        Double pValue,
        Double ciLowPercent,
        Double ciHighPercent,
        double confidence,
        int beforeSamples,
        int afterSamples,
        String reason) {

    public SampleComparison {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }
}
