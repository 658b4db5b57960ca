package io.pacer.analysis;

import io.pacer.verdict.compare.Normal;
import java.util.Arrays;

/**
 * The Mann-Kendall test for a monotonic trend: S counts, over every pair of points, whether the later one is higher
 * (+1) or lower (−1). It assumes no shape and no distribution, so a spike or a skewed metric (latency) does not fake a
 * trend the way a least-squares slope would; ties (a flat counter, a ratio stuck at 1) are corrected for in the
 * variance. Use with the Theil-Sen slope ({@link SeriesStats#slopePerHour}) for how steep the trend is.
 *
 * @param n the number of values tested
 * @param s the statistic: concordant minus discordant pairs
 * @param tau Kendall's tau, {@code s} over the number of pairs: −1 (always falling) to 1 (always rising)
 * @param z the normal approximation of {@code s} with the continuity correction
 * @param pValue the two-sided p-value; 1 with fewer than three values
 */
public record MannKendall(int n, long s, double tau, double z, double pValue) {

    /** The test on {@code values}, oldest first; O(n²), so callers keep n to a few hundred. */
    public static MannKendall test(double[] values) {
        int n = values.length;
        if (n < 3) {
            return new MannKendall(n, 0, 0, 0, 1);
        }
        long s = 0;
        for (int i = 0; i < n - 1; i++) {
            for (int j = i + 1; j < n; j++) {
                s += (long) Math.signum(values[j] - values[i]);
            }
        }
        double variance = (n * (n - 1.0) * (2.0 * n + 5) - ties(values)) / 18;
        double z = variance <= 0 ? 0 : (s - Math.signum(s)) / Math.sqrt(variance);
        double pairs = n * (n - 1) / 2.0;
        return new MannKendall(n, s, s / pairs, z, s == 0 ? 1 : Normal.twoSidedP(z));
    }

    /** Σ t(t−1)(2t+5) over the groups of t equal values. */
    private static double ties(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int run = 1;
        for (int i = 1; i <= sorted.length; i++) {
            if (i < sorted.length && sorted[i] == sorted[i - 1]) {
                run++;
            } else {
                sum += run * (run - 1.0) * (2.0 * run + 5);
                run = 1;
            }
        }
        return sum;
    }
}
