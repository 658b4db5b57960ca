package io.pacer.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Notices a breaker's state changes by looking after each call into it, instead of subscribing to
 * Resilience4j's event stream (which allocates an event per call once anyone subscribes). Since Pacer's
 * breakers change state only inside such calls (no automatic OPEN→HALF_OPEN timer), nothing is missed.
 * For one thread at a time.
 */
public final class BreakerTransitions {
    private final CircuitBreaker breaker;
    private final BiConsumer<CircuitBreaker.State, CircuitBreaker.State> listener;
    private CircuitBreaker.State last;

    /** @param listener hears (from, to) for each change seen */
    public BreakerTransitions(CircuitBreaker breaker, BiConsumer<CircuitBreaker.State, CircuitBreaker.State> listener) {
        this.breaker = Objects.requireNonNull(breaker, "breaker");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.last = breaker.getState();
    }

    /** Reports the change since the last look, if any. */
    public void check() {
        CircuitBreaker.State now = breaker.getState();
        if (now != last) {
            CircuitBreaker.State from = last;
            last = now;
            listener.accept(from, now);
        }
    }
}
