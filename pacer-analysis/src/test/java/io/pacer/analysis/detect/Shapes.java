package io.pacer.analysis.detect;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Finding;
import io.pacer.analysis.Level;
import io.pacer.analysis.Synthetic;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

/**
 * Shapes of system series for the detector tests, on top of {@link Synthetic}: ten minutes at the demo's 2 s interval,
 * gauges with seeded noise, counters that only rise (at a rate that may vary), a heap's saw.
 */
final class Shapes {

    static final Duration WINDOW = Duration.ofMinutes(10);
    static final Duration STEP = Duration.ofSeconds(2);
    static final double MIB = 1024.0 * 1024;

    private Shapes() {}

    /** A gauge with ± {@code amplitude} (absolute) uniform noise from {@code seed}, clamped at 0. */
    static Series gauge(String name, Map<String, String> labels, double amplitude, long seed, DoubleUnaryOperator f) {
        SplittableRandom random = new SplittableRandom(seed);
        return Synthetic.series(
                name,
                labels,
                WINDOW,
                STEP,
                m -> Math.max(0, f.applyAsDouble(m) + (random.nextDouble() * 2 - 1) * amplitude));
    }

    /** A counter rising at {@code perSecond(minute)} per second, with ± {@code jitter} relative noise per step. */
    static Series counter(
            String name, Map<String, String> labels, double jitter, long seed, DoubleUnaryOperator perSecond) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] total = {0};
        double[] lastMinute = {0};
        return Synthetic.series(name, labels, WINDOW, STEP, m -> {
            double seconds = (m - lastMinute[0]) * 60;
            lastMinute[0] = m;
            total[0] +=
                    Math.max(0, perSecond.applyAsDouble(m) * seconds * (1 + (random.nextDouble() * 2 - 1) * jitter));
            return total[0];
        });
    }

    /**
     * A heap's saw: from {@code floor(minute)} it fills by {@code fill} bytes over {@code periodMinutes}, then a GC
     * brings it back to the floor (plus a little noise).
     */
    static Series heap(
            String name,
            Map<String, String> labels,
            double periodMinutes,
            double fill,
            long seed,
            DoubleUnaryOperator floor) {
        SplittableRandom random = new SplittableRandom(seed);
        return Synthetic.series(name, labels, WINDOW, STEP, m -> {
            double phase = (m % periodMinutes) / periodMinutes;
            return floor.applyAsDouble(m) + phase * fill + random.nextDouble() * 4 * MIB;
        });
    }

    static AnalysisContext context(Series... series) {
        return Synthetic.context(WINDOW, series);
    }

    /** What {@code detector} finds, each finding also checked for what every finding owes its reader. */
    static List<Finding> detect(Detector detector, Series... series) {
        List<Finding> found = detector.detect(context(series));
        for (Finding f : found) {
            if (f.summary().length() > 300 || f.evidence().isEmpty()) {
                throw new AssertionError("unreadable finding: " + f);
            }
        }
        return found;
    }

    /** The findings above {@link Level#INFO}. */
    static List<Finding> alarms(List<Finding> findings) {
        return findings.stream().filter(f -> f.level() != Level.INFO).toList();
    }
}
