package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.metrics.BatcherMeters;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.metrics.Percentiles;
import io.pacer.monitor.Collector;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher detectors over what the monitor's real scrape collector writes into a real SQLite store from a batcher's
 * real meters ({@link BatcherMeters} on Micrometer's Prometheus registry, served over HTTP as an application does):
 * the series names, labels and the scrape {@code target} are the ones a deployment produces. The batchers' readings are
 * given per collection — the shapes of seed 001's batching under the demo's load, of a zero linger, and of a sink
 * outage that begins halfway — and collections are stamped every 2 s from a fixed instant.
 */
class BatcherMetersStoreTest {
    private static final Instant START = Instant.parse("2026-11-29T11:55:00Z");
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final int COLLECTIONS = 40;
    private static final Instant END = START.plus(STEP.multipliedBy(COLLECTIONS));

    @TempDir
    Path dir;

    private volatile PrometheusMeterRegistry registry;
    private final List<BatcherMeters> binders = new ArrayList<>(); // Micrometer holds function meters weakly

    private static BatcherSnapshot snapshot(
            long delivered,
            double eventsPerSecond,
            double batchesPerSecond,
            String breaker,
            long trips,
            long spool,
            int maxEvents,
            long lingerMicros) {
        return new BatcherSnapshot(
                delivered + spool,
                delivered,
                0,
                0,
                0,
                spool,
                0,
                eventsPerSecond,
                batchesPerSecond,
                eventsPerSecond * 100,
                Percentiles.EMPTY,
                Percentiles.EMPTY,
                batchesPerSecond == 0 ? 0 : eventsPerSecond / batchesPerSecond / maxEvents,
                0,
                breaker,
                trips,
                maxEvents,
                lingerMicros);
    }

    /** The three batchers' readings at collection {@code i}. */
    private void readings(int i) {
        PrometheusMeterRegistry next = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        double rate = 200 * (1 + 0.5 * Math.sin(i / 5.0));
        // seed 001's 50 events / 100 ms: a batch per linger, of 10 to 30 events
        bind(next, "calm", snapshot(400L * i, rate, 10, "CLOSED", 0, 0, 50, 100_000));
        // linger 0: every event leaves alone, a batch or two per event
        bind(next, "tiny", snapshot(400L * i, rate, rate / 1.2, "CLOSED", 0, 0, 50, 0));
        // the sink goes down halfway: the breaker opens (half-open every 5 s), the spool fills, nothing is delivered
        boolean down = i >= COLLECTIONS / 2;
        int into = i - COLLECTIONS / 2;
        bind(
                next,
                "down",
                down
                        ? snapshot(
                                400L * COLLECTIONS / 2,
                                0,
                                0,
                                into % 3 == 2 ? "HALF_OPEN" : "OPEN",
                                1 + into / 3,
                                400L * (into + 1),
                                50,
                                100_000)
                        : snapshot(400L * i, rate, 10, "CLOSED", 0, 0, 50, 100_000));
        registry = next;
    }

    private void bind(PrometheusMeterRegistry into, String name, BatcherSnapshot snapshot) {
        BatcherMeters meters = new BatcherMeters(name, () -> snapshot);
        meters.bindTo(into);
        binders.add(meters);
    }

    @Test
    void smallBatchesAndAnOutageAreFoundByTheBatcherAndTheScrapeTargetAndACalmBatcherIsNot() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
        List<Finding> found;
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir), Clock.fixed(END, ZoneOffset.UTC));
                Collector collector = Collectors.scrape(url, STEP)) {
            for (int i = 0; i < COLLECTIONS; i++) {
                readings(i);
                store.write(collector.collect(START.plus(STEP.multipliedBy(i))));
            }
            store.flush();
            AnalysisContext context = AnalysisContext.of(History.of(store, START, END));
            found = StreamDetectors.all().stream()
                    .flatMap(d -> d.detect(context).stream())
                    .toList();
        } finally {
            server.stop(0);
        }
        found.forEach(f -> System.out.println(f.id() + " " + f.level() + " " + f.confidence() + ": " + f.summary()));
        String target = url.toString();
        assertThat(found)
                .extracting(Finding::kind, Finding::subject)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                FindingKinds.PRODUCER_BATCHING, Map.of("batcher", "tiny", "target", target)),
                        org.assertj.core.groups.Tuple.tuple(
                                FindingKinds.SINK_OUTAGE, Map.of("batcher", "down", "target", target)));
        Finding batching = found.stream()
                .filter(f -> f.kind().equals(FindingKinds.PRODUCER_BATCHING))
                .findFirst()
                .orElseThrow();
        Evidence linger = batching.evidence().get(batching.evidence().size() - 1);
        assertThat(linger.series()).isEqualTo(ProducerBatchingDetector.LINGER);
        assertThat(linger.labels()).containsEntry("batcher", "tiny").containsEntry("target", target);
        assertThat(linger.observed()).isZero();
        assertThat(linger.threshold()).isEqualTo(100_000);
    }
}
