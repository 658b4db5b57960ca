package io.pacer.server.routes;

import io.pacer.monitor.store.Resolution;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The serialized answers of rollup queries, each reused for {@link #ttlNanos its resolution's TTL}: dashboards and
 * scripts ask for the same range of the same series again and again, and a 1-minute rollup changes at most once a
 * minute, so re-reading and re-serializing 1,440 points for each of them is waste. An answer is at most a twelfth of
 * its resolution's step older than the store (5 s at 1m, 25 s at 5m), and never less than a second: a chart whose
 * newest point is already up to a step old shows nothing staler. Raw queries are never cached (their points change
 * with every collection).
 */
final class HistoryCache {

    /** The shortest time one answer is reused. */
    static final long MIN_TTL_NANOS = 1_000_000_000L;
    /** An answer is reused for its resolution's step divided by this. */
    static final int STEPS_PER_TTL = 12;
    /** Answers kept at most; past this, the cache starts over. */
    static final int MAX_ENTRIES = 1_024;

    private record Entry(long madeNanos, long ttlNanos, byte[] body) {
        boolean freshAt(long nowNanos) {
            return nowNanos - madeNanos < ttlNanos;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** How long an answer at {@code resolution} is reused. */
    static long ttlNanos(Resolution resolution) {
        return Math.max(MIN_TTL_NANOS, resolution.step().toNanos() / STEPS_PER_TTL);
    }

    /**
     * The answer for {@code key}: a cached one younger than the TTL, else {@code make}'s (then cached). Requests for a
     * key that is being made wait for it rather than making it again, so a burst of requests costs one query.
     */
    byte[] get(String key, long nowNanos, long ttlNanos, Supplier<byte[]> make) {
        Objects.requireNonNull(key, "key");
        Entry e = entries.get(key);
        if (e != null && e.freshAt(nowNanos)) {
            return e.body;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        return entries.compute(
                        key,
                        (k, old) ->
                                old != null && old.freshAt(nowNanos) ? old : new Entry(nowNanos, ttlNanos, make.get()))
                .body;
    }
}
