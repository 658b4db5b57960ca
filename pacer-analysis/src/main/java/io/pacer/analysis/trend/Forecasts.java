package io.pacer.analysis.trend;

import io.pacer.analysis.trend.Forecast.ForecastPoint;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds a series' {@link Forecast} from a {@link HoltWinters} fit, one point per step, thinned for long horizons. */
final class Forecasts {

    /** At most this many points are reported (evenly spaced, the horizon's end always included). */
    static final int MAX_POINTS = 200;

    /** A horizon is cut at this many steps of the series (the interval is meaningless long before). */
    static final int MAX_STEPS = 100_000;

    private Forecasts() {}

    /** The forecast, or null when the series is too short or has no step to forecast by. */
    static Forecast of(
            TrendMetric metric, Series series, Sampled sampled, int period, Duration horizon, double confidence) {
        int season = sampled.size() >= HoltWinters.minimumSize(period) ? period : 0;
        if (sampled.size() < HoltWinters.minimumSize(season) || sampled.stepMillis() <= 0) {
            return null;
        }
        HoltWinters model = HoltWinters.fit(sampled.values(), season);
        long step = sampled.stepMillis();
        int steps = (int) Math.min(MAX_STEPS, Math.max(1, (horizon.toMillis() + step - 1) / step));
        int every = Math.max(1, (steps + MAX_POINTS - 1) / MAX_POINTS);
        Instant last = sampled.at(sampled.size() - 1);
        List<ForecastPoint> points = new ArrayList<>();
        for (int h = 1; h <= steps; h++) {
            if (h % every == 0 || h == steps) {
                double value = model.forecast(h);
                double half = model.halfWidth(h, confidence);
                points.add(new ForecastPoint(last.plusMillis(h * step), value, value - half, value + half));
            }
        }
        String method = String.format(
                Locale.ROOT,
                "%s, fitted by least one-step squared error; step %s, residual sd %.4g",
                model.describe(),
                Duration.ofMillis(step),
                model.sigma());
        return new Forecast(metric.metric(), TrendNames.key(series), method, confidence, steps * step / 1000, points);
    }
}
