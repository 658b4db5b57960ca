package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.monitor.Collector;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.collect.HostPort;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.RedisExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis detectors over what the monitor's real Redis collector writes into a real SQLite store, from a real
 * redis-server: a write loop under a small {@code maxmemory} evicts, lookups that start missing drop the hit ratio, and
 * a quiet Redis gives nothing. Collections are stamped every 2 s (the demo's interval) from a fixed instant, so the
 * test waits for nothing but Redis's answers.
 */
@ExtendWith(RedisExtension.class)
class RedisStoreTest {
    private static final Instant START = Instant.parse("2026-11-29T11:55:00Z");
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final int COLLECTIONS = 60;
    private static final Instant END = START.plus(STEP.multipliedBy(COLLECTIONS));
    private static final String VALUE = "x".repeat(1_000);

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static HostPort address;

    @TempDir
    Path dir;

    private RedisCommands<String, String> redis;

    @BeforeAll
    static void connect(EmbeddedRedis server) {
        client = RedisClient.create(server.uri());
        connection = client.connect();
        address = new HostPort(server.host(), server.port());
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @BeforeEach
    void clean() {
        redis = connection.sync();
        redis.configSet("maxmemory", "0");
        redis.flushall();
        redis.configResetstat();
    }

    @AfterEach
    void unlimited() {
        redis.configSet("maxmemory", "0");
        redis.configSet("maxmemory-policy", "noeviction");
    }

    /** Runs {@code step} before each of the collections, stored, and runs the stream detectors over the window. */
    private List<Finding> collectAndDetect(IntConsumer step) throws Exception {
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir), Clock.fixed(END, ZoneOffset.UTC));
                Collector collector = Collectors.redis(address, STEP)) {
            for (int i = 0; i < COLLECTIONS; i++) {
                step.accept(i);
                store.write(collector.collect(START.plus(STEP.multipliedBy(i))));
            }
            store.flush();
            AnalysisContext context = AnalysisContext.of(History.of(store, START, END));
            return StreamDetectors.all().stream()
                    .flatMap(d -> d.detect(context).stream())
                    .toList();
        }
    }

    @Test
    void aWriteLoopUnderASmallMaxmemoryEvicts() throws Exception {
        long used = redis.info("memory")
                .lines()
                .filter(l -> l.startsWith("used_memory:"))
                .mapToLong(
                        l -> Long.parseLong(l.substring("used_memory:".length()).strip()))
                .findFirst()
                .orElseThrow();
        redis.configSet("maxmemory-policy", "allkeys-lru");
        redis.configSet("maxmemory", Long.toString(used + (1 << 20))); // room for ~1,000 values of 1 kB
        List<Finding> found = collectAndDetect(i -> {
            for (int k = 0; k < 200; k++) {
                redis.set("key-" + i + "-" + k, VALUE);
            }
        });
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.REDIS_EVICTIONS);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.subject()).containsEntry("target", address.toString()).hasSize(1);
            assertThat(f.evidence())
                    .extracting(e -> e.series())
                    .containsExactly("redis.evicted.keys.total", "redis.memory.used.ratio");
            assertThat(f.evidence().get(1).observed()).isGreaterThan(0.9);
            assertThat(f.summary()).contains("evicted", "maxmemory");
        });
    }

    @Test
    void lookupsThatStartMissingDropTheHitRatio() throws Exception {
        for (int k = 0; k < 100; k++) {
            redis.set("present-" + k, VALUE);
        }
        List<Finding> found = collectAndDetect(i -> {
            boolean late = i >= COLLECTIONS / 2;
            for (int k = 0; k < 100; k++) {
                // early: 95 % hits; late: half of the reads ask for keys that are gone
                redis.get((late && k % 2 == 0) || (!late && k % 20 == 0) ? "absent-" + k : "present-" + k);
            }
        });
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.REDIS_HIT_DROP);
            assertThat(f.subject()).containsEntry("target", address.toString());
            assertThat(f.summary()).contains("fell from 95% to 50%");
        });
    }

    @Test
    void aQuietRedisGivesNothing() throws Exception {
        for (int k = 0; k < 100; k++) {
            redis.set("present-" + k, VALUE);
        }
        List<Finding> found = collectAndDetect(i -> {
            for (int k = 0; k < 100; k++) {
                redis.get(k % 10 == i % 10 ? "absent-" + k : "present-" + k);
                redis.set("written-" + (i * 100 + k) % 500, VALUE);
            }
        });
        assertThat(found).isEmpty();
    }
}
