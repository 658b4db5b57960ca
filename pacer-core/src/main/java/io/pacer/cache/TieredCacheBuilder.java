package io.pacer.cache;

import io.pacer.internal.Check;
import io.pacer.time.Ticker;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToIntBiFunction;
import java.util.regex.Pattern;

/**
 * Configures a {@link TieredCache}; only {@link #redis} is required. Obtained from
 * {@link TieredCache#builder(String, Class)}.
 *
 * <pre>{@code
 * TieredCache<Long, byte[]> images = TieredCache.<Long, byte[]>builder("images", byte[].class)
 *         .codec(ValueCodecs.bytes())
 *         .redis("redis://cache-host:6379")
 *         .l1(L1Settings.ofDefaults().withMaximumSize(64L << 20), (id, bytes) -> bytes.length) // 64 MiB
 *         .l2(L2Settings.ofDefaults().withTtl(Duration.ofHours(1)))
 *         .loader(store::read)
 *         .build();
 * }</pre>
 */
public final class TieredCacheBuilder<K, V> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    final String name;
    final Class<V> valueType;
    ValueCodec<V> codec;
    String redisUri;
    L1Settings l1 = L1Settings.ofDefaults();
    ToIntBiFunction<? super K, ? super V> weigher;
    L2Settings l2 = L2Settings.ofDefaults();
    Function<? super K, String> keyEncoder = String::valueOf;
    Function<? super K, ? extends V> loader;
    Ticker ticker = Ticker.system();

    TieredCacheBuilder(String name, Class<V> valueType) {
        checkName("name", name);
        this.name = name;
        this.valueType = Objects.requireNonNull(valueType, "valueType");
    }

    /** The Redis every instance shares, e.g. {@code redis://host:6379}; the cache opens its own connections. */
    public TieredCacheBuilder<K, V> redis(String uri) {
        this.redisUri = Objects.requireNonNull(uri, "uri");
        return this;
    }

    /** How values are stored in Redis; JSON of the value type by default ({@link ValueCodecs#json}). */
    public TieredCacheBuilder<K, V> codec(ValueCodec<V> codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /** L1 bounded by entry count: {@link L1Settings#maximumSize()} entries. */
    public TieredCacheBuilder<K, V> l1(L1Settings settings) {
        this.l1 = Objects.requireNonNull(settings, "settings");
        this.weigher = null;
        return this;
    }

    /** L1 bounded by weight: entries weigh what {@code weigher} says (>= 0), up to {@link L1Settings#maximumSize()} in total. */
    public TieredCacheBuilder<K, V> l1(L1Settings settings, ToIntBiFunction<? super K, ? super V> weigher) {
        this.l1 = Objects.requireNonNull(settings, "settings");
        this.weigher = Objects.requireNonNull(weigher, "weigher");
        return this;
    }

    public TieredCacheBuilder<K, V> l2(L2Settings settings) {
        this.l2 = Objects.requireNonNull(settings, "settings");
        return this;
    }

    /**
     * Maps a key to its key string, the key's identity in both tiers and in Redis key names ({@code String.valueOf}
     * by default); it must not return null, and equal keys must map to equal strings.
     */
    public TieredCacheBuilder<K, V> keyEncoder(Function<? super K, String> encoder) {
        this.keyEncoder = Objects.requireNonNull(encoder, "encoder");
        return this;
    }

    /** The loader {@link TieredCache#get(Object)}, {@code preload(keys)} and refresh-ahead use. */
    public TieredCacheBuilder<K, V> loader(Function<? super K, ? extends V> loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /** Time for TTLs, the breaker and measurements; {@link Ticker#system()} unless a test drives it. */
    public TieredCacheBuilder<K, V> ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Connects to Redis and subscribes to the cache's invalidation channel.
     *
     * @throws IllegalStateException when no Redis was given, or refresh-ahead is on without a loader
     * @throws io.lettuce.core.RedisConnectionException when Redis cannot be reached now (a wrong address shows
     *     at startup; outages after that are absorbed)
     */
    public TieredCache<K, V> build() {
        if (redisUri == null) {
            throw new IllegalStateException(
                    "cache " + name + ": redis(uri) must be set, e.g. redis(\"redis://localhost:6379\")");
        }
        if (l1.refreshes() && loader == null) {
            throw new IllegalStateException("cache " + name + ": refreshAfter " + l1.refreshAfter()
                    + " needs a default loader: set loader(...) or refreshAfter to zero");
        }
        if (codec == null) {
            codec = ValueCodecs.json(valueType);
        }
        return new DefaultTieredCache<>(this);
    }

    static void checkName(String what, String value) {
        Check.matches(what, value, NAME, "1 to 100 letters, digits, '.', '_' or '-'");
    }
}
