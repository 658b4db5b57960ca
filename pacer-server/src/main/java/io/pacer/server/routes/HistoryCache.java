package io.pacer.server.routes;

import io.pacer.monitor.store.Resolution;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serialized answers of rollup queries. Dashboards and scripts ask for the same range of the same series again
 * and again, and a 1-minute rollup changes at most once a minute, so re-reading and re-serializing 1,440 points for
 * each of them is waste. An answer is fresh for {@link #ttlNanos a twelfth of its resolution's step} (5 s at 1m, 25 s
 * at 5m; at least a second): a chart whose newest point is already up to a step old shows nothing staler.
 *
 * <p>Past that, the stale answer is still served — for up to {@link #STALE_TTLS} TTLs — while one refresh per key runs
 * in the background (stale-while-revalidate, as RFC 5861 names it for HTTP caches), so no request waits behind a
 * query that many clients need: only the first request for a key, or one whose answer is older than that (the refresh
 * keeps failing), makes it itself; concurrent ones for that key wait for the same making. Raw queries are never cached
 * (their points change with every collection).
 */
final class HistoryCache {

    /** The shortest time one answer is fresh. */
    static final long MIN_TTL_NANOS = 1_000_000_000L;
    /** An answer is fresh for its resolution's step divided by this. */
    static final int STEPS_PER_TTL = 12;
    /** How many TTLs old a stale answer may be and still be served while its refresh runs. */
    static final int STALE_TTLS = 3;
    /** Answers kept at most; past this, the cache starts over. */
    static final int MAX_ENTRIES = 1_024;
    /** Bytes of answers kept at most (a day of 68 series at 1m is about 12 MB); past this, the cache starts over. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(HistoryCache.class);

    private static final class Entry {
        final long madeNanos;
        final long ttlNanos;
        final byte[] body;
        final AtomicBoolean refreshing = new AtomicBoolean();

        Entry(long madeNanos, long ttlNanos, byte[] body) {
            this.madeNanos = madeNanos;
            this.ttlNanos = ttlNanos;
            this.body = body;
        }

        long age(long nowNanos) {
            return nowNanos - madeNanos;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Executor refresher;
    private final LongSupplier nanoTime;

    /** Refreshing on the common pool (a refresh is one short query), with the system's nano time. */
    HistoryCache() {
        this(ForkJoinPool.commonPool(), System::nanoTime);
    }

    HistoryCache(Executor refresher, LongSupplier nanoTime) {
        this.refresher = refresher;
        this.nanoTime = nanoTime;
    }

    /** How long an answer at {@code resolution} is fresh. */
    static long ttlNanos(Resolution resolution) {
        return Math.max(MIN_TTL_NANOS, resolution.step().toNanos() / STEPS_PER_TTL);
    }

    /**
     * The answer for {@code key}: a fresh one; else a stale one while a refresh by {@code make} runs in the
     * background; else (none, or too stale) {@code make}'s, made now.
     *
     * @throws RuntimeException what {@code make} throws when the answer is made now
     */
    byte[] get(String key, long ttlNanos, Supplier<byte[]> make) {
        Objects.requireNonNull(key, "key");
        long now = nanoTime.getAsLong();
        Entry e = entries.get(key);
        if (e != null && e.age(now) < ttlNanos) {
            return e.body;
        }
        if (e != null && e.age(now) < ttlNanos * STALE_TTLS) {
            refreshLater(key, e, ttlNanos, make);
            return e.body;
        }
        makeRoom(now);
        return entries.compute(
                        key,
                        (k, old) -> old != null && old.age(nanoTime.getAsLong()) < ttlNanos
                                ? old
                                : new Entry(nanoTime.getAsLong(), ttlNanos, make.get()))
                .body;
    }

    /**
     * Before a new answer is kept: forgets those too stale to be served, and starts over when the entries or their
     * bytes reach the bound — keys come from the request, so their number and size are the client's to choose.
     */
    private void makeRoom(long now) {
        entries.values().removeIf(e -> e.age(now) >= e.ttlNanos * STALE_TTLS);
        long bytes = entries.values().stream().mapToLong(e -> e.body.length).sum();
        if (entries.size() >= MAX_ENTRIES || bytes >= MAX_BYTES) {
            entries.clear();
        }
    }

    private void refreshLater(String key, Entry stale, long ttlNanos, Supplier<byte[]> make) {
        if (!stale.refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    long started = nanoTime.getAsLong();
                    entries.replace(key, stale, new Entry(started, ttlNanos, make.get()));
                } catch (RuntimeException e) {
                    stale.refreshing.set(false);
                    LOG.debug("refreshing the history answer {} failed: {}", key, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            stale.refreshing.set(false);
        }
    }
}
