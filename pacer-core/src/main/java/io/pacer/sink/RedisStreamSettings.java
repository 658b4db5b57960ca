package io.pacer.sink;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * Where and how a Redis Streams sink appends: the stream key, an optional approximate length cap, and how
 * long a batch may wait for its replies.
 *
 * @param streamKey the stream every event is appended to
 * @param maxLength approximate cap on the stream's length ({@code XADD MAXLEN ~}); {@link #NO_TRIM} to keep all
 * @param timeout   how long a batch waits for Redis; events still unanswered then fail as retriable
 */
public record RedisStreamSettings(String streamKey, long maxLength, Duration timeout) {

    /** {@link #maxLength} meaning "never trim". */
    public static final long NO_TRIM = 0;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public RedisStreamSettings {
        Check.that(streamKey != null && !streamKey.isEmpty(), "streamKey", "a non-empty Redis key", streamKey);
        Check.range("maxLength", maxLength, 0, Long.MAX_VALUE);
        Check.duration("timeout", timeout, Duration.ofMillis(1), Duration.ofHours(1));
    }

    /** Appends to {@code streamKey} without trimming, with {@link #DEFAULT_TIMEOUT}. */
    public static RedisStreamSettings of(String streamKey) {
        return new RedisStreamSettings(streamKey, NO_TRIM, DEFAULT_TIMEOUT);
    }

    /** Caps the stream at about {@code maxLength} entries (Redis trims whole nodes, so it may hold a few more). */
    public RedisStreamSettings withMaxLength(long maxLength) {
        return new RedisStreamSettings(streamKey, maxLength, timeout);
    }

    public RedisStreamSettings withTimeout(Duration timeout) {
        return new RedisStreamSettings(streamKey, maxLength, timeout);
    }
}
