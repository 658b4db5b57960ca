package io.pacer.cache;

import io.pacer.tune.Tunables;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * A read-through cache in two tiers: an in-process L1 (Caffeine) in front of a Redis L2 shared by every instance
 * of the service, in front of your loader (the slow store). A read tries L1, then L2, then loads; concurrent
 * misses of one key load once, in this instance and across instances. Invalidations reach the L1 of every
 * instance. Redis trouble never reaches the caller: a breaker takes Redis out of the path (the cache then serves
 * from L1 and the loader) and puts it back when Redis answers again.
 *
 * <pre>{@code
 * try (TieredCache<String, User> users = TieredCache.<String, User>builder("users", User.class)
 *         .redis("redis://cache-host:6379")
 *         .loader(id -> database.findUser(id))
 *         .build()) {
 *     User u = users.get("42");      // L1, else L2, else the database (once, however many ask)
 *     users.invalidate("42");        // gone from Redis and from every instance's L1
 * }
 * }</pre>
 *
 * <p>Keys are compared by their key string (the builder's key encoder, {@code String.valueOf} by default), in
 * both tiers; in Redis a value lives under {@code <keyPrefix>:<cacheName>:<key string>} with the L2 TTL. A
 * {@code null} from the loader means "no value": it is returned and not cached. Thread-safe.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface TieredCache<K, V> extends AutoCloseable {

    /**
     * A builder for a cache whose values are stored in Redis as JSON (change with {@code codec(...)}).
     *
     * @param name names the cache in Redis keys, the invalidation channel, metrics and logs; letters, digits, {@code . _ -}
     */
    static <K, V> TieredCacheBuilder<K, V> builder(String name, Class<V> valueType) {
        return new TieredCacheBuilder<>(name, valueType);
    }

    /**
     * The value for {@code key}: from L1, else from L2, else from {@code loader}, which is called once per key
     * however many threads (and instances) miss it at once; the others wait for its result. A loaded value is
     * written to both tiers.
     *
     * @throws NullPointerException for a null key or loader
     * @throws IllegalArgumentException when the codec cannot encode the loaded value
     * @throws RuntimeException what the loader threw (to every caller waiting for that load)
     */
    V get(K key, Function<? super K, ? extends V> loader);

    /**
     * {@link #get(Object, Function)} with the builder's loader.
     *
     * @throws IllegalStateException when the builder was given no loader
     */
    V get(K key);

    /** The value from L1, else from L2 (kept in L1 then), else {@code null}; never loads. */
    V getIfPresent(K key);

    /**
     * Stores a value in both tiers and tells the other instances to drop theirs from L1.
     *
     * @throws NullPointerException for a null key or value (use {@link #invalidate} to remove)
     * @throws IllegalArgumentException when the codec cannot encode the value
     */
    void put(K key, V value);

    /** Removes the key from L2 and from L1 in every instance; a load in progress for it is not cached. */
    void invalidate(K key);

    /** Removes every key of this cache from L2 and from L1 in every instance. */
    void invalidateAll();

    /** Warm-up: {@link #put} for each entry. */
    void preload(Map<? extends K, ? extends V> entries);

    /**
     * Warm-up: {@link #get(Object)} for each key, one after another (from L2 when another instance has it, else
     * from the loader).
     *
     * @throws IllegalStateException when the builder was given no loader
     */
    void preload(Collection<? extends K> keys);

    /** Statistics per tier since the cache was built, as one immutable record. */
    CacheSnapshot snapshot();

    /**
     * Settings adjustable at runtime, validated, each change announced to the registry's listeners:
     * {@code cache.l1.maximumSize} (or {@code cache.l1.maximumWeight} with a weigher), {@code cache.l1.ttl},
     * {@code cache.l1.refreshAfter} (when refresh-ahead is on), {@code cache.l2.ttl}, {@code cache.l2.timeout},
     * {@code cache.l2.lockWait}.
     */
    Tunables tunables();

    String name();

    /** Closes the Redis connections. Later calls on the cache throw {@link IllegalStateException}. Idempotent. */
    @Override
    void close();
}
