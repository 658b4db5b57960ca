package io.pacer.verdict.compare;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A percentile-bootstrap confidence interval of the ratio of two samples' centres (median or mean): resample each side
 * with replacement, take the ratio of the centres, and read the interval off the sorted ratios. Seeded, so the same
 * two samples always give the same interval.
 */
final class Bootstrap {
    private Bootstrap() {}

    /**
     * The central {@code confidence} interval of {@code centre(second) / centre(first)} over {@code resamples}
     * resamples; null when the first sample's centre is 0 in more than a tenth of them (the ratio is then undefined).
     *
     * @return {low, high}
     */
    static double[] ratioInterval(
            double[] first,
            double[] second,
            ToDoubleFunction<double[]> centre,
            double confidence,
            int resamples,
            long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[first.length];
        double[] b = new double[second.length];
        double[] ratios = new double[resamples];
        int defined = 0;
        for (int r = 0; r < resamples; r++) {
            resample(first, a, random);
            resample(second, b, random);
            double denominator = centre.applyAsDouble(a);
            if (denominator > 0) {
                ratios[defined++] = centre.applyAsDouble(b) / denominator;
            }
        }
        if (defined < resamples * 0.9) {
            return null;
        }
        Arrays.sort(ratios, 0, defined);
        double tail = (1 - confidence) / 2;
        return new double[] {quantile(ratios, defined, tail), quantile(ratios, defined, 1 - tail)};
    }

    /** The median of {@code values} (sorts a copy). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** The arithmetic mean of {@code values}. */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static void resample(double[] from, double[] into, SplittableRandom random) {
        for (int i = 0; i < into.length; i++) {
            into[i] = from[random.nextInt(from.length)];
        }
    }

    /** Linear interpolation between order statistics of the first {@code n} sorted values (R's type 7). */
    private static double quantile(double[] sorted, int n, double q) {
        double position = q * (n - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(n - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
