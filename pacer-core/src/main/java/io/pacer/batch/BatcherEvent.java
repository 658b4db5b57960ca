package io.pacer.batch;

import java.time.Duration;

/** Something the batcher decided, for logs, dashboards and tests. */
public sealed interface BatcherEvent {

    /** The circuit breaker in front of the sink moved from one state to another. */
    record BreakerTransition(String batcher, String from, String to) implements BatcherEvent {
    }

    /** A tunable changed, by a caller or by the adaptive controller ({@code source}). */
    record TunableChanged(String batcher, String tunable, Object oldValue, Object newValue, String source)
            implements BatcherEvent {
    }

    /** The adaptive controller measured p99 over a window and chose new batch settings. */
    record AdaptiveDecision(String batcher, Duration observedP99, Duration target, int maxEvents, Duration linger,
                            String reason) implements BatcherEvent {
    }
}
