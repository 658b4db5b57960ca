package io.pacer.breaker;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * The circuit breaker in front of a sink and the retries behind it.
 *
 * @param failureThreshold consecutive failed deliveries that open the breaker (1..1000)
 * @param openDuration how long the breaker stays open before letting one trial delivery through (half-open)
 * @param maxAttempts delivery attempts per batch for retriable failures, the first included (1..100)
 * @param initialBackoff wait before the first retry; doubles each retry up to {@code maxBackoff}
 * @param maxBackoff the longest wait between retries
 * @param deliveryTimeout a delivery not acknowledged within this time counts as failed (a hanging sink)
 */
public record BreakerPolicy(
        int failureThreshold,
        Duration openDuration,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration deliveryTimeout) {

    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(50);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    public BreakerPolicy {
        Check.range("failureThreshold", failureThreshold, 1, 1000);
        Check.duration("openDuration", openDuration, Duration.ofMillis(1), Duration.ofHours(24));
        Check.range("maxAttempts", maxAttempts, 1, 100);
        Check.duration("initialBackoff", initialBackoff, Duration.ZERO, Duration.ofMinutes(10));
        Check.duration("maxBackoff", maxBackoff, initialBackoff, Duration.ofMinutes(10));
        Check.duration("deliveryTimeout", deliveryTimeout, Duration.ofMillis(1), Duration.ofHours(1));
    }

    /** Opens after 5 consecutive failures for 30 s; 3 attempts per batch, 50 ms doubling to 2 s; 30 s delivery timeout. */
    public static BreakerPolicy ofDefaults() {
        return new BreakerPolicy(
                DEFAULT_FAILURE_THRESHOLD,
                DEFAULT_OPEN_DURATION,
                DEFAULT_MAX_ATTEMPTS,
                DEFAULT_INITIAL_BACKOFF,
                DEFAULT_MAX_BACKOFF,
                DEFAULT_DELIVERY_TIMEOUT);
    }

    public BreakerPolicy withFailureThreshold(int value) {
        return new BreakerPolicy(value, openDuration, maxAttempts, initialBackoff, maxBackoff, deliveryTimeout);
    }

    public BreakerPolicy withOpenDuration(Duration value) {
        return new BreakerPolicy(failureThreshold, value, maxAttempts, initialBackoff, maxBackoff, deliveryTimeout);
    }

    public BreakerPolicy withRetries(int attempts, Duration initial, Duration max) {
        return new BreakerPolicy(failureThreshold, openDuration, attempts, initial, max, deliveryTimeout);
    }

    public BreakerPolicy withDeliveryTimeout(Duration value) {
        return new BreakerPolicy(failureThreshold, openDuration, maxAttempts, initialBackoff, maxBackoff, value);
    }
}
