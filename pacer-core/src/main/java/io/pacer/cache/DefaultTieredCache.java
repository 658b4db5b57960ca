package io.pacer.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.pacer.time.Ticker;
import io.pacer.tune.Tunables;
import io.pacer.tune.TunablesDirectory;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The tiered cache. A miss walks down the tiers once per key at a time:
 *
 * <pre>
 *   get(k) ── L1 hit ─────────────────────────────────────────────────────────► value
 *      │ miss: first caller for k in this instance; later ones wait for its result (in-flight map)
 *      ▼
 *   Redis GET ── hit ─► into L1 ──────────────────────────────────────────────► value
 *      │ miss                                    unavailable (breaker open / error / timeout)
 *      ▼                                           └─► loader ─► into L1 (and Redis, if it takes it)
 *   GET-or-lock (one Lua call) ── value appeared ─► into L1 ──────────────────► value
 *      │ lock taken ─► loader ─► SET PX, unlock ─► into L1 ──────────────────► value
 *      │ busy: another instance loads ─► poll GET-or-lock until lockWait ─► then load here
 * </pre>
 *
 * <p>Notes: L1 is keyed by key string (as Redis is), so a broadcast naming a key string finds the entry; the
 * entry keeps the original key for the weigher and refresh-ahead. An invalidation (local or broadcast) marks a
 * load in flight for that key as stale: its callers still get the value, but it is not cached ({@code getIfPresent}
 * registers no load; it drops what it read when any invalidation came meanwhile). Writes to Redis
 * are not awaited ({@link RedisTier}).
 *
 * <p>Time: L1 expiry, refresh-ahead, the breaker and the latency figures follow the injected ticker; how long a
 * caller waits for another instance's load ({@code lockWait}) is real time, as the batcher's bounds on a caller's
 * wait are.
 */
final class DefaultTieredCache<K, V> implements TieredCache<K, V>, Invalidations.Receiver {
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final String name;
    private final String keyPrefix;
    private final String lockPrefix;
    private final byte[] lockToken;
    private final ValueCodec<V> codec;
    private final Function<? super K, String> keyEncoder;
    private final Function<? super K, ? extends V> defaultLoader;
    private final Ticker ticker;
    private final CacheStats stats = new CacheStats();
    private final Cache<String, Entry<K, V>> l1;
    private final ConcurrentHashMap<String, Load<V>> inFlight = new ConcurrentHashMap<>();
    /** Moves on every invalidation; {@code getIfPresent}, which registers no load, checks it instead. */
    private final AtomicLong invalidationEpoch = new AtomicLong();

    private final RedisTier l2;
    private final Invalidations invalidations;
    private final Tunables tunables;
    private volatile L1Settings l1Settings;
    private volatile L2Settings l2Settings;
    private volatile boolean closed;

    /** An L1 value with the key it was cached for. */
    private record Entry<K, V>(K key, V value) {}

    /** A load in flight; {@code stale} once the key was invalidated meanwhile (its result is then not cached). */
    private static final class Load<V> extends CompletableFuture<V> {
        volatile boolean stale;

