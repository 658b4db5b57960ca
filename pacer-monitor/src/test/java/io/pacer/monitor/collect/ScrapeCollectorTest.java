package io.pacer.monitor.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.batch.Batcher;
import io.pacer.cache.CacheMeters;
import io.pacer.cache.TieredCache;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.metrics.BatcherMeters;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.RedisExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An application instrumented as Pacer's README says — a batcher and a tiered cache bound to Micrometer's Prometheus
 * registry — served by a real HTTP server, scraped by the collector.
 */
@ExtendWith(RedisExtension.class)
class ScrapeCollectorTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private static HttpServer server;
    private static Batcher<String> batcher;
    private static TieredCache<String, String> cache;
    private static String base;
    private static BatcherMeters batcherMeters;
    private static CacheMeters cacheMeters;

    @BeforeAll
    static void application(EmbeddedRedis redis) throws Exception {
        batcher = Batcher.<String>builder().build(InMemorySink.create());
        for (int i = 0; i < 10; i++) {
            batcher.offer("event-" + i);
        }
        assertThat(batcher.flush(Duration.ofSeconds(10))).isTrue();
        Await.until(
                Duration.ofSeconds(10),
                "10 events counted delivered",
                () -> batcher.snapshot().delivered() == 10);
        cache = TieredCache.<String, String>builder("scraped", String.class)
                .redis(redis.uri())
                .loader(key -> "value-" + key)
                .build();
        cache.get("a"); // an L1 miss
        cache.get("a"); // an L1 hit
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Micrometer holds function meters' state objects weakly: an application keeps its binders referenced.
        batcherMeters = new BatcherMeters("orders", batcher::snapshot);
        batcherMeters.bindTo(registry);
        cacheMeters = new CacheMeters(cache::snapshot);
        cacheMeters.bindTo(registry);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/metrics", 200, TEXT, registry::scrape);
        serve("/openmetrics", 200, OPEN_METRICS, () -> registry.scrape(OPEN_METRICS));
        serve("/garbage", 200, "text/html", () -> "<html><body>Welcome to nginx!</body></html>");
        serve("/truncated", 200, TEXT, () -> registry.scrape().substring(0, 300));
        serve("/maintenance", 503, "text/plain", () -> "down for maintenance");
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        batcher.close();
        cache.close();
    }

    @Test
    void theBatcherAndCacheMetersArriveAsSamplesLabelledWithTheTarget() throws Exception {
        String url = base + "/metrics";
        List<Sample> samples = collect(url);
        assertThat(value(samples, "pacer_batcher_events_total", Map.of("batcher", "orders", "outcome", "delivered")))
                .isEqualTo(10);
        assertThat(value(samples, "pacer_batcher_events_total", Map.of("batcher", "orders", "outcome", "accepted")))
                .isEqualTo(10);
        Map<String, String> l1 = Map.of("cache", "scraped", "tier", "l1");
        assertThat(value(samples, "pacer_cache_requests_total", with(l1, "result", "hit")))
                .isEqualTo(1);
        assertThat(value(samples, "pacer_cache_requests_total", with(l1, "result", "miss")))
                .isEqualTo(1);
        assertThat(value(samples, "pacer_cache_hit_ratio", l1)).isEqualTo(0.5);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.labels()).containsEntry("target", url);
            assertThat(s.timestamp()).isEqualTo(NOW);
            assertThat(Double.isFinite(s.value())).isTrue();
        });
        assertThat(value(samples, "scrape.duration.seconds", Map.of())).isPositive();
        long scraped =
                samples.stream().filter(s -> !s.name().startsWith("scrape.")).count();
        assertThat(value(samples, "scrape.samples", Map.of()) - value(samples, "scrape.samples.nonfinite", Map.of()))
                .isEqualTo(scraped);
    }

    @Test
    void openMetricsIsReadToo() throws Exception {
        List<Sample> samples = collect(base + "/openmetrics");
        assertThat(value(samples, "pacer_batcher_events_total", Map.of("batcher", "orders", "outcome", "delivered")))
                .isEqualTo(10);
    }

    @Test
    void aBodyThatIsNotAnExpositionFailsWithASampleOfWhatArrived() {
        assertThatThrownBy(() -> collect(base + "/garbage"))
                .isInstanceOf(IOException.class)
                .hasMessage(base + "/garbage did not answer Prometheus text (Content-Type 'text/html'): line 1:"
                        + " expected a metric name at column 1: '<html><body>Welcome to nginx!</body></html>'");
        assertThatThrownBy(() -> collect(base + "/truncated"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not answer Prometheus text");
        assertThatThrownBy(() -> collect(base + "/maintenance"))
                .hasMessage(base + "/maintenance answered HTTP 503: 'down for maintenance'");
    }

    @Test
    void theRunnerCountsEveryGarbageScrapeAsAnErrorAndShowsWhatArrived() {
        // a long interval: its timeout, min(interval, 10 s), must not be what fails the scrape on a loaded machine
        Collector garbage = Collectors.scrape(URI.create(base + "/garbage"), Duration.ofSeconds(2));
        try (CollectorRunner runner = CollectorRunner.start(List.of(garbage), samples -> {})) {
            Await.until(
                    Duration.ofSeconds(20),
                    "two failed scrapes",
                    () -> runner.health(garbage.name()).failures() >= 2);
            CollectorHealth health = runner.health(garbage.name());
            assertThat(health.state()).isEqualTo(CollectorHealth.State.DOWN);
            assertThat(health.lastError()).contains("'<html><body>Welcome to nginx!</body></html>'");
        }
    }

    @Test
    void namesFromPrometheusBecomeSampleNames() {
        assertThat(ScrapeCollector.sampleName("http_requests_total")).isEqualTo("http_requests_total");
        assertThat(ScrapeCollector.sampleName("job:Requests:rate5m")).isEqualTo("job_requests_rate5m");
        assertThat(ScrapeCollector.sampleName("_hidden")).isEqualTo("x_hidden");
    }

    private static List<Sample> collect(String url) throws Exception {
        try (Collector scrape = Collectors.scrape(URI.create(url), Duration.ofSeconds(5))) {
            return scrape.collect(NOW);
        }
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertThat(matching).as(name + labels).hasSize(1);
        return matching.get(0).value();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new java.util.HashMap<>(labels);
        all.put(key, value);
        return all;
    }

    private static void serve(String path, int status, String contentType, Supplier<String> body) {
        server.createContext(path, exchange -> {
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }
}
