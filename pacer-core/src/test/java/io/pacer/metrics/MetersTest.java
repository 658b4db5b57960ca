package io.pacer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pacer.cache.CacheMeters;
import io.pacer.cache.CacheSnapshot;
import io.pacer.testing.Await;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What every Pacer meter binder promises: each meter described, and every percentile of a snapshot published. */
class MetersTest {

    private static final Percentiles LATENCY = new Percentiles(1000, 480.5, 450, 900, 950, 990, 999, 1200);
    private static final Percentiles OTHER = new Percentiles(10, 3, 1, 2, 3, 4, 5, 6);

    private static final BatcherSnapshot BATCHER =
            new BatcherSnapshot(10, 9, 1, 0, 0, 0, 0, 100, 10, 1000, LATENCY, OTHER, 0.5, 0, "CLOSED", 0, 50, 100_000);

    private static final CacheSnapshot CACHE = new CacheSnapshot(
            "users",
            new CacheSnapshot.Tier(3, 1, LATENCY),
            new CacheSnapshot.Tier(1, 0, OTHER),
            new CacheSnapshot.Loads(1, 0, 0, OTHER),
            4,
            0,
            0,
            0,
            0,
            "CLOSED",
            0,
            0);

    /** The quantile tag of each published latency gauge and the figure it must carry. */
    private static final Map<String, Function<Percentiles, Number>> QUANTILES = Map.of(
            "0.5", Percentiles::p50,
            "0.9", Percentiles::p90,
            "0.95", Percentiles::p95,
            "0.99", Percentiles::p99,
            "0.999", Percentiles::p999,
            "1.0", Percentiles::max);

    @Test
    void batcherMetersPublishEveryPercentileAndDescribeEveryMeter() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new BatcherMeters("orders", () -> BATCHER).bindTo(registry);

        QUANTILES.forEach((quantile, figure) -> assertThat(registry.get("pacer.batcher.latency")
                        .tags("batcher", "orders", "quantile", quantile)
                        .gauge()
                        .value())
                .as("quantile %s", quantile)
                .isEqualTo(figure.apply(LATENCY).doubleValue()));
        assertThat(registry.find("pacer.batcher.latency").gauges()).hasSize(QUANTILES.size());
        assertEveryMeterIsDescribed(registry);
    }

    @Test
    void cacheMetersPublishEveryPercentileOfEveryStageAndDescribeEveryMeter() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new CacheMeters(() -> CACHE).bindTo(registry);

        Map<String, Percentiles> stages = Map.of("l1.miss", LATENCY, "l2.read", OTHER, "load", OTHER);
        stages.forEach((stage, percentiles) ->
                QUANTILES.forEach((quantile, figure) -> assertThat(registry.get("pacer.cache.latency")
                                .tags("cache", "users", "stage", stage, "quantile", quantile)
                                .gauge()
                                .value())
                        .as("stage %s quantile %s", stage, quantile)
                        .isEqualTo(figure.apply(percentiles).doubleValue())));
        assertThat(registry.find("pacer.cache.latency").gauges()).hasSize(stages.size() * QUANTILES.size());
        assertEveryMeterIsDescribed(registry);
    }

    /** Descriptions become the HELP line of a Prometheus scrape: one per meter name, never missing. */
    private static void assertEveryMeterIsDescribed(MeterRegistry registry) {
        assertThat(registry.getMeters())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m.getId().getDescription())
                        .as("description of %s", m.getId())
                        .isNotBlank());
        Map<String, Set<String>> descriptionsByName = new TreeMap<>();
        for (Meter m : registry.getMeters()) {
            descriptionsByName
                    .computeIfAbsent(m.getId().getName(), k -> new TreeSet<>())
                    .add(m.getId().getDescription());
        }
        assertThat(descriptionsByName)
                .allSatisfy((name, descriptions) ->
                        assertThat(descriptions).as("descriptions of %s", name).hasSize(1));
    }

    /**
     * Micrometer holds a function meter's object weakly. The README binds with {@code new BatcherMeters(...)
     * .bindTo(registry)} and keeps no reference, so the meters themselves must keep the binder alive: after a garbage
     * collection that provably ran, they still read the snapshot, not NaN.
     */
    @Test
    void metersKeepReadingAfterTheBinderIsCollected() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new BatcherMeters("orders", () -> BATCHER).bindTo(registry);
        new CacheMeters(() -> CACHE).bindTo(registry);

        collectGarbage();

        assertThat(registry.get("pacer.batcher.events")
                        .tags("batcher", "orders", "outcome", "delivered")
                        .functionCounter()
                        .count())
                .isEqualTo(BATCHER.delivered());
        assertThat(registry.get("pacer.batcher.latency")
                        .tags("batcher", "orders", "quantile", "1.0")
                        .gauge()
                        .value())
                .isEqualTo(LATENCY.max());
        assertThat(registry.find("pacer.cache.latency").gauges())
                .allSatisfy(g -> assertThat(g.value()).isNotNaN());
    }

    /** Runs collections until an object only weakly reachable is gone, so the test knows a collection happened. */
    private static void collectGarbage() {
        WeakReference<Object> canary = new WeakReference<>(new Object());
        Await.until(Duration.ofSeconds(10), "a garbage collection", () -> {
            System.gc();
            return canary.get() == null;
        });
    }
}
