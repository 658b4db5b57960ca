package io.pacer.analysis.trend;

import io.pacer.analysis.MannKendall;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One series' trend: Mann-Kendall says whether it rises or falls at all, the Theil-Sen slope how steeply. A trend
 * counts when the test is significant and the slope moves the metric by at least {@link TrendSettings#minChange()} of
 * its median over the window (a significant 0.1 % creep is stable to an operator); its direction then follows the
 * metric's better direction. A seasonal series is tested with its season removed: a daily cycle cut at the window's
 * ends would otherwise read as a trend. The p-value is corrected for the autocorrelation of what the slope leaves
 * ({@link Significance}): a smooth gauge that wanders is not trending.
 */
final class MonotonicTrend {

    static final String STATISTIC = "Mann-Kendall tau with Sen slope";

    /**
     * Values the Theil-Sen slope is computed over (groups averaged beyond): its pairs grow with the square, and 200
     * values give a slope as steady as 600 at a ninth of the cost.
     */
    static final int SLOPE_POINTS = 200;

    private MonotonicTrend() {}

    /** The trend of {@code series}, sampled as {@code sampled}, with its season of {@code period} values removed. */
    static Trend of(TrendMetric metric, Series series, Sampled sampled, int period, TrendSettings settings) {
        double[] values = Seasonality.deseasonalized(sampled.values(), period);
        MannKendall mk = SeriesStats.mannKendall(values);
        Sampled forSlope = Sampled.grouped(sampled.millis(), values, SLOPE_POINTS);
        double slope = SeriesStats.slopePerHour(asSeries(series, forSlope.millis(), forSlope.values()));
        double hours = (sampled.millis()[values.length - 1] - sampled.millis()[0]) / 3_600_000.0;
        double change = Double.isNaN(slope) ? 0 : slope * hours;
        double rho =
                SeriesStats.autocorrelation(residuals(sampled.millis(), values, Double.isNaN(slope) ? 0 : slope), 1);
        double pValue = Significance.corrected(mk.pValue(), Significance.effectiveShare(rho));
        double median = SeriesStats.quantile(values, 0.5);
        double relative = median == 0 ? (change == 0 ? 0 : Double.POSITIVE_INFINITY) : Math.abs(change / median);
        boolean significant = pValue < 1 - settings.confidence()
                && relative >= settings.minChange()
                && Math.signum(change) == Math.signum(mk.s());
        Direction direction = !significant
                ? Direction.STABLE
                : (change > 0) == metric.higherIsBetter() ? Direction.IMPROVING : Direction.DEGRADING;
        String statistic = String.format(
                Locale.ROOT,
                "%s: tau %.3f, z %.2f, p %s (corrected for lag-1 autocorrelation %.2f) over %d points%s; slope %.4g per"
                        + " hour, %s over the window (median %.4g)",
                STATISTIC,
                mk.tau(),
                mk.z(),
                p(pValue),
                rho,
                mk.n(),
                period > 0 ? ", its season of " + period + " points removed" : "",
                Double.isNaN(slope) ? 0 : slope,
                Double.isInfinite(relative)
                        ? String.format(Locale.ROOT, "%+.4g from 0", change)
                        : String.format(Locale.ROOT, "%+.1f %%", Math.signum(change) * relative * 100),
                median);
        return new Trend(
                metric.metric(),
                series.name(),
                series.labels(),
                direction,
                statistic,
                Double.isNaN(slope) ? 0 : slope,
                pValue);
    }

    /** {@code values} less the line of {@code slopePerHour} (the mean is left: autocorrelation removes it). */
    private static double[] residuals(long[] millis, double[] values, double slopePerHour) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] - slopePerHour * (millis[i] - millis[0]) / 3_600_000.0;
        }
        return out;
    }

    private static Series asSeries(Series series, long[] millis, double[] values) {
        List<Point> points = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            points.add(new Point(Instant.ofEpochMilli(millis[i]), 1, v, v, v, v, null));
        }
        return new Series(series.name(), series.labels(), series.resolution(), points);
    }

    static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
