package io.pacer.analysis.trend;

import io.pacer.analysis.SeriesStats;
import io.pacer.verdict.compare.ChangeVerdict;
import io.pacer.verdict.compare.ComparisonSettings;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.SampleComparison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Level shifts by binary segmentation: in a segment, the split that best separates the means (the CUSUM statistic
 * {@code |mean left − mean right| · sqrt(n_left · n_right / n)}, O(n) with prefix sums) is tested with the verdict
 * module's comparison ({@link Comparisons#compareSamples}: Mann-Whitney and the medians' change against the
 * tolerance); a confirmed split is kept and both sides are searched again. Because the split tested is the best of
 * many, its p-value must beat the family-wise level divided by every split position the series offers (Bonferroni)
 * — otherwise a flat noisy series would always "change" somewhere — after correcting it for the residuals'
 * autocorrelation ({@link Significance}): a smooth gauge that wanders is not shifting. A split must also be abrupt: the medians of the
 * {@code minSegment} values either side of it must differ by at least {@link #ABRUPTNESS} of the whole sides'
 * difference. A steady ramp differs a lot between its halves but hardly across any one point — it is a trend (and
 * reported as one), not a change point.
 */
final class ChangePoints {

    /** At most this many change points per series: more means the series is noise or a ramp, not a few shifts. */
    static final int MAX_PER_SERIES = 5;

    /** The share of a shift that must happen right at the split (see the class comment). */
    static final double ABRUPTNESS = 0.5;

    /** Bootstrap resamples behind the comparison's interval (not used for the decision; kept cheap). */
    private static final int RESAMPLES = 200;

    /**
     * One confirmed shift.
     *
     * @param index the first value after the shift
     * @param comparison the values before against after, within the segment searched
     * @param p the comparison's p-value corrected for the residuals' autocorrelation ({@link Significance})
     * @param rho the lag-1 autocorrelation of the residuals (each side less its own mean)
     * @param threshold the p-value it had to beat
     * @param tested split positions the threshold was shared over
     */
    record Shift(int index, SampleComparison comparison, double p, double rho, double threshold, int tested) {}

    private final TrendSettings settings;

    ChangePoints(TrendSettings settings) {
        this.settings = settings;
    }

    /** The shifts in {@code values}, oldest first; segments have at least {@code minSegment} values a side. */
    List<Shift> find(String label, double[] values, boolean higherIsBetter, int minSegment) {
        int tested = values.length - 2 * minSegment + 1;
        List<Shift> found = new ArrayList<>();
        if (tested < 1) {
            return found;
        }
        double threshold = (1 - settings.confidence()) / tested;
        ComparisonSettings comparison = new ComparisonSettings(
                settings.minChange(),
                Math.min(0.999, settings.confidence()),
                Math.max(3, minSegment),
                RESAMPLES,
                ComparisonSettings.DEFAULT_SEED);
        double[] prefix = new double[values.length + 1];
        for (int i = 0; i < values.length; i++) {
            prefix[i + 1] = prefix[i] + values[i];
        }
        List<int[]> segments = new ArrayList<>();
        segments.add(new int[] {0, values.length});
        while (!segments.isEmpty() && found.size() < MAX_PER_SERIES) {
            int[] segment = segments.remove(segments.size() - 1);
            int from = segment[0];
            int to = segment[1];
            if (to - from < 2 * minSegment) {
                continue;
            }
            int split = bestSplit(prefix, from, to, minSegment);
            SampleComparison c = Comparisons.compareSamples(
                    label,
                    Arrays.copyOfRange(values, from, split),
                    Arrays.copyOfRange(values, split, to),
                    higherIsBetter,
                    comparison);
            boolean shifted = c.verdict() == ChangeVerdict.IMPROVED || c.verdict() == ChangeVerdict.REGRESSED;
            double rho = residualAutocorrelation(values, from, split, to);
            double p = c.pValue() == null ? 1 : Significance.corrected(c.pValue(), Significance.effectiveShare(rho));
            if (shifted && p < threshold && abrupt(values, from, split, to, minSegment, c.after() - c.before())) {
                found.add(new Shift(split, c, p, rho, threshold, tested));
                segments.add(new int[] {from, split});
                segments.add(new int[] {split, to});
            }
        }
        found.sort(Comparator.comparingInt(Shift::index));
        return found;
    }

    /** The lag-1 autocorrelation of the segment with each side less its own mean (so the shift is not counted). */
    private static double residualAutocorrelation(double[] values, int from, int split, int to) {
        double[] residuals = Arrays.copyOfRange(values, from, to);
        double left = mean(values, from, split);
        double right = mean(values, split, to);
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] -= from + i < split ? left : right;
        }
        return SeriesStats.autocorrelation(residuals, 1);
    }

    private static double mean(double[] values, int from, int to) {
        return Arrays.stream(values, from, to).average().orElse(0);
    }

    private static boolean abrupt(double[] values, int from, int split, int to, int width, double shift) {
        double before = SeriesStats.quantile(Arrays.copyOfRange(values, Math.max(from, split - width), split), 0.5);
        double after = SeriesStats.quantile(Arrays.copyOfRange(values, split, Math.min(to, split + width)), 0.5);
        return Math.abs(after - before) >= ABRUPTNESS * Math.abs(shift)
                && Math.signum(after - before) == Math.signum(shift);
    }

    private static int bestSplit(double[] prefix, int from, int to, int minSegment) {
        int n = to - from;
        double total = prefix[to] - prefix[from];
        int best = from + minSegment;
        double bestScore = -1;
        for (int k = from + minSegment; k <= to - minSegment; k++) {
            int left = k - from;
            int right = to - k;
            double leftSum = prefix[k] - prefix[from];
            double difference = leftSum / left - (total - leftSum) / right;
            double score = Math.abs(difference) * Math.sqrt((double) left * right / n);
            if (score > bestScore) {
                bestScore = score;
                best = k;
            }
        }
        return best;
    }
}
