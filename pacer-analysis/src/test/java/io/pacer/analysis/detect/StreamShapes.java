package io.pacer.analysis.detect;

import io.pacer.analysis.Synthetic;
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
 * StreamShapes the stream detectors' tests need beyond {@link Synthetic}: the demo's collection interval and window, and
 * counters built from a noisy rate (a counter with multiplied noise would fall, which reads as a restart).
 */
final class StreamShapes {

    /** The demo's collection interval. */
    static final Duration STEP = Duration.ofSeconds(2);
    /** A window of a few minutes, as bench/diagnose.sh asks for. */
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** The window in minutes, for shapes that say "the last minute". */
    static final double MINUTES = WINDOW.toMinutes();

    private StreamShapes() {}

    /** A gauge over the window, every {@link #STEP}, with ± {@code noise} relative noise from {@code seed}. */
    static Series gauge(String name, Map<String, String> labels, double noise, long seed, DoubleUnaryOperator f) {
        return Synthetic.noisy(name, labels, WINDOW, STEP, noise, seed, f);
    }

    /** A counter whose rate per second at a minute is {@code rate}, ± {@code noise} relative, from {@code seed}. */
    static Series counter(String name, Map<String, String> labels, double noise, long seed, DoubleUnaryOperator rate) {
        SplittableRandom random = new SplittableRandom(seed);
        Instant start = Synthetic.NOW.minus(WINDOW);
        List<Point> points = new ArrayList<>();
        double total = 1_000;
        for (Instant t = start; t.isBefore(Synthetic.NOW); t = t.plus(STEP)) {
            double minute = Duration.between(start, t).toMillis() / 60_000.0;
            double r = rate.applyAsDouble(minute) * (1 + (random.nextDouble() * 2 - 1) * noise);
            total += Math.max(0, r) * STEP.toSeconds();
            double v = Math.floor(total);
            points.add(new Point(t, 1, v, v, v, v, null));
        }
        return new Series(name, labels, Resolution.RAW, points);
    }

    /** Whether {@code minute} is within the last {@code last} minutes of the window. */
    static boolean inLast(double minute, double last) {
        return minute >= MINUTES - last;
    }
}