        V await() {
            try {
                return join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    DefaultTieredCache(TieredCacheBuilder<K, V> b) {
        this.name = b.name;
        this.keyPrefix = b.l2.keyPrefix() + ":" + name + ":";
        this.lockPrefix = b.l2.keyPrefix() + ":" + name + "#lock:";
        String instanceId = UUID.randomUUID().toString();
        this.lockToken = instanceId.getBytes(StandardCharsets.UTF_8);
        this.codec = b.codec;
        this.keyEncoder = b.keyEncoder;
        this.defaultLoader = b.loader;
        this.ticker = b.ticker;
        this.l1Settings = b.l1;
        this.l2Settings = b.l2;
        this.l1 = buildL1(b);
        this.l2 = new RedisTier(b.redisUri, name, b.l2, ticker, stats);
        try {
            this.invalidations =
                    new Invalidations(l2.client(), b.l2.keyPrefix() + ":" + name + "#invalidations", instanceId, this);
        } catch (RuntimeException failure) {
            l2.close();
            throw failure;
        }
        this.tunables = CacheTunables.register(this, b.weigher != null);
    }

    private Cache<String, Entry<K, V>> buildL1(TieredCacheBuilder<K, V> b) {
        Caffeine<String, Entry<K, V>> caffeine = Caffeine.newBuilder()
                .executor(Runnable::run) // maintenance on the calling thread: no hand-off per write (see notes)
                .ticker(ticker::nanos)
                .expireAfterWrite(b.l1.ttl())
                .evictionListener((String k, Entry<K, V> e, RemovalCause cause) -> stats.l1Evictions.increment());
        if (b.weigher != null) {
            var weigher = b.weigher;
            caffeine.maximumWeight(b.l1.maximumSize())
                    .weigher((String k, Entry<K, V> e) -> weigher.applyAsInt(e.key(), e.value()));
        } else {
            caffeine.maximumSize(b.l1.maximumSize());
        }
        if (!b.l1.refreshes()) {
            return caffeine.build();
        }
        caffeine.refreshAfterWrite(b.l1.refreshAfter());
        return caffeine.build(new CacheLoader<>() {
            @Override
            public Entry<K, V> load(String key) {
                throw new UnsupportedOperationException("L1 is filled by the tiered cache, only refreshed by Caffeine");
            }

            /** Off the reader's thread, since Caffeine's own executor runs on the caller. */
            @Override
            public CompletableFuture<? extends Entry<K, V>> asyncReload(String key, Entry<K, V> old, Executor ignored) {
                return CompletableFuture.supplyAsync(() -> reload(key, old), ForkJoinPool.commonPool());
            }

            @Override
            public Entry<K, V> reload(String key, Entry<K, V> old) {
                V fresh = loadAndStore(old.key(), key, defaultLoader, null);
                return fresh == null ? null : new Entry<>(old.key(), fresh);
            }
        });
    }

    // ---- reads ----

    @Override
    public V get(K key, Function<? super K, ? extends V> loader) {
        String k = keyString(key);
        Objects.requireNonNull(loader, "loader");
        Entry<K, V> hit = l1.getIfPresent(k);
        if (hit != null) {
            stats.l1Hits.increment();
            return hit.value();
        }
        stats.l1Misses.increment();
        return fill(key, k, loader);
    }

    @Override
    public V get(K key) {
        return get(key, defaultLoader());
    }

    @Override
    public V getIfPresent(K key) {
        String k = keyString(key);
        Entry<K, V> hit = l1.getIfPresent(k);
        if (hit != null) {
            stats.l1Hits.increment();
            return hit.value();
        }
        stats.l1Misses.increment();
        long start = ticker.nanos();
        long epoch = invalidationEpoch.get();
        RedisTier.Lookup found = l2.get(keyPrefix + k);
        V value = found.status() == RedisTier.Status.HIT ? decode(k, found.value()) : null;
        if (value != null) {
            Entry<K, V> entry = new Entry<>(key, value);
            l1.put(k, entry);
            if (invalidationEpoch.get() != epoch) { // an invalidation may have raced the read: do not keep it
                l1.asMap().remove(k, entry);
            }
        }
        stats.l1Miss.record(ticker.nanos() - start);
        return value;
    }

    /** An L1 miss: the first caller for the key walks down the tiers, later ones wait for its result. */
    private V fill(K key, String k, Function<? super K, ? extends V> loader) {
        long start = ticker.nanos();
        Load<V> mine = new Load<>();
        Load<V> running = inFlight.putIfAbsent(k, mine);
        try {
            if (running != null) {
                return running.await();
            }
            try {
                V value = resolve(key, k, loader, mine);
                mine.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(k, mine);
            }
        } finally {
            stats.l1Miss.record(ticker.nanos() - start);
        }
    }

    private V resolve(K key, String k, Function<? super K, ? extends V> loader, Load<V> load) {
        Entry<K, V> filled = l1.getIfPresent(k); // a load that finished just before ours was registered
        if (filled != null) {
            return filled.value();
        }
        String redisKey = keyPrefix + k;
        RedisTier.Lookup found = l2.get(redisKey);
        V value = found.status() == RedisTier.Status.HIT ? decode(k, found.value()) : null;
        if (value != null) {
            return keep(key, k, value, load);
        }
        if (found.status() == RedisTier.Status.MISS && !l2Settings.lockWait().isZero()) {
            return lockedLoad(key, k, loader, load);
        }
        // Redis unavailable, an undecodable value there (the lock cannot help: the key exists), or no lock wanted
        return keep(key, k, loadAndStore(key, k, loader, load), load);
    }

    /**
     * Redis has no (usable) value: load under the cross-instance lock, or wait for the instance that holds it.
     *
     * <p>The wait for another instance's load is bounded by {@code lockWait} in real time, like the park between
     * polls: it is a caller's thread waiting on work done elsewhere (another process, Redis's lock TTL), which
     * the cache's injected ticker does not drive. A ticker that stands still, as in tests, must not turn it into
     * a wait without end.
     */
    private V lockedLoad(K key, String k, Function<? super K, ? extends V> loader, Load<V> load) {
        L2Settings settings = l2Settings;
        String lockKey = lockPrefix + k;
        long deadline = System.nanoTime() + settings.lockWait().toNanos();
        long pause = MIN_POLL_NANOS;
        while (true) {
            RedisTier.Lookup found = l2.getOrLock(
                    keyPrefix + k, lockKey, lockToken, settings.lockTtl().toMillis());
            switch (found.status()) {
                case HIT -> {
                    V value = decode(k, found.value());
                    if (value != null) {
                        return keep(key, k, value, load);
                    }
                    return keep(key, k, loadAndStore(key, k, loader, load), load);
                }
                case LOCKED -> {
                    try {
                        return keep(key, k, loadAndStore(key, k, loader, load), load);
                    } finally {
                        l2.unlock(lockKey, lockToken);
                    }
                }
                case BUSY -> {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        stats.lockFallbacks.increment();
                        return keep(key, k, loadAndStore(key, k, loader, load), load);
                    }
                    LockSupport.parkNanos(Math.min(pause, left));
                    pause = Math.min(2 * pause, MAX_POLL_NANOS);
                }
                default -> {
                    return keep(key, k, loadAndStore(key, k, loader, load), load);
                }
            }
        }
    }

    /** Calls the loader and writes its value to Redis (unless the key was invalidated meanwhile). */
    private V loadAndStore(K key, String k, Function<? super K, ? extends V> loader, Load<V> load) {
        long start = ticker.nanos();
        V value;
        try {
            value = loader.apply(key);
        } catch (RuntimeException | Error e) {
            stats.loadFailures.increment();
            throw e;
        } finally {
            stats.loads.increment();
            stats.load.record(ticker.nanos() - start);
        }
        if (value != null) {
            byte[] bytes = encode(k, value);
            if (load == null || !load.stale) {
                l2.set(keyPrefix + k, bytes, l2Settings.ttl().toMillis());
            }
        }
        return value;
    }

    /** Puts a found or loaded value into L1, unless its key was invalidated while it was on its way. */
    private V keep(K key, String k, V value, Load<V> load) {
        if (value != null && !load.stale) {
            Entry<K, V> entry = new Entry<>(key, value);
            l1.put(k, entry);
            if (load.stale) {
                l1.asMap().remove(k, entry);
            }
        }
        return value;
    }

    // ---- writes ----

    @Override
    public void put(K key, V value) {
        String k = keyString(key);
        if (value == null) {
            throw new NullPointerException("value must not be null (cache " + name + ", key '" + k
                    + "'); use invalidate(key) to remove a key");
        }
        byte[] bytes = encode(k, value);
        markStale(k);
        l1.put(k, new Entry<>(key, value));
        l2.set(keyPrefix + k, bytes, l2Settings.ttl().toMillis());
        l2.publish(invalidations.channel(), invalidations.keyMessage(k));
    }

    @Override
    public void invalidate(K key) {
        String k = keyString(key);
        markStale(k);
        l1.invalidate(k);
        l2.delete(keyPrefix + k);
        l2.publish(invalidations.channel(), invalidations.keyMessage(k));
    }

    @Override
    public void invalidateAll() {
        checkOpen();
        markAllStale();
        l1.invalidateAll();
        l2.deleteMatching(keyPrefix + "*");
        l2.publish(invalidations.channel(), invalidations.allMessage());
    }

    @Override
    public void preload(Map<? extends K, ? extends V> entries) {
        entries.forEach(this::put);
    }

    @Override
    public void preload(Collection<? extends K> keys) {
        Function<? super K, ? extends V> loader = defaultLoader();
        for (K key : keys) {
            get(key, loader);
        }
    }

    // ---- broadcasts from other instances (Lettuce's I/O thread) ----

    @Override
    public void invalidated(String key) {
        markStale(key);
        l1.invalidate(key);
        stats.invalidationsReceived.increment(); // counted once applied: a reader of the count sees it in effect
    }

    @Override
    public void invalidatedAll() {
        markAllStale();
        l1.invalidateAll();
        stats.invalidationsReceived.increment();
    }

    @Override
    public void resubscribed() {
        markAllStale();
        l1.invalidateAll();
    }

    private void markStale(String k) {
        invalidationEpoch.incrementAndGet();
        Load<V> load = inFlight.remove(k);
        if (load != null) {
            load.stale = true;
        }
    }

    private void markAllStale() {
        invalidationEpoch.incrementAndGet();
        inFlight.keySet().forEach(this::markStale);
    }

    // ---- the rest ----

    @Override
    public CacheSnapshot snapshot() {
        return stats.snapshot(name, l1.estimatedSize(), l2.breakerState());
    }

    @Override
    public Tunables tunables() {
        return tunables;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        TunablesDirectory.global().unregister(tunables);
        try {
            invalidations.close();
        } finally {
            l2.close();
        }
    }

    @Override
    public String toString() {
        return "TieredCache[" + name + ", L1 " + l1Settings + ", L2 " + l2Settings + "]";
    }

    // ---- for CacheTunables ----

    L1Settings l1Settings() {
        return l1Settings;
    }

    L2Settings l2Settings() {
        return l2Settings;
    }

    void applyL1(L1Settings settings) {
        l1.policy().eviction().ifPresent(e -> e.setMaximum(settings.maximumSize()));
        l1.policy().expireAfterWrite().ifPresent(e -> e.setExpiresAfter(settings.ttl()));
        l1.policy().refreshAfterWrite().ifPresent(r -> r.setRefreshesAfter(settings.refreshAfter()));
        l1Settings = settings;
    }

    void applyL2(L2Settings settings) {
        l2.setTimeout(settings.timeout());
        l2Settings = settings;
    }

    // ---- helpers ----

    private String keyString(K key) {
        checkOpen();
        if (key == null) {
            throw new NullPointerException("key must not be null (cache " + name + ")");
        }
        String k = keyEncoder.apply(key);
        if (k == null) {
            throw new NullPointerException("the key encoder of cache " + name + " returned null for key " + key
                    + ": it must map every key to a string");
        }
        return k;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cache " + name + " is closed");
        }
    }

    private Function<? super K, ? extends V> defaultLoader() {
        if (defaultLoader == null) {
            throw new IllegalStateException("cache " + name + " has no default loader: set one with "
                    + "TieredCacheBuilder.loader(...), or call get(key, loader)");
        }
        return defaultLoader;
    }

    private byte[] encode(String k, V value) {
        byte[] bytes;
        try {
            bytes = codec.encode(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "cache " + name + ": the codec cannot encode the value for key '" + k + "' ("
                            + value.getClass().getName() + "): " + e.getMessage(),
                    e);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("cache " + name + ": the codec encoded the value for key '" + k + "' ("
                    + value.getClass().getName() + ") as null; a codec must return bytes");
        }
        return bytes;
    }

    /** The value, or null when the bytes in Redis do not decode (counted as an L2 error; the key is then loaded). */
    private V decode(String k, byte[] bytes) {
        try {
            return codec.decode(bytes);
        } catch (RuntimeException e) {
            stats.l2Errors.increment();
            return null;
        }
    }
}
