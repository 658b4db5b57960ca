package io.pacer.batch;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.tune.Tunable;
import io.pacer.tune.Tunables;
import java.time.Duration;

/** Declares a batcher's runtime-adjustable settings and forwards every change as a {@link BatcherEvent}. */
final class BatcherTunables {
    static final String MAX_EVENTS = "batch.maxEvents";
    static final String LINGER = "batch.linger";
    static final String MAX_IN_FLIGHT = "batch.maxInFlight";
    static final String FAILURE_THRESHOLD = "breaker.failureThreshold";
    static final String OPEN_DURATION = "breaker.openDuration";
    static final String ADAPTIVE_ENABLED = "adaptive.enabled";

    private final Tunables registry;

    /** @param adaptive adaptive mode, or null when the batcher was built without it */
    BatcherTunables(DefaultBatcher<?, ?> batcher, Adaptive adaptive, Tunables registry) {
        this.registry = registry;
        BreakerPolicy breaker = batcher.currentBreakerPolicy();
        registry.register(
                Tunable.ofInt(
                        MAX_EVENTS,
                        1,
                        Math.min(BatchPolicy.MAX_EVENTS_LIMIT, batcher.bufferCapacity()),
                        "events per batch; bigger batches mean fewer sink calls and more latency"),
                batcher.maxEvents(),
                batcher::setMaxEvents);
        registry.register(
                Tunable.ofInt(
                        MAX_IN_FLIGHT,
                        1,
                        BatcherBuilder.MAX_IN_FLIGHT_LIMIT,
                        "batches delivered at once; more multiplies throughput to network sinks, but a retried batch "
                                + "may land after batches sent behind it"),
                batcher.maxInFlight(),
                batcher::setMaxInFlight);
        registry.register(
                Tunable.ofDuration(
                        LINGER,
                        Duration.ZERO,
                        BatchPolicy.MAX_LINGER,
                        "how long a batch waits for more events after its first"),
                Duration.ofNanos(batcher.lingerNanos()),
                d -> batcher.setLingerNanos(d.toNanos()));
        registry.register(
                Tunable.ofInt(FAILURE_THRESHOLD, 1, 1000, "consecutive failed deliveries that open the breaker"),
                breaker.failureThreshold(),
                n -> batcher.setBreakerPolicy(batcher.currentBreakerPolicy().withFailureThreshold(n)));
        registry.register(
                Tunable.ofDuration(
                        OPEN_DURATION,
                        Duration.ofMillis(1),
                        Duration.ofHours(24),
                        "how long the breaker stays open before a trial delivery"),
                breaker.openDuration(),
                d -> batcher.setBreakerPolicy(batcher.currentBreakerPolicy().withOpenDuration(d)));
        if (adaptive != null) {
            registry.register(
                    Tunable.ofBoolean(
                            ADAPTIVE_ENABLED,
                            "whether adaptive mode chooses batch size and linger; off, they stay as they are and"
                                    + " can be set by hand"),
                    adaptive.enabled(),
                    adaptive::setEnabled);
        }
        registry.addListener(change -> batcher.emit(new BatcherEvent.TunableChanged(
                batcher.name(), change.name(), change.oldValue(), change.newValue(), change.source())));
    }

    Tunables registry() {
        return registry;
    }
}
