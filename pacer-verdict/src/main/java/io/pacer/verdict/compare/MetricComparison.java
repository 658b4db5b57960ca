package io.pacer.verdict.compare;

import java.util.Objects;

/**
 * One metric of a baseline against a result: both whole-run figures, the change, the verdict and the evidence behind
 * it. Reports (console, HTML) show it as one row.
 *
 * @param metric what was compared
 * @param before the baseline's whole-run figure in {@code metric.unit()}; NaN when it measured none
 * @param after the result's whole-run figure in {@code metric.unit()}; NaN when it measured none
 * @param changePercent {@code (after − before) / before} in percent; null when {@code before} is 0 (or NaN) and
 *     {@code after} is not, where no ratio exists
 * @param verdict improved, unchanged, regressed or inconclusive, in the metric's own direction (throughput down and
 *     latency up are worse)
 * @param pValue the two-sided p-value of the test; null when no test ran (too few samples)
 * @param ciLowPercent the low end of the bootstrap confidence interval of the change of the per-interval centre
 *     (median; mean for the error rate), percent; null when no interval exists
 * @param ciHighPercent its high end, percent; null when no interval exists
 * @param confidence the confidence level of the test and the interval (0.95)
 * @param test the statistic used, in words
 * @param beforeSamples measured intervals of the baseline that carried this metric
 * @param afterSamples measured intervals of the result that carried this metric
 * @param reason why this verdict, in one line ("significant (p = 0.003) and +10.2 % is beyond the 5 % tolerance")
 */
public record MetricComparison(
        Metric metric,
        double before,
        double after,
        Double changePercent,
        ChangeVerdict verdict,
        Double pValue,
        Double ciLowPercent,
        Double ciHighPercent,
        double confidence,
        String test,
        int beforeSamples,
        int afterSamples,
        String reason) {

    public MetricComparison {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(reason, "reason");
    }

    /** The unit of {@code before} and {@code after}: {@code ops/s}, {@code µs} or {@code %}. */
    public String unit() {
        return metric.unit();
    }
}
