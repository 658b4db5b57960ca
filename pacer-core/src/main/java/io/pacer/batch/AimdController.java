package io.pacer.batch;

/**
 * Adaptive batching's decision rule (pure, so tests give it numbers instead of time), once per window:
 *
 * <pre>
 *  the window's deliveries                                     decision
 *  ──────────────────────────────────────────────────────────  ──────────────────────────────────────────────
 *  none                                                        hold
 *  p99 over the target, batches left full (mean ≥ 90 % of the  grow the batch size ×2, linger unchanged (hold
 *    batch size): nobody waited for a batch to fill, so the      at the largest size: the sink cannot keep up
 *    latency is the sink's — queueing behind it, or its          at this target)
 *    round trip
 *  p99 over the target, batches left part-full (by linger):     shrink: batch size and linger ×½
 *    waiting to fill is part of the latency
 *  p99 under target × (1 - headroom)                           grow: batch size and linger by a twentieth of
 *                                                                their range
 *  otherwise                                                   hold
 * </pre>
 *
 * <p>Notes: a controller that only compares p99 with the target — what this was until it was first measured
 * against a real broker (issue 9) — spirals down when the sink is what makes latency high: halving the batch
 * halves what each round trip delivers, events queue, latency grows, and it halves again. Against Kafka it went
 * from 50-event batches to single events, and from 100,000 to 7,400 events/s with a p99 of two minutes. Whether
 * batches leave full or by linger tells the two causes of a high p99 apart: waiting for a batch to fill (smaller
 * batches and a shorter linger help) and waiting for the sink (bigger batches carry more per round trip).
 */
final class AimdController {
    /** Mean batch size, as a share of the batch size in force, from which batches count as leaving full. */
    static final double FULL = 0.9;

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

    /**
     * @param p99Nanos the window's p99 offer-to-ack latency
     * @param events events delivered in the window
     * @param batches batches delivered in the window
     * @param maxEvents the batch size in force
     * @param lingerNanos the linger in force
     */
    Decision decide(long p99Nanos, long events, long batches, int maxEvents, long lingerNanos) {
        long target = policy.p99Target().toNanos();
        if (batches == 0) {
            return new Decision(maxEvents, lingerNanos, "hold: no deliveries in window");
        }
        if (p99Nanos > target) {
            boolean full = events >= FULL * maxEvents * batches;
            if (!full) {
                return new Decision(
                        Math.max(policy.minEvents(), maxEvents / 2),
                        Math.max(policy.minLinger().toNanos(), lingerNanos / 2),
                        "shrink: p99 over target");
            }
            if (maxEvents >= policy.maxEvents()) {
                return new Decision(
                        maxEvents, lingerNanos, "hold: p99 over target with full batches of the largest size");
            }
            int grown = (int) Math.min(policy.maxEvents(), 2L * maxEvents);
            return new Decision(
                    grown, lingerNanos, "grow: p99 over target with full batches, the sink is the bottleneck");
        }
        if (p99Nanos < target * (1 - policy.headroom())) {
            return new Decision(
                    Math.min(policy.maxEvents(), maxEvents + eventStep),
                    Math.min(policy.maxLinger().toNanos(), lingerNanos + lingerStepNanos),
                    "grow: p99 under target");
        }
        return new Decision(maxEvents, lingerNanos, "hold: p99 near target");
    }
}
