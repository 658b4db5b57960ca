package io.pacer.cache;

import io.pacer.internal.Check;
import java.time.Duration;

/**
 * The in-process tier (Caffeine). Every L1 entry expires: that bounds how long an instance can serve a value
 * whose invalidation broadcast it missed.
 *
 * @param maximumSize entries kept, or total weight when the builder has a weigher (1..2^40)
 * @param ttl an entry expires this long after it was written (1 ms..30 days)
 * @param refreshAfter refresh-ahead: an entry read this long after it was written is reloaded in the background
 *     (from L2, else the default loader) while the old value is still served; {@link Duration#ZERO} turns it off.
 *     Must be below {@code ttl}, and needs a default loader.
 */
public record L1Settings(long maximumSize, Duration ttl, Duration refreshAfter) {

    public static final long DEFAULT_MAXIMUM_SIZE = 10_000;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);
    public static final Duration DEFAULT_REFRESH_AFTER = Duration.ZERO;
    /** The largest {@code maximumSize} (entries or weight). */
    public static final long MAXIMUM_SIZE_LIMIT = 1L << 40;
    /** The longest L1 {@code ttl}. */
    public static final Duration MAX_TTL = Duration.ofDays(30);

    public L1Settings {
        Check.range("maximumSize", maximumSize, 1, MAXIMUM_SIZE_LIMIT);
        Check.duration("ttl", ttl, Duration.ofMillis(1), MAX_TTL);
        Check.duration("refreshAfter", refreshAfter, Duration.ZERO, MAX_TTL);
        Check.that(
                refreshAfter.isZero() || refreshAfter.compareTo(ttl) < 0,
                "refreshAfter",
                "below ttl (" + ttl + ") or zero for no refresh",
                refreshAfter);
    }

    /** 10,000 entries, 1 minute TTL, no refresh-ahead. */
    public static L1Settings ofDefaults() {
        return new L1Settings(DEFAULT_MAXIMUM_SIZE, DEFAULT_TTL, DEFAULT_REFRESH_AFTER);
    }

    public L1Settings withMaximumSize(long value) {
        return new L1Settings(value, ttl, refreshAfter);
    }

    public L1Settings withTtl(Duration value) {
        return new L1Settings(maximumSize, value, refreshAfter);
    }

    public L1Settings withRefreshAfter(Duration value) {
        return new L1Settings(maximumSize, ttl, value);
    }

    boolean refreshes() {
        return !refreshAfter.isZero();
    }
}
