package io.pacer.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedRedis;
import io.pacer.testing.Await;
import io.pacer.testing.ManualTicker;
import io.pacer.testing.RedisExtension;
import io.pacer.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two instances of one cache (two caches of the same name, each with its own connections, as two services would
 * have) against one real Redis: invalidations reach the other instance's L1, and concurrent misses of one key
 * load once — in one instance and across both. L1 TTLs are long, so only a broadcast can change what an
 * instance's L1 holds; the L2 timeout is generous (1 s) because these tests are about coordination, and a few ms
 * could time out on this shared machine.
 */
@ExtendWith(RedisExtension.class)
@Timeout(120)
class TieredCacheCrossInstanceTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final L2Settings L2 = L2Settings.ofDefaults()
            .withTimeout(Duration.ofSeconds(1))
            .withLock(Duration.ofSeconds(30), Duration.ofSeconds(20));

    private final EmbeddedRedis redis;

    TieredCacheCrossInstanceTest(EmbeddedRedis redis) {
        this.redis = redis;
    }

    private TieredCache<String, String> instance(String name, Function<String, String> loader, L2Settings l2) {
        return instance(name, loader, l2, Ticker.system());
    }

    private TieredCache<String, String> instance(
            String name, Function<String, String> loader, L2Settings l2, Ticker ticker) {
        return TieredCache.<String, String>builder(name, String.class)
                .redis(redis.uri())
                .l1(L1Settings.ofDefaults().withTtl(Duration.ofMinutes(10)))
                .l2(l2)
                .loader(loader)
                .ticker(ticker)
                .build();
    }

    private static String newName() {
        return "shared-" + NAMES.incrementAndGet();
    }

    @Test
    void invalidateDropsTheKeyFromTheOtherInstancesL1() {
        String name = newName();
        AtomicReference<String> source = new AtomicReference<>("v1");
        try (TieredCache<String, String> a = instance(name, k -> source.get(), L2);
                TieredCache<String, String> b = instance(name, k -> source.get(), L2)) {
            assertThat(a.get("k")).isEqualTo("v1");
            assertThat(b.get("k")).isEqualTo("v1");
            // a's write to Redis is not awaited; if b reads first, a's lock makes b wait for it
            assertThat(b.snapshot().loads().count())
                    .as("b took a's value from Redis")
                    .isZero();

            source.set("v2");
            assertThat(b.get("k"))
                    .as("b's L1 still holds v1: only a broadcast can change that")
                    .isEqualTo("v1");
            a.invalidate("k");

            Await.until(WAIT, "b serves v2 after a invalidated k", () -> "v2".equals(b.get("k")));
            assertThat(b.snapshot().invalidationsReceived()).isEqualTo(1);
            assertThat(a.snapshot().invalidationsReceived())
                    .as("a ignores its own broadcast")
                    .isZero();
        }
    }

    @Test
    void invalidateAllAndPutReachTheOtherInstance() {
        String name = newName();
        AtomicReference<String> source = new AtomicReference<>("old");
        try (TieredCache<String, String> a = instance(name, k -> source.get() + "-" + k, L2);
                TieredCache<String, String> b = instance(name, k -> source.get() + "-" + k, L2)) {
            for (String key : List.of("x", "y", "z")) {
                a.get(key);
                assertThat(b.get(key)).isEqualTo("old-" + key);
            }
            source.set("new");
            a.invalidateAll();
            Await.until(
                    WAIT,
                    "b reloads every key after a's invalidateAll",
                    () -> b.get("x").equals("new-x")
                            && b.get("y").equals("new-y")
                            && b.get("z").equals("new-z"));

            a.put("x", "written-by-a");
            Await.until(WAIT, "b serves a's put", () -> "written-by-a".equals(b.get("x")));
            assertThat(b.get("y")).as("a put of x leaves y alone").isEqualTo("new-y");
        }
    }

    @Test
    void hundredConcurrentMissesInOneInstanceLoadOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(100);
        try (TieredCache<String, String> cache = instance(newName(), slowLoader(loads, arrived), L2)) {
            List<String> values = callConcurrently(100, arrived, i -> cache.get("hot"));

            assertThat(values).hasSize(100).containsOnly("loaded");
            assertThat(loads).hasValue(1);
            assertThat(cache.snapshot().l1().misses())
                    .as("callers really missed together")
                    .isGreaterThan(1);
        }
    }

    @Test
    void hundredConcurrentMissesAcrossTwoInstancesLoadOnce() throws Exception {
        String name = newName();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch arrived = new CountDownLatch(100);
        Function<String, String> loader = slowLoader(loads, arrived);
        try (TieredCache<String, String> a = instance(name, loader, L2);
                TieredCache<String, String> b = instance(name, loader, L2)) {
            List<String> values = callConcurrently(100, arrived, i -> (i % 2 == 0 ? a : b).get("hot"));

            assertThat(values).hasSize(100).containsOnly("loaded");
            assertThat(loads).hasValue(1);
            assertThat(a.snapshot().l1().misses() + b.snapshot().l1().misses()).isGreaterThan(2);
            assertThat(a.snapshot().loads().count() + b.snapshot().loads().count())
                    .isEqualTo(1);
        }
    }

    @Test
    void aMissWaitsForAnotherInstancesLoadOnlyUpToLockWaitThenLoadsItself() throws Exception {
        CacheSnapshot b = missWhileAnotherInstanceLoads(Ticker.system());

        assertThat(b.loads().lockFallbacks()).isEqualTo(1);
        assertThat(b.l1().latencyMicros().max())
                .as("b waited about lockWait (200 ms)")
                .isGreaterThanOrEqualTo(200_000);
    }

    @Test
    void theWaitForAnotherInstancesLoadEndsAfterLockWaitInRealTimeEvenWhenTheTickerStandsStill() throws Exception {
        CacheSnapshot b = missWhileAnotherInstanceLoads(new ManualTicker());

        assertThat(b.loads().lockFallbacks())
                .as("b stopped waiting after lockWait although its ticker never moved, while a still loads")
                .isEqualTo(1);
    }

    /**
     * Instance a takes the cross-instance lock and loads until released; meanwhile instance b (on {@code bTicker},
     * lockWait 200 ms) misses the same key: b must load it itself once lockWait is over. Returns b's snapshot.
     */
    private CacheSnapshot missWhileAnotherInstanceLoads(Ticker bTicker) throws Exception {
        String name = newName();
        CountDownLatch aLoading = new CountDownLatch(1);
        CountDownLatch releaseA = new CountDownLatch(1);
        L2Settings shortWait = L2.withLock(Duration.ofSeconds(30), Duration.ofMillis(200));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (TieredCache<String, String> a = instance(
                        name,
                        k -> {
                            aLoading.countDown();
                            await(releaseA);
                            return "from-a";
                        },
                        shortWait);
                TieredCache<String, String> b = instance(name, k -> "from-b", shortWait, bTicker)) {
            Future<String> aGet = pool.submit(() -> a.get("slow"));
            assertThat(aLoading.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("a took the lock and loads")
                    .isTrue();

            assertThat(b.get("slow")).isEqualTo("from-b");
            CacheSnapshot seen = b.snapshot();

            releaseA.countDown();
            assertThat(aGet.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("from-a");
            return seen;
        } finally {
            releaseA.countDown();
            pool.shutdownNow();
        }
    }

    /** Counts its calls; holds until every caller has arrived, then a little longer, as a slow store would. */
    private static Function<String, String> slowLoader(AtomicInteger loads, CountDownLatch arrived) {
        return key -> {
            loads.incrementAndGet();
            await(arrived);
            try {
                Thread.sleep(50); // the slow store itself, not a wait for anything
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "loaded";
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code call(i)} on {@code n} threads at once; each thread counts down {@code arrived} just before it calls. */
    private static List<String> callConcurrently(int n, CountDownLatch arrived, Function<Integer, String> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    arrived.countDown();
                    return call.apply(index);
                }));
            }
            List<String> values = new ArrayList<>();
            for (Future<String> f : futures) {
                values.add(f.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS));
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }
}
