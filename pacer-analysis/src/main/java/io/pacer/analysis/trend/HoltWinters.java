package io.pacer.analysis.trend;

import java.util.Arrays;
import java.util.Locale;

/**
 * Additive Holt-Winters exponential smoothing: a level, a trend and (with a period) one seasonal offset per position
 * in the season, each updated from the one-step error. The three smoothing parameters are fitted by minimising the
 * one-step-ahead squared error over a grid; without a period it is Holt's linear method. The prediction interval is
 * the model's own (Hyndman et al., <i>Forecasting with Exponential Smoothing</i>, class 1, ETS(A,A,A)): the
 * residuals' spread times {@code sqrt(1 + Σ c_j²)}, {@code c_j = α(1 + jβ) + γ(1 − α)[j mod m = 0]}, so it widens
 * with the horizon.
 */
final class HoltWinters {

    private static final double[] ALPHAS = {0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9};
    private static final double[] BETAS = {0, 0.01, 0.02, 0.05, 0.1, 0.2};
    private static final double[] GAMMAS = {0.01, 0.05, 0.1, 0.2, 0.3, 0.5};
    private static final double[] NO_SEASON = {0};

    private final double alpha;
    private final double beta;
    private final double gamma;
    private final int period;
    private final double level;
    private final double trend;
    private final double[] season;
    private final int size;
    private final double sigma;

    private HoltWinters(double alpha, double beta, double gamma, int period, State end, int size, double sigma) {
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.period = period;
        this.level = end.level;
        this.trend = end.trend;
        this.season = end.season;
        this.size = size;
        this.sigma = sigma;
    }

    /** The fewest values a fit needs: two seasons to initialise and a third to fit on, or ten without a season. */
    static int minimumSize(int period) {
        return period == 0 ? 10 : 3 * period;
    }

    /** The model with the smallest one-step squared error over the grid; {@code period} 0 for no season. */
    static HoltWinters fit(double[] y, int period) {
        if (y.length < minimumSize(period)) {
            throw new IllegalArgumentException("Holt-Winters needs at least " + minimumSize(period)
                    + " values for a season of " + period + ", but had " + y.length);
        }
        double bestSse = Double.POSITIVE_INFINITY;
        double[] best = null;
        for (double a : ALPHAS) {
            for (double b : BETAS) {
                for (double g : period == 0 ? NO_SEASON : GAMMAS) {
                    double sse = run(y, period, a, b, g).sse;
                    if (sse < bestSse) {
                        bestSse = sse;
                        best = new double[] {a, b, g};
                    }
                }
            }
        }
        State end = run(y, period, best[0], best[1], best[2]);
        double sigma = Math.sqrt(end.sse / Math.max(1, end.errors));
        return new HoltWinters(best[0], best[1], best[2], period, end, y.length, sigma);
    }

    /** The point forecast {@code h} ≥ 1 steps after the last value. */
    double forecast(int h) {
        double s = period == 0 ? 0 : season[Math.floorMod(size - 1 + h, period)];
        return level + h * trend + s;
    }

    /** Half the width of the prediction interval {@code h} steps ahead at {@code confidence} (two-sided). */
    double halfWidth(int h, double confidence) {
        double sum = 1;
        for (int j = 1; j < h; j++) {
            double c = alpha * (1 + j * beta) + (period > 0 && j % period == 0 ? gamma * (1 - alpha) : 0);
            sum += c * c;
        }
        return Significance.quantile(0.5 + confidence / 2) * sigma * Math.sqrt(sum);
    }

    /** The one-step residuals' root mean square. */
    double sigma() {
        return sigma;
    }

    /** The method and its fitted parameters, for people. */
    String describe() {
        String parameters = String.format(Locale.ROOT, "alpha %.2f, beta %.2f", alpha, beta);
        return period == 0
                ? "Holt linear (no season found; " + parameters + ")"
                : String.format(
                        Locale.ROOT,
                        "additive Holt-Winters (season %d points; %s, gamma %.2f)",
                        period,
                        parameters,
                        gamma);
    }

    /** The level, trend and seasonal offsets after the last value, and the one-step errors on the way. */
    private static final class State {
        double level;
        double trend;
        double[] season;
        double sse;
        int errors;
    }

    private static State run(double[] y, int m, double a, double b, double g) {
        State s = new State();
        int start;
        if (m == 0) {
            int k = Math.min(y.length - 1, 4);
            s.level = y[0];
            s.trend = (y[k] - y[0]) / k;
            s.season = new double[0];
            start = 1;
        } else {
            double first = mean(y, 0, m);
            s.trend = (mean(y, m, 2 * m) - first) / m;
            s.level = first + s.trend * (m - 1) / 2.0;
            s.season = new double[m];
            for (int i = 0; i < m; i++) {
                s.season[i] = y[i] - (first + s.trend * (i - (m - 1) / 2.0));
            }
            start = m;
        }
        for (int t = start; t < y.length; t++) {
            double seasonal = m == 0 ? 0 : s.season[t % m];
            double error = y[t] - (s.level + s.trend + seasonal);
            if (t >= 2 * m) { // the second season helped initialise the trend: fit on what follows
                s.sse += error * error;
                s.errors++;
            }
            double previous = s.level;
            s.level = a * (y[t] - seasonal) + (1 - a) * (s.level + s.trend);
            s.trend = b * (s.level - previous) + (1 - b) * s.trend;
            if (m > 0) {
                s.season[t % m] = g * (y[t] - s.level) + (1 - g) * seasonal;
            }
        }
        return s;
    }

    private static double mean(double[] y, int from, int to) {
        return Arrays.stream(y, from, to).average().orElse(0);
    }
}
