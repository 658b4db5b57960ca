package io.pacer.batch;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Adaptive mode's runtime side, on the flusher thread: collects the window's offer-to-ack latencies, asks
 * the {@link AimdController}, and applies its decision through the tunables (so it shows up as change
 * events and in metrics like any other change).
 */
final class Adaptive {
    private final AimdController controller;
    private final DefaultBatcher<?, ?> batcher;
    private final AdaptivePolicy policy;
    private final Histogram window = new Histogram(1, TimeUnit.HOURS.toNanos(1), 2);
    private long windowStart = Long.MIN_VALUE;
    private long windowBatches;
    /** The tunable {@code adaptive.enabled}: off, the batcher keeps whatever batch size and linger it has. */
    private volatile boolean enabled = true;

    Adaptive(AdaptivePolicy policy, DefaultBatcher<?, ?> batcher) {
        this.policy = policy;
        this.controller = new AimdController(policy);
        this.batcher = batcher;
    }

    void record(long[] stamps, int count, long ackNanos) {
        windowBatches++;
        long max = window.getHighestTrackableValue();
        for (int i = 0; i < count; i++) {
            window.recordValue(Math.min(max, Math.max(1, ackNanos - stamps[i])));
        }
    }

    /** Turns adaptive decisions off (the settings in force stay) or on again (with a fresh window). */
    void setEnabled(boolean on) {
        enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    void maybeDecide(long now) {
        if (!enabled) {
            windowStart = Long.MIN_VALUE;
            return;
        }
        if (windowStart == Long.MIN_VALUE) {
            enterRange();
            window.reset();
            windowBatches = 0;
            windowStart = now;
            return;
        }
        if (now - windowStart < policy.window().toNanos()) {
            return;
        }
        long p99 = window.getTotalCount() == 0 ? 0 : window.getValueAtPercentile(99);
        AimdController.Decision d = controller.decide(
                p99, window.getTotalCount(), windowBatches, batcher.maxEvents(), batcher.lingerNanos());
        if (d.maxEvents() != batcher.maxEvents()) {
            batcher.tunables().set(BatcherTunables.MAX_EVENTS, d.maxEvents(), "adaptive");
        }
        if (d.lingerNanos() != batcher.lingerNanos()) {
            batcher.tunables().set(BatcherTunables.LINGER, Duration.ofNanos(d.lingerNanos()), "adaptive");
        }
        batcher.emit(new BatcherEvent.AdaptiveDecision(
                batcher.name(),
                Duration.ofNanos(p99),
                policy.p99Target(),
                d.maxEvents(),
                Duration.ofNanos(d.lingerNanos()),
                d.reason()));
        window.reset();
        windowBatches = 0;
        windowStart = now;
    }

    /** Brings the batch size and linger the batcher was built with into the policy's ranges, before the first window. */
    private void enterRange() {
        int events = Math.max(policy.minEvents(), Math.min(policy.maxEvents(), batcher.maxEvents()));
        long linger = Math.max(
                policy.minLinger().toNanos(), Math.min(policy.maxLinger().toNanos(), batcher.lingerNanos()));
        if (events != batcher.maxEvents()) {
            batcher.tunables().set(BatcherTunables.MAX_EVENTS, events, "adaptive");
        }
        if (linger != batcher.lingerNanos()) {
            batcher.tunables().set(BatcherTunables.LINGER, Duration.ofNanos(linger), "adaptive");
        }
    }
}
