package io.pacer.verdict.compare;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples: does one tend to be larger than the other?
 * Rank-based, so it assumes nothing about the shape of the distribution — latency percentiles per interval are skewed
 * and have outliers, which would mislead a t-test.
 *
 * <p>The p-value is the normal approximation with mid-ranks for ties, the tie-corrected variance and a continuity
 * correction of ½ — what R's {@code wilcox.test(exact = FALSE, correct = TRUE)} and SciPy's
 * {@code mannwhitneyu(method="asymptotic")} compute. It is accurate from about 8 values per side; callers require
 * more ({@link ComparisonSettings#minIntervals()}).
 */
final class MannWhitney {
    private MannWhitney() {}

    /**
     * The test's outcome.
     *
     * @param u U of the second sample: how many (first, second) pairs have the second larger, ties counting ½
     * @param z the standardised U, continuity-corrected; positive when the second sample tends to be larger
     * @param p the two-sided p-value; 1 when every value is the same
     */
    record Result(double u, double z, double p) {}

    /** Tests whether {@code second} tends to be larger or smaller than {@code first}; each needs one value at least. */
    static Result test(double[] first, double[] second) {
        int n1 = first.length;
        int n2 = second.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need values, but had " + n1 + " and " + n2);
        }
        int n = n1 + n2;
        double[] values = new double[n];
        System.arraycopy(first, 0, values, 0, n1);
        System.arraycopy(second, 0, values, n1, n2);
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));

        double rankSumSecond = 0;
        double tieTerm = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double midRank = (start + end + 2) / 2.0;
            int ties = end - start + 1;
            tieTerm += (double) ties * ties * ties - ties;
            for (int k = start; k <= end; k++) {
                if (order[k] >= n1) {
                    rankSumSecond += midRank;
                }
            }
            start = end + 1;
        }
        double u = rankSumSecond - n2 * (n2 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2;
        double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (!(variance > 0)) {
            return new Result(u, 0, 1);
        }
        double distance = Math.max(0, Math.abs(u - mean) - 0.5);
        double z = Math.signum(u - mean) * distance / Math.sqrt(variance);
        return new Result(u, z, Normal.twoSidedP(z));
    }
}
