package io.pacer.cache;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.internal.Check;
import java.time.Duration;

/**
 * The shared tier (Redis). Every Redis call is bounded by {@code timeout}; a call that fails or takes longer counts
 * against the breaker, and while the breaker is open the cache does not touch Redis at all, so a Redis outage
 * costs callers at most one timeout per call until the breaker opens, then nothing.
 *
 * @param keyPrefix first part of every Redis key: {@code <keyPrefix>:<cacheName>:<key>} (letters, digits, {@code . _ -})
 * @param ttl values expire in Redis this long after they were written (PX), 1 ms..365 days
 * @param timeout the longest a caller waits for one Redis call, 100 µs..1 s
 * @param lockTtl the cross-instance load lock expires after this, so a crashed loader cannot block a key, 1 ms..1 h
 * @param lockWait how long a miss waits for another instance's load of the same key before loading itself;
 *     zero turns cross-instance stampede protection off; 0..1 h
 * @param failureThreshold consecutive failed or slow Redis calls that open the breaker, 1..1000
 * @param openDuration how long the breaker stays open before one trial call, 1 ms..1 h
 */
public record L2Settings(
        String keyPrefix,
        Duration ttl,
        Duration timeout,
        Duration lockTtl,
        Duration lockWait,
        int failureThreshold,
        Duration openDuration) {

    public static final String DEFAULT_KEY_PREFIX = "pacer";
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5);
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofMillis(500);
    public static final int DEFAULT_FAILURE_THRESHOLD = 5;
    public static final Duration DEFAULT_OPEN_DURATION = Duration.ofSeconds(1);
    public static final Duration MIN_TIMEOUT = Duration.ofNanos(100_000);
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration MAX_TTL = Duration.ofDays(365);

    public L2Settings {
        TieredCacheBuilder.checkName("keyPrefix", keyPrefix);
        Check.duration("ttl", ttl, Duration.ofMillis(1), MAX_TTL);
        Check.duration("timeout", timeout, MIN_TIMEOUT, MAX_TIMEOUT);
        Check.duration("lockTtl", lockTtl, Duration.ofMillis(1), Duration.ofHours(1));
        Check.duration("lockWait", lockWait, Duration.ZERO, Duration.ofHours(1));
        Check.range("failureThreshold", failureThreshold, 1, 1000);
        Check.duration("openDuration", openDuration, Duration.ofMillis(1), Duration.ofHours(1));
    }

    /** Prefix "pacer", 10 min TTL, 5 ms timeout, 5 s lock TTL, 500 ms lock wait, breaker opening after 5 failures for 1 s. */
    public static L2Settings ofDefaults() {
        return new L2Settings(
                DEFAULT_KEY_PREFIX,
                DEFAULT_TTL,
                DEFAULT_TIMEOUT,
                DEFAULT_LOCK_TTL,
                DEFAULT_LOCK_WAIT,
                DEFAULT_FAILURE_THRESHOLD,
                DEFAULT_OPEN_DURATION);
    }

    public L2Settings withKeyPrefix(String value) {
        return new L2Settings(value, ttl, timeout, lockTtl, lockWait, failureThreshold, openDuration);
    }

    public L2Settings withTtl(Duration value) {
        return new L2Settings(keyPrefix, value, timeout, lockTtl, lockWait, failureThreshold, openDuration);
    }

    public L2Settings withTimeout(Duration value) {
        return new L2Settings(keyPrefix, ttl, value, lockTtl, lockWait, failureThreshold, openDuration);
    }

    public L2Settings withLock(Duration ttlOfLock, Duration wait) {
        return new L2Settings(keyPrefix, ttl, timeout, ttlOfLock, wait, failureThreshold, openDuration);
    }

    public L2Settings withBreaker(int threshold, Duration open) {
        return new L2Settings(keyPrefix, ttl, timeout, lockTtl, lockWait, threshold, open);
    }

    /** The breaker wiring the batcher uses; the retry and delivery-timeout parts do not apply to the cache. */
    BreakerPolicy breakerPolicy() {
        return BreakerPolicy.ofDefaults().withFailureThreshold(failureThreshold).withOpenDuration(openDuration);
    }
}
