package io.pacer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.detect.Detectors;
import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard analyzer ({@link Detectors#all()}) over a real SQLite store holding what the collectors write during a
 * Redis eviction fault on an otherwise quiet host, every 2 s (the demo's interval) for 5 minutes: the names and labels
 * are the collectors' own, so this is what {@code pacer analyze} and {@code bench/diagnose.sh} see.
 */
class AnalyzerStoreTest {

    static final Instant NOW = Synthetic.NOW;
    static final Duration WINDOW = Duration.ofMinutes(5);
    static final String REDIS = "127.0.0.1:6379";
    static final long MIB = 1024L * 1024L;

    @TempDir
    Path dir;

    /** Samples of a quiet host and a Redis at its maxmemory evicting keys, with seeded noise. */
    static List<Sample> redisEvictionFault() {
        SplittableRandom random = new SplittableRandom(14);
        List<Sample> samples = new ArrayList<>();
        Map<String, String> redis = Map.of("target", REDIS);
        double evicted = 0;
        double hits = 1_000_000;
        double misses = 50_000;
        int steps = (int) (WINDOW.toSeconds() / 2);
        for (int i = 0; i < steps; i++) {
            Instant at = NOW.minus(WINDOW).plusSeconds(2L * i);
            double noise = random.nextDouble() * 2 - 1;
            samples.add(Sample.of("host.cpu.usage.ratio", Map.of(), at, 0.25 + 0.05 * noise));
            samples.add(Sample.of("host.cpu.iowait.ratio", Map.of(), at, 0.01));
            samples.add(Sample.of("host.cpu.steal.ratio", Map.of(), at, 0));
            samples.add(Sample.of("host.cpu.cores", Map.of(), at, 2));
            samples.add(Sample.of("host.load.1m", Map.of(), at, 0.6 + 0.1 * noise));
            samples.add(Sample.of("host.memory.used.ratio", Map.of(), at, 0.45));
            samples.add(Sample.of("host.memory.available.bytes", Map.of(), at, 2048.0 * MIB));
            samples.add(Sample.of("host.swap.used.ratio", Map.of(), at, 0));
            samples.add(Sample.of("host.disk.used.ratio", Map.of("mount", "/"), at, 0.4));
            samples.add(Sample.of("host.network.transmit.bytes.rate", Map.of(), at, 200_000 + 10_000 * noise));
            samples.add(Sample.of("host.network.receive.bytes.rate", Map.of(), at, 150_000));
            samples.add(Sample.of("collector.up", Map.of("collector", "host"), at, 1));
            samples.add(Sample.of("collector.up", Map.of("collector", "redis:" + REDIS), at, 1));
            // the fault: at maxmemory, ~150 keys evicted per 2 s, misses growing as evicted keys are asked for
            evicted += 150 + 20 * noise;
            hits += 900;
            misses += 100 + i;
            samples.add(Sample.of("redis.memory.max.bytes", redis, at, 64.0 * MIB));
            samples.add(Sample.of("redis.memory.used.bytes", redis, at, 63.8 * MIB));
            samples.add(Sample.of("redis.memory.used.ratio", redis, at, 63.8 / 64));
            samples.add(Sample.of("redis.evicted.keys.total", redis, at, evicted));
            samples.add(Sample.of("redis.keyspace.hits.total", redis, at, hits));
            samples.add(Sample.of("redis.keyspace.misses.total", redis, at, misses));
            samples.add(Sample.of("redis.keyspace.hit.ratio", redis, at, hits / (hits + misses)));
            samples.add(Sample.of("redis.keys", redis, at, 200_000));
        }
        return samples;
    }

    @Test
    void analysesWhatTheCollectorsWrote() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir), clock)) {
            store.write(redisEvictionFault());
            store.flush();

            Analysis a = Analyzer.of(Detectors.all())
                    .analyze(
                            AnalysisContext.of(History.of(store, NOW.minus(WINDOW), NOW)),
                            new AnalysisRequest(WINDOW, true, true, true, false));

            assertThat(a.problems()).isEmpty();
            assertThat(a.windowSeconds()).isEqualTo(WINDOW.toSeconds());
            assertThat((double) a.systemMetrics().get("cpu_usage_percent")).isCloseTo(25, within(1.0));
            assertThat(a.systemMetrics())
                    .containsEntry("memory_usage_percent", 45.0)
                    .containsEntry("disk_usage_percent", 40.0)
                    .containsEntry("network_bytes_recv_mb", WindowMetrics.round(150_000 * 300 / (double) MIB, 1));
            assertThat(a.integrationMetrics())
                    .containsEntry("integrations_tested", 1)
                    .containsEntry("healthy_integrations", 1)
                    .containsEntry("failed_integrations", List.of());
            assertThat(a.databaseMetrics()).isEmpty();

            if (Detectors.all().isEmpty()) {
                // the skeleton's detectors: nothing to find, nothing to recommend
                assertThat(a.bottlenecks()).isEmpty();
                assertThat(a.performanceScore()).isEqualTo(100.0);
                return;
            }
            // with the real detectors: the fault is the top finding, nothing else on this quiet host is above info,
            // and the top recommendation is the Redis change Pacer can apply
            Finding top = a.bottlenecks().get(0);
            assertThat(top.kind()).isIn(FindingKinds.REDIS_EVICTIONS, FindingKinds.REDIS_HIT_DROP);
            assertThat(top.subject()).containsEntry("target", REDIS);
            assertThat(a.bottlenecks())
                    .filteredOn(f -> f.level() != Level.INFO)
                    .allSatisfy(
                            f -> assertThat(f.kind()).isIn(FindingKinds.REDIS_EVICTIONS, FindingKinds.REDIS_HIT_DROP));
            assertThat(a.performanceScore()).isLessThan(100.0);
            ActionRequest action = a.optimizationRecommendations().get(0).action();
            assertThat(Objects.requireNonNull(action, "the top recommendation's action"))
                    .isEqualTo(new ActionRequest(
                            "redis.config",
                            REDIS,
                            Map.of("parameter", "maxmemory", "value", Long.toString(128 * MIB))));
        }
    }
}
