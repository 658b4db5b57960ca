package io.pacer.verdict.compare;

import io.pacer.internal.Check;

/**
 * How strict a comparison is.
 *
 * @param tolerance the smallest relative change that matters, as a fraction ({@code 0.05} = 5 %): a significant
 *     change within it is reported but is neither a regression nor an improvement
 * @param confidence the confidence level of the test and of the reported intervals ({@code 0.95}); a change is
 *     significant when its p-value is below {@code 1 - confidence}
 * @param minIntervals the fewest measured intervals per side for a verdict; with fewer a metric is inconclusive
 * @param resamples bootstrap resamples behind each confidence interval
 * @param seed the bootstrap's seed, so that the same two results always give the same comparison
 */
public record ComparisonSettings(double tolerance, double confidence, int minIntervals, int resamples, long seed) {

    /** 5 %: smaller changes are treated as no change. */
    public static final double DEFAULT_TOLERANCE = 0.05;

    /** 95 %: a change counts as significant when p &lt; 0.05. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /** 10 measured intervals per side: the normal approximation of the U test is sound from about 8. */
    public static final int DEFAULT_MIN_INTERVALS = 10;

    /** 2,000 bootstrap resamples: the interval's ends move by well under a percent between seeds. */
    public static final int DEFAULT_RESAMPLES = 2_000;

    /** A fixed seed: comparisons are reproducible. */
    public static final long DEFAULT_SEED = 0x5EED_CAFEL;

    public ComparisonSettings {
        Check.range("tolerance", tolerance, 0, 10);
        Check.range("confidence", confidence, 0.5, 0.999);
        Check.range("minIntervals", minIntervals, 3, 100_000);
        Check.range("resamples", resamples, 100, 1_000_000);
    }

    /** Every setting at its default. */
    public static ComparisonSettings ofDefaults() {
        return new ComparisonSettings(
                DEFAULT_TOLERANCE, DEFAULT_CONFIDENCE, DEFAULT_MIN_INTERVALS, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** These settings with another tolerance (a fraction, 0.05 = 5 %). */
    public ComparisonSettings withTolerance(double tolerance) {
        return new ComparisonSettings(tolerance, confidence, minIntervals, resamples, seed);
    }

    /** These settings with another confidence level (a fraction, 0.95 = 95 %). */
    public ComparisonSettings withConfidence(double confidence) {
        return new ComparisonSettings(tolerance, confidence, minIntervals, resamples, seed);
    }

    /** These settings with another minimum of measured intervals per side. */
    public ComparisonSettings withMinIntervals(int minIntervals) {
        return new ComparisonSettings(tolerance, confidence, minIntervals, resamples, seed);
    }
}
