package io.pacer.bench.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.cache.CacheSnapshot;
import io.pacer.cache.L1Settings;
import io.pacer.cache.L2Settings;
import io.pacer.cache.TieredCache;
import io.pacer.cache.ValueCodecs;
import io.pacer.embedded.EmbeddedRedis;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a read costs in each tier of {@link TieredCache}, against the bare library it is built on, with one and two
 * threads. One operation is one read of a key that is there; keys cycle over {@value #KEYS} strings, values are
 * {@value #VALUE_BYTES}-character strings.
 *
 * <ul>
 *   <li>L1 hit: {@code TieredCache.get(key)} (the read-through call, with its statistics) vs Caffeine
 *       {@code getIfPresent} on a cache with the same bound and expiry.</li>
 *   <li>L2 hit: {@code TieredCache.get(key)} with an L1 of one entry, so that nearly every read misses L1 and is
 *       served by a Redis GET, decoded (UTF-8) and put into L1 — vs a raw Lettuce sync {@code GET} of the same keys
 *       (String codec) on a default client. Both talk to one private redis-server on loopback. The cache's L2 timeout
 *       is raised to 100 ms so that a scheduling stall on this shared machine does not turn a read into a loader
 *       call; the teardown fails the run if more than 1% of the reads were not served by Redis.</li>
 * </ul>
 *
 * <p>Run: {@code bench/cache.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TieredCacheBenchmark {
    static final int KEYS = 1024;
    static final int VALUE_BYTES = 100;
    static final String VALUE = "v".repeat(VALUE_BYTES);

    static String[] keys() {
        String[] keys = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "key-" + i;
        }
        return keys;
    }

    /** Each thread walks the keys on its own. */
    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        String next(String[] keys) {
            return keys[next++ & (KEYS - 1)];
        }
    }

    @State(Scope.Benchmark)
    public static class L1 {
        final String[] keys = keys();
        EmbeddedRedis redis;
        TieredCache<String, String> tiered;
        Cache<String, String> caffeine;

        @Setup(Level.Trial)
        public void start() {
            redis = EmbeddedRedis.start();
            tiered = TieredCache.<String, String>builder("bench-l1", String.class)
                    .redis(redis.uri())
                    .codec(ValueCodecs.utf8())
                    .l1(L1Settings.ofDefaults().withMaximumSize(100_000).withTtl(Duration.ofMinutes(10)))
                    .loader(key -> VALUE)
                    .build();
            caffeine = Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(Duration.ofMinutes(10))
                    .build();
            for (String key : keys) {
                tiered.put(key, VALUE);
                caffeine.put(key, VALUE);
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            CacheSnapshot s = tiered.snapshot();
            tiered.close();
            redis.close();
            if (s.l1().misses() != 0) {
                throw new IllegalStateException("L1 benchmark missed L1 " + s.l1().misses() + " times: " + s);
            }
        }
    }

    @State(Scope.Benchmark)
    public static class L2 {
        final String[] keys = keys();
        EmbeddedRedis redis;
        TieredCache<String, String> tiered;
        RedisClient client;
        StatefulRedisConnection<String, String> connection;
        RedisCommands<String, String> lettuce;

        @Setup(Level.Trial)
        public void start() {
            redis = EmbeddedRedis.start();
            tiered = TieredCache.<String, String>builder("bench-l2", String.class)
                    .redis(redis.uri())
                    .codec(ValueCodecs.utf8())
                    .l1(L1Settings.ofDefaults().withMaximumSize(1))
                    .l2(L2Settings.ofDefaults()
                            .withTimeout(Duration.ofMillis(100))
                            .withTtl(Duration.ofDays(1)))
                    .loader(key -> VALUE)
                    .build();
            client = RedisClient.create(redis.uri());
            connection = client.connect();
            lettuce = connection.sync();
            for (String key : keys) {
                lettuce.set("pacer:bench-l2:" + key, VALUE); // the cache's key for `key`; the baseline reads the same
            }
        }

        @TearDown(Level.Trial)
        public void stop() {
            CacheSnapshot s = tiered.snapshot();
            tiered.close();
            connection.close();
            client.shutdown();
            redis.close();
            long reads = s.l1().misses();
            if (s.loads().count() > reads / 100) {
                throw new IllegalStateException("L2 benchmark: " + s.loads().count() + " of " + reads
                        + " reads were not served by Redis: " + s);
            }
        }
    }

    @Benchmark
    @Threads(1)
    public String l1HitTiered(L1 state, Cursor cursor) {
        return state.tiered.get(cursor.next(state.keys));
    }

    @Benchmark
    @Threads(1)
    public String l1HitCaffeine(L1 state, Cursor cursor) {
        return state.caffeine.getIfPresent(cursor.next(state.keys));
    }

    @Benchmark
    @Threads(2)
    public String l1HitTieredTwoThreads(L1 state, Cursor cursor) {
        return state.tiered.get(cursor.next(state.keys));
    }

    @Benchmark
    @Threads(2)
    public String l1HitCaffeineTwoThreads(L1 state, Cursor cursor) {
        return state.caffeine.getIfPresent(cursor.next(state.keys));
    }

    @Benchmark
    @Threads(1)
    public String l2HitTiered(L2 state, Cursor cursor) {
        return state.tiered.get(cursor.next(state.keys));
    }

    @Benchmark
    @Threads(1)
    public String l2HitLettuce(L2 state, Cursor cursor) {
        return state.lettuce.get("pacer:bench-l2:" + cursor.next(state.keys));
    }

    @Benchmark
    @Threads(2)
    public String l2HitTieredTwoThreads(L2 state, Cursor cursor) {
        return state.tiered.get(cursor.next(state.keys));
    }

    @Benchmark
    @Threads(2)
    public String l2HitLettuceTwoThreads(L2 state, Cursor cursor) {
        return state.lettuce.get("pacer:bench-l2:" + cursor.next(state.keys));
    }
}
