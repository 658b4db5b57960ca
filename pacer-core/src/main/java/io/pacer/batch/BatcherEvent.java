package io.pacer.batch;

import java.time.Duration;

/** Something the batcher decided, for logs, dashboards and tests. */
public sealed interface BatcherEvent {

    /** The circuit breaker in front of the sink moved from one state to another. */
    record BreakerTransition(String batcher, String from, String to) implements BatcherEvent {}

    /** A tunable changed, by a caller or by the adaptive controller ({@code source}). */
    record TunableChanged(String batcher, String tunable, Object oldValue, Object newValue, String source)
            implements BatcherEvent {}

    /** The adaptive controller measured p99 over a window and chose new batch settings. */
    record AdaptiveDecision(
            String batcher, Duration observedP99, Duration target, int maxEvents, Duration linger, String reason)
            implements BatcherEvent {}

    /**
     * Events were given up for good — the sink rejected them (or their whole batch) with a non-retriable error, or
     * their per-event retries ran out at {@code maxAttempts} — and counted as failed. One notice per settled batch,
     * for logs and dashboards: {@code count} events, {@code cause} the last one reported. Which events they were is
     * told to a {@link DeliveryListener} ({@link BatcherBuilder#deliveryListener}).
     */
    record EventsFailed(String batcher, int count, Throwable cause) implements BatcherEvent {}

    /** The disk spool refused a batch (full or failing); events stay in memory and the overflow falls back to blocking. */
    record SpoolRefused(String batcher, String message) implements BatcherEvent {}
}
