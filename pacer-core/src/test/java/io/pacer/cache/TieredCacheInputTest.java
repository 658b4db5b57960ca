package io.pacer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.testing.Await;
import io.pacer.testing.RedisExtension;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bad input gets an error that names what was wrong; bad bytes already in Redis are survived, not thrown. */
@ExtendWith(RedisExtension.class)
@Timeout(60)
class TieredCacheInputTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final L2Settings L2 = L2Settings.ofDefaults().withTimeout(Duration.ofSeconds(1));

    private final EmbeddedRedis redis;

    TieredCacheInputTest(EmbeddedRedis redis) {
        this.redis = redis;
    }

    /** Jackson finds nothing to write in it: the JSON codec cannot encode it. */
    static final class Opaque {
        @SuppressWarnings("unused")
        private final int hidden = 1;
    }

    private TieredCache<String, String> strings(String name) {
        return TieredCache.<String, String>builder(name, String.class)
                .redis(redis.uri())
                .l2(L2)
                .build();
    }

    @Test
    void nullKeysValuesAndLoadersAreRejectedNamingTheCache() {
        try (TieredCache<String, String> cache = strings("nulls")) {
            String keyMessage = "key must not be null (cache nulls)";
            assertThatThrownBy(() -> cache.get(null, k -> "v"))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage(keyMessage);
            assertThatThrownBy(() -> cache.getIfPresent(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage(keyMessage);
            assertThatThrownBy(() -> cache.put(null, "v"))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage(keyMessage);
            assertThatThrownBy(() -> cache.invalidate(null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage(keyMessage);
            assertThatThrownBy(() -> cache.put("k", null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("value must not be null (cache nulls, key 'k'); use invalidate(key) to remove a key");
            assertThatThrownBy(() -> cache.get("k", null))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage("loader");
            assertThatThrownBy(() -> cache.get("k"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("cache nulls has no default loader: set one with TieredCacheBuilder.loader(...), "
                            + "or call get(key, loader)");
        }
    }

    @Test
    void valuesTheCodecCannotEncodeAreRejectedAndNotCached() {
        String name = "opaque-" + NAMES.incrementAndGet();
        try (TieredCache<String, Opaque> cache = TieredCache.<String, Opaque>builder(name, Opaque.class)
                .redis(redis.uri())
                .l2(L2)
                .build()) {
            assertThatThrownBy(() -> cache.put("k", new Opaque()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cache " + name + ": the codec cannot encode the value for key 'k' ("
                            + Opaque.class.getName() + "): No serializer found for class " + Opaque.class.getName());
            assertThatThrownBy(() -> cache.get("loaded", k -> new Opaque()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot encode the value for key 'loaded'");
            assertThat(cache.getIfPresent("k")).isNull();
            assertThat(cache.getIfPresent("loaded")).isNull();
        }
        try (TieredCache<String, String> nullBytes = TieredCache.<String, String>builder("nullcodec", String.class)
                .redis(redis.uri())
                .l2(L2)
                .codec(new ValueCodec<>() {
                    @Override
                    public byte[] encode(String value) {
                        return null;
                    }

                    @Override
                    public String decode(byte[] bytes) {
                        return "";
                    }
                })
                .build()) {
            assertThatThrownBy(() -> nullBytes.put("k", "v"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cache nullcodec: the codec encoded the value for key 'k' (java.lang.String) as null; "
                            + "a codec must return bytes");
        }
    }

    @Test
    void aKeyEncoderThatReturnsNullIsNamed() {
        try (TieredCache<Integer, String> cache = TieredCache.<Integer, String>builder("encoder", String.class)
                .redis(redis.uri())
                .l2(L2)
                .keyEncoder(i -> null)
                .build()) {
            assertThatThrownBy(() -> cache.get(7, k -> "v"))
                    .isInstanceOf(NullPointerException.class)
                    .hasMessage(
                            "the key encoder of cache encoder returned null for key 7: it must map every key to a string");
        }
    }

    @Test
    void bytesInRedisTheCodecCannotDecodeCountAsAnErrorAndAreReloaded() {
        String name = "garbage-" + NAMES.incrementAndGet();
        try (TieredCache<String, Integer> cache = TieredCache.<String, Integer>builder(name, Integer.class)
                        .redis(redis.uri())
                        .l2(L2)
                        .build();
                RedisClient client = RedisClient.create(redis.uri());
                StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().set("pacer:" + name + ":n", "not json");

            assertThat(cache.get("n", k -> 42)).isEqualTo(42);
            assertThat(cache.snapshot().l2Errors()).isEqualTo(1);
            assertThat(cache.snapshot().loads().count()).isEqualTo(1);
            Await.until(
                    Duration.ofSeconds(10),
                    "the loaded value replaces the garbage",
                    () -> "42".equals(raw.sync().get("pacer:" + name + ":n")));
        }
    }

    @Test
    void settingsAndBuilderRejectBadValuesNamingThem() {
        assertThatThrownBy(() -> L1Settings.ofDefaults().withMaximumSize(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maximumSize must be in [1, 1099511627776], but was -3");
        assertThatThrownBy(() -> new L1Settings(10, Duration.ofMinutes(1), Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("refreshAfter must be below ttl (PT1M) or zero for no refresh, but was PT2M");
        assertThatThrownBy(() -> L2Settings.ofDefaults().withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be in [PT0.0001S, PT1S], but was PT0S");
        assertThatThrownBy(() -> L2Settings.ofDefaults().withTtl(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ttl must be set (a duration in [PT0.001S, PT8760H]), but was null");
        assertThatThrownBy(() -> L2Settings.ofDefaults().withKeyPrefix("a:b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keyPrefix must be 1 to 100 letters, digits, '.', '_' or '-', but was 'a:b'");
        assertThatThrownBy(() -> TieredCache.builder("my cache", String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("name must be 1 to 100 letters, digits, '.', '_' or '-', but was 'my cache'");
        assertThatThrownBy(() -> TieredCache.builder("x", String.class).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cache x: redis(uri) must be set, e.g. redis(\"redis://localhost:6379\")");
        assertThatThrownBy(() -> TieredCache.builder("x", String.class)
                        .redis(redis.uri())
                        .l1(L1Settings.ofDefaults().withRefreshAfter(Duration.ofSeconds(10)))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "cache x: refreshAfter PT10S needs a default loader: set loader(...) or refreshAfter to zero");
    }

    @Test
    void tunablesRejectBadValuesAndKeepTheOldOne() {
        try (TieredCache<String, String> cache = TieredCache.<String, String>builder("tunables", String.class)
                .redis(redis.uri())
                .l2(L2)
                .loader(k -> "v")
                .l1(new L1Settings(100, Duration.ofMinutes(10), Duration.ofMinutes(1)))
                .build()) {
            assertThatThrownBy(() -> cache.tunables().set("cache.l1.maximumSize", 0, "ops"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cache.l1.maximumSize must be in [1, 1099511627776], but was 0");
            assertThatThrownBy(() -> cache.tunables().set("cache.l2.timeout", "forever", "ops"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("cache.l2.timeout must be a Duration such as 100ms, 5s or PT1S, but was 'forever'");
            assertThatThrownBy(() -> cache.tunables().set("cache.l1.ttl", "30s", "ops"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("refreshAfter must be below ttl (PT30S) or zero for no refresh, but was PT1M");
            assertThatThrownBy(() -> cache.tunables().set("cache.size", 5, "ops"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(
                            "unknown tunable 'cache.size': known are [cache.l1.maximumSize, cache.l1.ttl, ");
            assertThat(cache.tunables().get("cache.l1.maximumSize")).isEqualTo(100L);
            assertThat(cache.tunables().get("cache.l1.ttl")).isEqualTo(Duration.ofMinutes(10));
        }
    }

    @Test
    void aClosedCacheSaysSo() {
        TieredCache<String, String> cache = strings("closed");
        cache.close();
        cache.close();
        assertThatThrownBy(() -> cache.get("k", k -> "v"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cache closed is closed");
    }
}
