package io.pacer.analysis.action;

import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Series;
import io.pacer.verdict.compare.ComparisonSettings;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.SampleComparison;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges an applied plan: its {@link Verification} series over the window before the change against the same length
 * after it, compared by the verdict module's rule ({@link Comparisons#compareSamples}: Mann-Whitney, the medians'
 * change against the tolerance), so a verification says "worse" only when the statistics do.
 *
 * <p>A counter ({@code *.total}, {@code *_total}) is judged by its rate per second between successive samples (a fall
 * read as a reset), since its raw values only ever rise. Several series matching the labels (a topic's partitions)
 * are summed per instant.
 */
final class VerificationJudge {

    private final MetricStore store;
    private final Duration defaultWindow;

    VerificationJudge(MetricStore store, Duration defaultWindow) {
        this.store = store;
        this.defaultWindow = defaultWindow;
    }

    /**
     * How long {@code plan} is verified: its verification's window, except that an executor's
     * {@link Verification#DEFAULT_WINDOW} defers to the service's configured window.
     */
    Duration window(Plan plan) {
        Duration own = plan.verification().window();
        return own.equals(Verification.DEFAULT_WINDOW) ? defaultWindow : own;
    }

    /** When the verification of {@code record} (applied, with a verification) ends. */
    Instant endsAt(ActionRecord record) {
        return record.appliedAt().plus(window(record.plan()));
    }

    /** Compares the plan's series before and after {@code appliedAt}. */
    SampleComparison judge(Plan plan, Instant appliedAt) {
        Verification v = plan.verification();
        Duration window = window(plan);
        double[] before = values(v, appliedAt.minus(window), appliedAt);
        double[] after = values(v, appliedAt, appliedAt.plus(window));
        ComparisonSettings settings = ComparisonSettings.ofDefaults().withTolerance(v.tolerance());
        return Comparisons.compareSamples(label(v), before, after, v.higherIsBetter(), settings);
    }

    /** One line for the history: the verdict's reason and its numbers. */
    static String detail(SampleComparison c) {
        return String.format(
                Locale.ROOT,
                "%s: median %s before, %s after%s over %d vs %d samples; %s",
                c.label(),
                number(c.before()),
                number(c.after()),
                c.changePercent() == null ? "" : String.format(Locale.ROOT, " (%+.1f%%)", c.changePercent()),
                c.beforeSamples(),
                c.afterSamples(),
                c.reason());
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "none" : String.format(Locale.ROOT, "%.4g", value);
    }

    private static String label(Verification v) {
        return v.labels().isEmpty() ? v.series() : v.series() + v.labels();
    }

    private double[] values(Verification v, Instant from, Instant to) {
        List<Series> series = store.query(new Query(v.series(), v.labels(), from, to, null));
        boolean counter = v.series().endsWith(".total") || v.series().endsWith("_total");
        Map<Instant, Double> sum = new TreeMap<>();
        for (Series s : series) {
            List<Point> points = s.points();
            for (int i = counter ? 1 : 0; i < points.size(); i++) {
                Point p = points.get(i);
                double value = counter ? rate(points.get(i - 1), p) : p.avg();
                if (Double.isFinite(value)) {
                    sum.merge(p.timestamp(), value, Double::sum);
                }
            }
        }
        return sum.values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double rate(Point previous, Point p) {
        double seconds = Duration.between(previous.timestamp(), p.timestamp()).toMillis() / 1000.0;
        if (seconds <= 0) {
            return Double.NaN;
        }
        double rise = p.last() >= previous.last() ? p.last() - previous.last() : p.last();
        return rise / seconds;
    }
}
