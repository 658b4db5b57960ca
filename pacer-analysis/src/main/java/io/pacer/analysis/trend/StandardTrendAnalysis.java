package io.pacer.analysis.trend;

import io.pacer.analysis.History;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.internal.Check;
import io.pacer.monitor.store.Series;
import io.pacer.verdict.compare.ChangeVerdict;
import io.pacer.verdict.compare.SampleComparison;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The trends, change points and forecasts of {@link TrendMetric#STANDARD}: each series of each metric is sampled to
 * at most {@link #MAX_POINTS} values, tested for a monotonic trend and searched for level shifts (both with its season,
 * if it has one, removed; each shift with the events near it as possible causes), and forecast. A metric's entry in {@code trends} is its worst series: degrading if any
 * degrades, else improving if any improves, else stable.
 */
final class StandardTrendAnalysis implements TrendAnalysis {

    /** Values per series the statistics work on (groups of points averaged beyond): O(n²) tests stay cheap. */
    static final int MAX_POINTS = 600;

    /** Fewer values than this say nothing about a trend. */
    static final int MIN_POINTS = 12;

    private final TrendSettings settings;
    private final ChangePoints changePoints;

    StandardTrendAnalysis(TrendSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.changePoints = new ChangePoints(settings);
    }

    @Override
    public TrendReport report(History history, List<ActionRecord> actions, Duration horizon) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(actions, "actions");
        Check.positive("forecast horizon", horizon);
        Causes causes = Causes.of(history, actions, loadChanges(history));
        List<Trend> details = new ArrayList<>();
        Map<String, Direction> worst = new LinkedHashMap<>();
        List<SignificantChange> changes = new ArrayList<>();
        List<Forecast> forecasts = new ArrayList<>();
        for (TrendMetric metric : TrendMetric.STANDARD) {
            for (Series series : history.series(metric.series(), metric.labels())) {
                Sampled sampled = Sampled.of(series, MAX_POINTS);
                if (sampled.size() < MIN_POINTS) {
                    continue;
                }
                int period = period(sampled);
                Trend trend = MonotonicTrend.of(metric, series, sampled, period, settings);
                details.add(trend);
                worst.merge(metric.metric(), trend.direction(), StandardTrendAnalysis::worse);
                String key = TrendNames.key(series);
                double[] values = Seasonality.deseasonalized(sampled.values(), period);
                for (ChangePoints.Shift shift :
                        changePoints.find(key, values, metric.higherIsBetter(), settings.minSegment())) {
                    changes.add(change(metric, key, sampled, shift, causes, history.to()));
                }
                Forecast forecast =
                        Forecasts.of(metric, series, sampled, period, horizon, settings.forecastConfidence());
                if (forecast != null) {
                    forecasts.add(forecast);
                }
            }
        }
        Map<String, String> trends = new LinkedHashMap<>();
        worst.forEach((metric, direction) -> trends.put(metric + "_trend", direction.json()));
        changes.sort(Comparator.comparing(SignificantChange::at).reversed());
        double days = Duration.between(history.from(), history.to()).toMillis() / 86_400_000.0;
        return new TrendReport(days, trends, details, changes, forecasts);
    }

    /** The seasonal period in values: the given one when set, else the one the series shows (0 for none). */
    private int period(Sampled sampled) {
        return settings.seasonPeriod() != null
                ? Seasonality.given(settings.seasonPeriod(), sampled.stepMillis(), sampled.size())
                : Seasonality.detect(sampled.values());
    }

    /** The change points of the load series: events that may explain a change elsewhere at the same time. */
    private List<Causes.Event> loadChanges(History history) {
        List<Causes.Event> events = new ArrayList<>();
        TrendMetric.LOAD.forEach((name, counter) -> {
            for (Series series : history.series(name)) {
                Sampled sampled = counter ? Sampled.ratesOf(series, MAX_POINTS) : Sampled.of(series, MAX_POINTS);
                if (sampled.size() < MIN_POINTS) {
                    continue;
                }
                String key = TrendNames.key(series);
                int period = period(sampled);
                double[] values = Seasonality.deseasonalized(sampled.values(), period);
                for (ChangePoints.Shift shift : changePoints.find(key, values, true, settings.minSegment())) {
                    Instant at = sampled.at(shift.index());
                    SampleComparison c = shift.comparison();
                    events.add(new Causes.Event(
                            at,
                            key,
                            String.format(
                                    Locale.ROOT,
                                    "load change: %s%s %s from %.4g to %.4g%s at %s",
                                    key,
                                    counter ? " (rate per second)" : "",
                                    c.after() > c.before() ? "rose" : "fell",
                                    c.before(),
                                    c.after(),
                                    c.changePercent() == null
                                            ? ""
                                            : String.format(Locale.ROOT, " (%+.1f %%)", c.changePercent()),
                                    at)));
                }
            }
        });
        return events;
    }

    private SignificantChange change(
            TrendMetric metric, String key, Sampled sampled, ChangePoints.Shift shift, Causes causes, Instant now) {
        Instant at = sampled.at(shift.index());
        SampleComparison c = shift.comparison();
        Duration tolerance = Duration.ofMillis(settings.causePoints() * sampled.stepMillis());
        String statistic = String.format(
                Locale.ROOT,
                "Mann-Whitney p %s < %s (%.2f shared over %d split positions, Bonferroni; p corrected for lag-1"
                        + " autocorrelation %.2f); median %.4g -> %.4g; %s",
                MonotonicTrend.p(shift.p()),
                MonotonicTrend.p(shift.threshold()),
                1 - settings.confidence(),
                shift.tested(),
                shift.rho(),
                c.before(),
                c.after(),
                c.reason());
        return new SignificantChange(
                metric.metric(),
                key,
                at,
                changePercent(c, sampled, shift.index()),
                c.verdict() == ChangeVerdict.IMPROVED ? "improvement" : "degradation",
                timePeriod(Duration.between(at, now)),
                statistic,
                causes.near(at, tolerance, key));
    }

    /**
     * The medians' change in percent; where the median before is 0 (an error rate that was mostly nothing), the
     * means'; where the mean before is 0 too, ±100 (a change from nothing, which has no ratio).
     */
    private static double changePercent(SampleComparison c, Sampled sampled, int index) {
        if (c.changePercent() != null) {
            return c.changePercent();
        }
        double before = mean(sampled.slice(0, index));
        double after = mean(sampled.slice(index, sampled.size()));
        return before != 0 ? (after - before) / Math.abs(before) * 100 : Math.signum(after - before) * 100;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /** Seed 002's period names: how recent the change is, {@code last_45_minutes}, {@code last_6_hours}, … */
    static String timePeriod(Duration since) {
        long minutes = Math.max(1, (since.toSeconds() + 59) / 60);
        if (minutes < 120) {
            return "last_" + minutes + "_minutes";
        }
        long hours = (minutes + 59) / 60;
        return hours < 48 ? "last_" + hours + "_hours" : "last_" + (hours + 23) / 24 + "_days";
    }

    private static Direction worse(Direction a, Direction b) {
        return a == Direction.DEGRADING || b == Direction.DEGRADING
                ? Direction.DEGRADING
                : a == Direction.IMPROVING || b == Direction.IMPROVING ? Direction.IMPROVING : Direction.STABLE;
    }
}
