package io.pacer.verdict.compare;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A percentile-bootstrap confidence interval of the ratio of two samples' centres (median or mean): resample each side
 * with replacement, take the ratio of the centres, and read the interval off the sorted ratios. Seeded, so the same
 * two samples always give the same interval.
 *
 * <p>A resample's median is found without sorting it: each side is sorted once, a resample is a count per position
 * of the sorted sample, and the median is where the running count passes the middle — linear per resample, so an
 * hour of 1 s intervals (3,600 per side) takes a fraction of a second rather than many.
 */
final class Bootstrap {

    /** What the ratio is of. */
    enum Centre {
        MEDIAN,
        MEAN
    }

    private Bootstrap() {}

    /**
     * The central {@code confidence} interval of {@code centre(second) / centre(first)} over {@code resamples}
     * resamples; null when the first sample's centre is 0 in more than a tenth of them (the ratio is then undefined).
     *
     * @return {low, high}
     */
    static double[] ratioInterval(
            double[] first, double[] second, Centre centre, double confidence, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = sorted(first);
        double[] b = sorted(second);
        int[] countsA = new int[a.length];
        int[] countsB = new int[b.length];
        double[] ratios = new double[resamples];
        int defined = 0;
        for (int r = 0; r < resamples; r++) {
            double denominator = resampledCentre(a, countsA, centre, random);
            double numerator = resampledCentre(b, countsB, centre, random);
            if (denominator > 0) {
                ratios[defined++] = numerator / denominator;
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
        double[] s = sorted(values);
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    /** The arithmetic mean of {@code values}. */
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The centre of a resample with replacement of {@code sorted}; {@code counts} is scratch space of its length. */
    private static double resampledCentre(double[] sorted, int[] counts, Centre centre, SplittableRandom random) {
        int n = sorted.length;
        if (centre == Centre.MEAN) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += sorted[random.nextInt(n)];
            }
            return sum / n;
        }
        Arrays.fill(counts, 0);
        for (int i = 0; i < n; i++) {
            counts[random.nextInt(n)]++;
        }
        // The k-th smallest of the resample, k = (n-1)/2 and n/2 (the same for odd n).
        int lowRank = (n - 1) / 2;
        int highRank = n / 2;
        double low = Double.NaN;
        int seen = 0;
        for (int i = 0; i < n; i++) {
            seen += counts[i];
            if (Double.isNaN(low) && seen > lowRank) {
                low = sorted[i];
            }
            if (seen > highRank) {
                return (low + sorted[i]) / 2;
            }
        }
        throw new IllegalStateException("a resample of " + n + " values has no median");
    }

    private static double[] sorted(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** Linear interpolation between order statistics of the first {@code n} sorted values (R's type 7). */
    private static double quantile(double[] sorted, int n, double q) {
        double position = q * (n - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(n - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
