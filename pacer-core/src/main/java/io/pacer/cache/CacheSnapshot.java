package io.pacer.cache;

import io.pacer.metrics.Percentiles;

/**
 * One immutable reading of a tiered cache's statistics; counts and percentiles are totals since the cache was built.
 * Times are {@link Percentiles} in µs, from HdrHistograms with 2 significant digits (exact to 1 %).
 *
 * @param name the cache's name
 * @param l1 in-process tier: hits, misses, and the time to serve a miss (from L2 or the loader, waits included)
 * @param l2 Redis tier: hits and misses of the reads made after an L1 miss, and their round-trip time
 * @param loads the loader: calls, failures, fallbacks and its duration
 * @param l1Size entries in L1 now (an estimate, as Caffeine gives it)
 * @param l1Evictions L1 entries removed for size or expiry (not explicit invalidations)
 * @param l2Errors failed Redis calls, and values in Redis the codec could not decode
 * @param l2Timeouts Redis calls that took longer than the L2 timeout (the caller stopped waiting at the timeout)
 * @param l2Skipped Redis calls not made because the breaker was open
 * @param breakerState the Redis breaker: CLOSED, OPEN or HALF_OPEN
 * @param breakerTrips how many times the breaker opened
 * @param invalidationsReceived invalidation broadcasts received from other instances and applied to L1
 */
public record CacheSnapshot(
        String name,
        Tier l1,
        Tier l2,
        Loads loads,
        long l1Size,
        long l1Evictions,
        long l2Errors,
        long l2Timeouts,
        long l2Skipped,
        String breakerState,
        long breakerTrips,
        long invalidationsReceived) {

    /**
     * @param hits lookups answered by this tier
     * @param misses lookups this tier could not answer
     * @param latencyMicros see {@link CacheSnapshot#l1()} and {@link CacheSnapshot#l2()}
     */
    public record Tier(long hits, long misses, Percentiles latencyMicros) {

        /** hits / (hits + misses); 0 before the first lookup. */
        public double hitRatio() {
            long total = hits + misses;
            return total == 0 ? 0 : (double) hits / total;
        }
    }

    /**
     * @param count loader calls (refreshes included)
     * @param failures loader calls that threw
     * @param lockFallbacks misses that waited {@code lockWait} for another instance's load in vain, then loaded here
     * @param latencyMicros how long the loader took
     */
    public record Loads(long count, long failures, long lockFallbacks, Percentiles latencyMicros) {}
}
