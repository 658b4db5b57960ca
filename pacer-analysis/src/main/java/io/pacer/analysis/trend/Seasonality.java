package io.pacer.analysis.trend;

import io.pacer.analysis.SeriesStats;
import java.time.Duration;

/**
 * Finds a series' seasonal period: the lag, in points, at which the detrended series best resembles itself. A period
 * counts only when its autocorrelation is a clear peak — high ({@link #MIN_PEAK}), and reached after a dip at least
 * {@link #MIN_DIP} below it (a smooth but aperiodic series correlates highly at every short lag, with no dip) — and
 * when the series holds at least {@link #MIN_SEASONS} of it, so the forecast has whole seasons to learn from.
 */
final class Seasonality {

    /** The autocorrelation a seasonal peak must reach. */
    static final double MIN_PEAK = 0.3;

    /** How far the autocorrelation must have fallen below the peak at a shorter lag. */
    static final double MIN_DIP = 0.3;

    /** Whole seasons the series must hold. */
    static final int MIN_SEASONS = 3;

    private Seasonality() {}

    /** The period in points of {@code values}, or 0 when it has none. */
    static int detect(double[] values) {
        double[] residual = detrended(values);
        int maxLag = values.length / MIN_SEASONS;
        int best = 0;
        double bestAcf = MIN_PEAK;
        double lowest = 1;
        double[] acf = new double[maxLag + 2];
        for (int lag = 1; lag <= maxLag + 1; lag++) {
            acf[lag] = SeriesStats.autocorrelation(residual, lag);
        }
        for (int lag = 2; lag <= maxLag; lag++) {
            lowest = Math.min(lowest, acf[lag - 1]);
            boolean peak = acf[lag] >= acf[lag - 1] && acf[lag] >= acf[lag + 1];
            if (peak && acf[lag] > bestAcf && acf[lag] - lowest >= MIN_DIP) {
                best = lag;
                bestAcf = acf[lag];
            }
        }
        return best;
    }

    /**
     * A given period in points of a series sampled every {@code stepMillis}; 0 when it is under two points or the
     * series holds fewer than {@link #MIN_SEASONS} of it.
     */
    static int given(Duration period, long stepMillis, int size) {
        if (stepMillis <= 0) {
            return 0;
        }
        long points = Math.round(period.toMillis() / (double) stepMillis);
        return points < 2 || points * MIN_SEASONS > size ? 0 : (int) points;
    }

    /**
     * {@code values} less each position's seasonal offset (the mean of the detrended values at that position of the
     * season), so a trend test sees the trend and not the season; {@code values} as they are for period 0.
     */
    static double[] deseasonalized(double[] values, int period) {
        if (period <= 0) {
            return values;
        }
        double[] residual = detrended(values);
        double[] sum = new double[period];
        int[] count = new int[period];
        for (int i = 0; i < values.length; i++) {
            sum[i % period] += residual[i];
            count[i % period]++;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] - sum[i % period] / count[i % period];
        }
        return out;
    }

    /** {@code values} less their least-squares line, so a trend does not read as correlation at every lag. */
    private static double[] detrended(double[] values) {
        int n = values.length;
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : values) {
            meanY += v / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (values[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = values[i] - meanY - slope * (i - meanX);
        }
        return out;
    }
}
