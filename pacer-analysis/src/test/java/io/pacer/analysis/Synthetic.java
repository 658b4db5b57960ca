package io.pacer.analysis;

import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Synthetic histories for detector and trend tests: a series is a function of the minutes since the window's start,
 * sampled every {@code step}, with optional seeded noise — so a test states the shape it means ("CPU at 97 % for the
 * last ten minutes") and nothing else.
 */
public final class Synthetic {

    /** The window every synthetic history ends at. */
    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private Synthetic() {}

    /** A raw series of {@code name}, one point per {@code step} over {@code span} ending at {@link #NOW}. */
    public static Series series(
            String name, Map<String, String> labels, Duration span, Duration step, DoubleUnaryOperator valueAtMinute) {
        List<Point> points = new ArrayList<>();
        Instant start = NOW.minus(span);
        for (Instant t = start; t.isBefore(NOW); t = t.plus(step)) {
            double minute = Duration.between(start, t).toMillis() / 60_000.0;
            double v = valueAtMinute.applyAsDouble(minute);
            points.add(new Point(t, 1, v, v, v, v, null));
        }
        return new Series(name, labels, Resolution.RAW, points);
    }

    /** {@link #series} with uniform noise of ± {@code amplitude} (relative) from a fixed {@code seed}. */
    public static Series noisy(
            String name,
            Map<String, String> labels,
            Duration span,
            Duration step,
            double amplitude,
            long seed,
            DoubleUnaryOperator valueAtMinute) {
        SplittableRandom random = new SplittableRandom(seed);
        return series(
                name,
                labels,
                span,
                step,
                m -> valueAtMinute.applyAsDouble(m) * (1 + (random.nextDouble() * 2 - 1) * amplitude));
    }

    /** A history of {@code series} over the {@code span} ending at {@link #NOW}. */
    public static History history(Duration span, Series... series) {
        return History.of(List.of(series), NOW.minus(span), NOW);
    }

    /** A context over {@link #history}. */
    public static AnalysisContext context(Duration span, Series... series) {
        return AnalysisContext.of(history(span, series));
    }
}
