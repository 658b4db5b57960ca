package io.pacer.server.routes;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The serialized answers of rollup queries, each reused for {@link #TTL_NANOS}: dashboards and scripts ask for the
 * same range of the same series again and again, and a 1-minute rollup changes at most once a minute, so re-reading
 * and re-serializing 1,440 points for each of them is waste. An answer is at most a second older than the store.
 * Raw queries are never cached (their points change with every collection).
 */
final class HistoryCache {

    /** How long one answer is reused: a second, so what a client sees is never staler than that. */
    static final long TTL_NANOS = 1_000_000_000L;
    /** Answers kept at most; past this, the cache starts over. */
    static final int MAX_ENTRIES = 1_024;

    private record Entry(long madeNanos, byte[] body) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * The answer for {@code key}: a cached one younger than the TTL, else {@code make}'s (then cached). Requests for a
     * key that is being made wait for it rather than making it again, so a burst of requests costs one query.
     */
    byte[] get(String key, long nowNanos, Supplier<byte[]> make) {
        Objects.requireNonNull(key, "key");
        Entry e = entries.get(key);
        if (e != null && nowNanos - e.madeNanos < TTL_NANOS) {
            return e.body;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        return entries.compute(
                        key,
                        (k, old) -> old != null && nowNanos - old.madeNanos < TTL_NANOS
                                ? old
                                : new Entry(nowNanos, make.get()))
                .body;
    }
}
