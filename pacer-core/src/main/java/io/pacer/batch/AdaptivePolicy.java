package io.pacer.batch;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * Adaptive batching: every {@code window}, compare the window's p99 offer-to-ack latency with {@code p99Target};
 * below {@code target × (1 - headroom)} grow batch size and linger additively; above the target, halve them when
 * batches waited to fill (they left part-full, by linger), and double the batch size when they left full — then the
 * sink is what keeps latency high, and bigger batches deliver more per round trip (AIMD, with the cause of a high
 * p99 told apart; see {@code AimdController}). Bigger batches cost fewer sink calls per event; the target bounds
 * what that may cost in latency. The batch size and linger the batcher was built with are first brought into the
 * ranges below.
 *
 * @param p99Target the latency the controller must not exceed
 * @param minEvents smallest batch size it may choose (>= 1)
 * @param maxEvents largest batch size it may choose
 * @param minLinger shortest linger it may choose
 * @param maxLinger longest linger it may choose
 * @param window how often it decides
 * @param headroom fraction under the target at which it grows (0..0.9)
 */
public record AdaptivePolicy(
        Duration p99Target,
        int minEvents,
        int maxEvents,
        Duration minLinger,
        Duration maxLinger,
        Duration window,
        double headroom) {

    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
    public static final double DEFAULT_HEADROOM = 0.2;

    public AdaptivePolicy {
        Check.duration("p99Target", p99Target, Duration.ofNanos(1000), Duration.ofHours(1));
        Check.range("minEvents", minEvents, 1, BatchPolicy.MAX_EVENTS_LIMIT);
        Check.range("maxEvents", maxEvents, minEvents, BatchPolicy.MAX_EVENTS_LIMIT);
        Check.duration("minLinger", minLinger, Duration.ZERO, BatchPolicy.MAX_LINGER);
        Check.duration("maxLinger", maxLinger, minLinger, BatchPolicy.MAX_LINGER);
        Check.duration("window", window, Duration.ofMillis(1), Duration.ofHours(1));
        Check.range("headroom", headroom, 0, 0.9);
    }

    /** Batch sizes 1..1000 and linger 0..the target, deciding every second. */
    public static AdaptivePolicy targeting(Duration p99Target) {
        return new AdaptivePolicy(p99Target, 1, 1000, Duration.ZERO, p99Target, DEFAULT_WINDOW, DEFAULT_HEADROOM);
    }
}
