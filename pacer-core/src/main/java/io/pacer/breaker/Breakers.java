package io.pacer.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.pacer.time.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Builds the Resilience4j circuit breaker Pacer puts in front of sinks and caches, so every component gets
 * the same semantics: it opens after {@code failureThreshold} consecutive failures, stays open for
 * {@code openDuration} (measured on the injected {@link Ticker}), then lets one trial call through
 * (HALF_OPEN); its success closes the breaker, its failure opens it again.
 *
 * <pre>
 *   CLOSED --N consecutive failures--> OPEN --openDuration--> HALF_OPEN --trial ok--> CLOSED
 *                                        ^------------------trial failed----------------'
 * </pre>
 */
public final class Breakers {
    private Breakers() {}

    /**
     * The breaker has no event consumers: with any registered, Resilience4j builds an event (with a
     * {@code ZonedDateTime}) on every call, which costs more than the call itself on a hot path. Watch state
     * changes with {@link BreakerTransitions} instead.
     */
    public static CircuitBreaker create(String name, BreakerPolicy policy, Ticker ticker) {
        // "N consecutive failures": a count window of N calls that opens only at a 100% failure rate.
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(
                        policy.failureThreshold(),
                        policy.failureThreshold(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100f)
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(new TickerClock(ticker))
                .build();
        return CircuitBreaker.of(name, config);
    }

    /** A {@link Clock} reading a {@link Ticker}, so Resilience4j's open-state wait follows injected time. */
    private static final class TickerClock extends Clock {
        private final Ticker ticker;
        private final long originNanos;

        TickerClock(Ticker ticker) {
            this.ticker = ticker;
            this.originNanos = ticker.nanos();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(0, ticker.nanos() - originNanos);
        }
    }
}
