package io.pacer.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.testing.Await;
import io.pacer.testing.ManualTicker;
import io.pacer.testing.RedisExtension;
import io.pacer.tune.TunableChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What one instance does against a real Redis, checked in Redis itself through a separate client: read-through
 * into both tiers under the documented key with the L2 TTL, what is not cached, warm-up, live tunables,
 * refresh-ahead, statistics and meters. The L2 timeout is 1 s: these tests are about behaviour, not slowness.
 */
@ExtendWith(RedisExtension.class)
@Timeout(60)
class TieredCacheTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final L2Settings L2 =
            L2Settings.ofDefaults().withTimeout(Duration.ofSeconds(1)).withTtl(Duration.ofMinutes(1));

    private static EmbeddedRedis redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    /** A value Jackson maps as JSON, the default codec. */
    record User(String id, int visits) {}

    @BeforeAll
    static void connect(EmbeddedRedis embedded) {
        redis = embedded;
        client = RedisClient.create(redis.uri());
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    private static RedisCommands<String, String> raw() {
        return connection.sync();
    }

    private static String newName() {
        return "test-" + NAMES.incrementAndGet();
    }

    private static TieredCacheBuilder<String, String> strings(String name, Function<String, String> loader) {
        return TieredCache.<String, String>builder(name, String.class)
                .redis(redis.uri())
                .l2(L2)
                .loader(loader);
    }

    @Test
    void readThroughFillsBothTiersAsJsonUnderTheDocumentedKeyWithTheL2Ttl() {
        String name = newName();
        AtomicInteger loads = new AtomicInteger();
        try (TieredCache<String, User> cache = TieredCache.<String, User>builder(name, User.class)
                        .redis(redis.uri())
                        .l2(L2)
                        .loader(id -> new User(id, loads.incrementAndGet()))
                        .build();
                TieredCache<String, User> other = TieredCache.<String, User>builder(name, User.class)
                        .redis(redis.uri())
                        .l2(L2)
                        .build()) {
            assertThat(cache.get("7")).isEqualTo(new User("7", 1));
            assertThat(cache.get("7")).isEqualTo(new User("7", 1));
            assertThat(loads).hasValue(1);

            Await.until(
                    WAIT,
                    "the value is in Redis (written without waiting)",
                    () -> raw().get("pacer:" + name + ":7") != null);
            assertThat(raw().get("pacer:" + name + ":7")).isEqualTo("{\"id\":\"7\",\"visits\":1}");
            assertThat(raw().pttl("pacer:" + name + ":7"))
                    .isBetween(1L, L2.ttl().toMillis());

            assertThat(other.get("7", id -> {
                        throw new AssertionError("must come from Redis");
                    }))
                    .isEqualTo(new User("7", 1));

            CacheSnapshot s = cache.snapshot();
            assertThat(List.of(
                            s.l1().hits(),
                            s.l1().misses(),
                            s.l2().hits(),
                            s.l2().misses(),
                            s.loads().count()))
                    .containsExactly(1L, 1L, 0L, 1L, 1L);
            assertThat(s.l1().hitRatio()).isEqualTo(0.5);
            assertThat(s.l1Size()).isEqualTo(1);
            assertThat(s.breakerState()).isEqualTo("CLOSED");
            CacheSnapshot o = other.snapshot();
            assertThat(List.of(o.l1().misses(), o.l2().hits(), o.loads().count()))
                    .containsExactly(1L, 1L, 0L);
        }
    }

    @Test
    void keyEncoderAndPrefixNameTheRedisKey() {
        String name = newName();
        try (TieredCache<Integer, String> cache = TieredCache.<Integer, String>builder(name, String.class)
                .redis(redis.uri())
                .codec(ValueCodecs.utf8())
                .l2(L2.withKeyPrefix("app"))
                .keyEncoder(id -> "user-" + id)
                .build()) {
            cache.put(7, "seven");
            Await.until(WAIT, "the put reaches Redis", () -> "seven".equals(raw().get("app:" + name + ":user-7")));
            assertThat(cache.getIfPresent(7)).isEqualTo("seven");
        }
    }

    @Test
    void nullFromTheLoaderAndLoaderFailuresAreNotCached() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException storeDown = new IllegalStateException("store down");
        try (TieredCache<String, String> cache = strings(newName(), k -> null).build()) {
            Function<String, String> none = k -> {
                calls.incrementAndGet();
                return null;
            };
            assertThat(cache.get("absent", none)).isNull();
            assertThat(cache.get("absent", none)).isNull();
            assertThat(calls).as("null is not cached").hasValue(2);

            assertThatThrownBy(() -> cache.get("k", k -> {
                        throw storeDown;
                    }))
                    .isSameAs(storeDown);
            assertThat(cache.get("k", k -> "recovered")).isEqualTo("recovered");
            assertThat(cache.snapshot().loads().failures()).isEqualTo(1);
            assertThat(cache.snapshot().loads().count()).isEqualTo(4);
        }
    }

    @Test
    void getIfPresentNeverLoads() {
        String name = newName();
        try (TieredCache<String, String> cache = strings(name, k -> {
                            throw new AssertionError("getIfPresent must not load");
                        })
                        .build();
                TieredCache<String, String> other = strings(name, k -> "unused").build()) {
            assertThat(cache.getIfPresent("k")).isNull();
            other.put("k", "from-other");
            // the put's broadcast drops k from this L1; wait for it, so that it cannot drop what the next read caches
            Await.until(
                    WAIT, "the put's broadcast arrives", () -> cache.snapshot().invalidationsReceived() == 1);
            assertThat(cache.getIfPresent("k")).as("found in Redis").isEqualTo("from-other");
            long l2Hits = cache.snapshot().l2().hits();
            assertThat(cache.getIfPresent("k")).isEqualTo("from-other");
            assertThat(cache.snapshot().l2().hits())
                    .as("second read served by L1")
                    .isEqualTo(l2Hits);
            assertThat(cache.snapshot().loads().count()).isZero();
        }
    }

    @Test
    void preloadPutsEntriesAndLoadsKeys() {
        String name = newName();
        AtomicInteger loads = new AtomicInteger();
        try (TieredCache<String, String> cache = strings(name, k -> {
                    loads.incrementAndGet();
                    return "loaded-" + k;
                })
                .build()) {
            cache.preload(Map.of("a", "given-a", "b", "given-b"));
            cache.preload(List.of("c", "d"));

            assertThat(loads).hasValue(2);
            for (String key : List.of("a", "b", "c", "d")) {
                assertThat(cache.getIfPresent(key)).startsWith(key.compareTo("c") < 0 ? "given-" : "loaded-");
                Await.until(WAIT, key + " is in Redis", () -> raw().get("pacer:" + name + ":" + key) != null);
            }
            assertThat(cache.snapshot().l1().hits()).as("every key was in L1").isEqualTo(4);
        }
    }

    @Test
    void tunablesChangeBothTiersLiveAndAnnounceEachChange() {
        String name = newName();
        ManualTicker ticker = new ManualTicker();
        List<TunableChange> changes = new CopyOnWriteArrayList<>();
        try (TieredCache<String, String> cache = strings(name, k -> "v-" + k)
                .l1(L1Settings.ofDefaults().withTtl(Duration.ofMinutes(10)))
                .ticker(ticker)
                .build()) {
            cache.tunables().addListener(changes::add);
            cache.get("a");
            ticker.advance(Duration.ofMinutes(5));
            cache.get("a");
            assertThat(cache.snapshot().l1().hits()).as("5 min old, TTL 10 min").isEqualTo(1);

            cache.tunables().set("cache.l1.ttl", "1m", "ops");
            Await.until(WAIT, "a is in Redis", () -> raw().get("pacer:" + name + ":a") != null);
            assertThat(cache.get("a")).isEqualTo("v-a");
            assertThat(cache.snapshot().l2().hits())
                    .as("expired from L1 under the new TTL, found in Redis")
                    .isEqualTo(1);

            cache.tunables().set("cache.l2.ttl", Duration.ofSeconds(30), "ops");
            cache.put("b", "v-b");
            Await.until(WAIT, "b is in Redis", () -> raw().get("pacer:" + name + ":b") != null);
            assertThat(raw().pttl("pacer:" + name + ":b")).isBetween(1L, 30_000L);

            cache.tunables().set("cache.l1.maximumSize", 2L, "ops");
            for (int i = 0; i < 10; i++) {
                cache.get("many-" + i);
            }
            Await.until(
                    WAIT,
                    "L1 shrinks to 2 entries (Caffeine evicts in the background)",
                    () -> cache.snapshot().l1Size() <= 2);
            assertThat(cache.snapshot().l1Evictions()).isGreaterThanOrEqualTo(8);

            assertThat(changes)
                    .extracting(TunableChange::name, c -> String.valueOf(c.newValue()), TunableChange::source)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("cache.l1.ttl", "PT1M", "ops"),
                            org.assertj.core.groups.Tuple.tuple("cache.l2.ttl", "PT30S", "ops"),
                            org.assertj.core.groups.Tuple.tuple("cache.l1.maximumSize", "2", "ops"));
            assertThat(cache.tunables().get("cache.l1.maximumSize")).isEqualTo(2L);
        }
    }

    @Test
    void refreshAheadServesTheOldValueWhileReloadingInTheBackground() throws InterruptedException {
        String name = newName();
        ManualTicker ticker = new ManualTicker();
        AtomicInteger version = new AtomicInteger();
        CountDownLatch refreshMayFinish = new CountDownLatch(1);
        Function<String, String> loader = k -> {
            if (version.incrementAndGet() > 1) {
                awaitQuietly(refreshMayFinish);
            }
            return "v" + version.get();
        };
        try (TieredCache<String, String> cache = strings(name, loader)
                .l1(new L1Settings(100, Duration.ofMinutes(10), Duration.ofMinutes(1)))
                .ticker(ticker)
                .build()) {
            assertThat(cache.get("k")).isEqualTo("v1");
            ticker.advance(Duration.ofMinutes(2));

            assertThat(cache.get("k"))
                    .as("the old value, while the refresh runs")
                    .isEqualTo("v1");
            refreshMayFinish.countDown();
            Await.until(WAIT, "the refreshed value replaces it", () -> "v2".equals(cache.get("k")));
            Await.until(
                    WAIT,
                    "and is written to Redis",
                    () -> raw().get("pacer:" + name + ":k"),
                    "\"v2\""::equals,
                    cache::snapshot);
            assertThat(cache.snapshot().loads().count()).isEqualTo(2);
        } finally {
            refreshMayFinish.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void cacheMetersPublishTheSnapshot() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        String name = newName();
        try (TieredCache<String, String> cache = strings(name, k -> "v").build()) {
            new CacheMeters(cache::snapshot).bindTo(registry);
            cache.get("k");
            cache.get("k");
            cache.get("k");
            // the meters reuse one snapshot for 200 ms per scrape
            Await.until(
                    WAIT,
                    "the meters show one miss and two hits",
                    () -> registry.get("pacer.cache.requests")
                                    .tags("cache", name, "tier", "l1", "result", "hit")
                                    .functionCounter()
                                    .count()
                            == 2);
            assertThat(registry.get("pacer.cache.requests")
                            .tags("cache", name, "tier", "l1", "result", "miss")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("pacer.cache.loads")
                            .tags("cache", name, "result", "success")
                            .functionCounter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("pacer.cache.hit.ratio")
                            .tags("cache", name, "tier", "l1")
                            .gauge()
                            .value())
                    .isEqualTo(2.0 / 3);
            assertThat(registry.get("pacer.cache.breaker.state")
                            .tags("cache", name)
                            .gauge()
                            .value())
                    .isZero();
            assertThat(registry.get("pacer.cache.latency")
                            .tags("cache", name, "stage", "load", "quantile", "1.0")
                            .gauge()
                            .value())
                    .isPositive();
        }
    }
}
