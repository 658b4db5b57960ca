package io.pacer.batch;

import java.time.Duration;

/**
 * Adaptive batching's decision rule (pure, so tests give it numbers instead of time): additive increase of
 * batch size and linger while the window's p99 is comfortably under target, multiplicative decrease (halve)
 * when it is over; otherwise hold.
 */
final class AimdController {
    private final AdaptivePolicy policy;
    private final int eventStep;
    private final long lingerStepNanos;

    AimdController(AdaptivePolicy policy) {
        this.policy = policy;
        this.eventStep = Math.max(1, (policy.maxEvents() - policy.minEvents()) / 20);
        this.lingerStepNanos = Math.max(
                1_000, (policy.maxLinger().toNanos() - policy.minLinger().toNanos()) / 20);
    }

    /** The settings to use next; {@code reason} says why (grow, shrink, hold). */
    record Decision(int maxEvents, long lingerNanos, String reason) {}

    Decision decide(long p99Nanos, long samples, int maxEvents, long lingerNanos) {
        long target = policy.p99Target().toNanos();
        if (samples == 0) {
            return new Decision(maxEvents, lingerNanos, "hold: no deliveries in window");
        }
        if (p99Nanos > target) {
            return new Decision(
                    Math.max(policy.minEvents(), maxEvents / 2),
                    Math.max(policy.minLinger().toNanos(), lingerNanos / 2),
                    "shrink: p99 over target");
        }
        if (p99Nanos < target * (1 - policy.headroom())) {
            return new Decision(
                    Math.min(policy.maxEvents(), maxEvents + eventStep),
                    Math.min(policy.maxLinger().toNanos(), lingerNanos + lingerStepNanos),
                    "grow: p99 under target");
        }
        return new Decision(maxEvents, lingerNanos, "hold: p99 near target");
    }

    Duration window() {
        return policy.window();
    }
}
