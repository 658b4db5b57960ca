package io.pacer.load;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * The part of a run whose results are reported separately and excluded from the measured statistics (JIT,
 * connection set-up, broker caches).
 *
 * @param duration for {@code auto} the longest warm-up allowed; otherwise its fixed length ({@link Duration#ZERO}
 *                 for none)
 * @param auto     end the warm-up early, as soon as throughput and latency are steady over consecutive intervals
 */
public record Warmup(Duration duration, boolean auto) {

    /** Longest warm-up {@link #auto()} waits for steadiness by default. */
    public static final Duration DEFAULT_AUTO_MAX = Duration.ofSeconds(30);

    public Warmup {
        Objects.requireNonNull(duration, "duration");
        Check.notNegative("warm-up", duration);
        Check.argument(!auto || !duration.isZero(), "an automatic warm-up needs a maximum > 0");
    }

    public static Warmup none() {
        return new Warmup(Duration.ZERO, false);
    }

    public static Warmup fixed(Duration duration) {
        return new Warmup(duration, false);
    }

    public static Warmup auto(Duration max) {
        return new Warmup(max, true);
    }
}
