package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.Synthetic;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.Await;
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
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system detectors over a real SQLite {@link MetricStore}, on series named and labelled exactly as the real
 * collectors write them: the host and JVM collectors and a scrape of a real Micrometer Prometheus registry (JVM memory
 * and an HTTP server timer with a percentile histogram) are run once, and their samples' names and labels are
 * replayed over ten minutes with values of a sick machine, then of a quiet one. A renamed series in a collector fails
 * this test rather than silently blinding a detector.
 */
class SystemDetectorsStoreTest {

    private static final Duration STEP = Duration.ofSeconds(2);
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int POINTS = (int) (WINDOW.toMillis() / STEP.toMillis());
    private static final double MIB = 1024.0 * 1024;
    private static List<Sample> templates;

    @BeforeAll
    static void collectOnce() throws Exception {
        List<Sample> all = new ArrayList<>();
        Collector host = Collectors.host(STEP);
        AtomicReference<List<Sample>> hostSamples = new AtomicReference<>(List.of());
        // OSHI needs 300 ms between CPU readings; poll rather than sleep
        Await.until(Duration.ofSeconds(20), "host CPU usage collected", () -> {
            hostSamples.set(host.collect(Instant.now()));
            return hostSamples.get().stream().anyMatch(s -> s.name().equals(CpuSaturationDetector.USAGE));
        });
        all.addAll(hostSamples.get());
        try (Collector jvm = Collectors.jvm(STEP)) {
            all.addAll(jvm.collect(Instant.now()));
        }
        host.close();
        all.addAll(scrapeMicrometer());
        templates = List.copyOf(all);
    }

    private static List<Sample> scrapeMicrometer() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        for (String status : List.of("200", "503")) {
            Timer.builder("http.server.requests")
                    .tags(
                            "method",
                            "GET",
                            "uri",
                            "/orders",
                            "status",
                            status,
                            "outcome",
                            "SUCCESS",
                            "exception",
                            "none")
                    .publishPercentileHistogram()
                    .register(registry)
                    .record(Duration.ofMillis(20));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try (Collector scrape = Collectors.scrape(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics"), STEP)) {
            return scrape.collect(Instant.now());
        } finally {
            server.stop(0);
            registry.close();
        }
    }

    /** The real samples named {@code name} (with {@code labels} among theirs); the test fails when there are none. */
    private static List<Sample> real(String name, Map<String, String> labels) {
        List<Sample> found = templates.stream()
                .filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
        assertThat(found).as("the collectors' samples named %s%s", name, labels).isNotEmpty();
        return found;
    }

    /** One replayed series: {@code value(template, point index)} every 2 s over the window. */
    private record Replay(List<Sample> templates, ToDoubleBiFunction<Sample, Integer> value) {}

    private static List<Finding> analyse(Path dir, Replay... replays) {
        Instant from = Synthetic.NOW.minus(WINDOW);
        try (MetricStore store =
                MetricStore.open(StoreConfig.sqlite(dir), Clock.fixed(Synthetic.NOW, ZoneOffset.UTC))) {
            for (int i = 0; i < POINTS; i++) {
                Instant t = from.plus(STEP.multipliedBy(i));
                List<Sample> batch = new ArrayList<>();
                for (Replay r : replays) {
                    for (Sample template : r.templates()) {
                        batch.add(Sample.of(
                                template.name(), template.labels(), t, r.value().applyAsDouble(template, i)));
                    }
                }
                store.write(batch);
            }
            store.flush();
            AnalysisContext context = AnalysisContext.of(History.of(store, from, Synthetic.NOW));
            List<Finding> found = new ArrayList<>();
            for (Detector d : SystemDetectors.all()) {
                found.addAll(d.detect(context));
            }
            return found;
        }
    }

    private static Replay constant(String name, double value) {
        return new Replay(real(name, Map.of()), (s, i) -> value);
    }

    private static Replay asCollected(String name) {
        return new Replay(real(name, Map.of()), (s, i) -> s.value());
    }

    /** A counter rising by {@code perSecond} a second. */
    private static Replay counter(List<Sample> series, double perSecond) {
        return new Replay(series, (s, i) -> i * STEP.toSeconds() * perSecond);
    }

    private static List<Sample> buckets(String status, boolean slow) {
        return real("http_server_requests_seconds_bucket", Map.of("status", status)).stream()
                .filter(s -> !slow || bound(s) >= 2.0)
                .toList();
    }

    private static double bound(Sample bucket) {
        String le = bucket.labels().get("le");
        return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
    }

    private static Stream<Replay> sick() {
        return Stream.of(
                constant(CpuSaturationDetector.USAGE, 0.97),
                new Replay(real(CpuSaturationDetector.LOAD, Map.of()), (s, i) -> 4.0 * cores()),
                asCollected(CpuSaturationDetector.CORES),
                constant(MemoryPressureDetector.USED, 0.95),
                constant(DiskFullDetector.USED, 0.97),
                constant(DiskSlowDetector.IOWAIT, 0.35),
                counter(real(GcThrashDetector.MONITOR, Map.of()), 0.2),
                // a saw every 40 s on a floor rising 40 MiB a minute
                new Replay(
                        real(HeapLeakDetector.USED, Map.of("target", "self")),
                        (s, i) -> 100 * MIB + i * 2 / 60.0 * 40 * MIB + (i % 20) * 10 * MIB),
                asCollected(HeapLeakDetector.MAX),
                new Replay(
                        real(HeapLeakDetector.SCRAPED_USED, Map.of("area", "heap")),
                        (s, i) -> 50 * MIB + i * 2 / 60.0 * 20 * MIB + (i % 15) * 5 * MIB),
                // every request of both statuses takes 2 s or more; 503s are a fifth of them
                counter(buckets("200", true), 20),
                counter(real(SlowEndpointDetector.COUNT, Map.of("status", "200")), 20),
                counter(buckets("503", true), 5),
                counter(real(SlowEndpointDetector.COUNT, Map.of("status", "503")), 5));
    }

    private static double cores() {
        return real(CpuSaturationDetector.CORES, Map.of()).get(0).value();
    }

    @Test
    void aSickMachineIsFoundOnSeriesNamedAsTheCollectorsWriteThem(@TempDir Path dir) {
        List<Finding> found = analyse(dir, sick().toArray(Replay[]::new));
        Set<String> kinds = found.stream().map(Finding::kind).collect(java.util.stream.Collectors.toSet());
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        FindingKinds.CPU_SATURATION,
                        FindingKinds.MEMORY_PRESSURE,
                        FindingKinds.DISK_FULL,
                        FindingKinds.DISK_SLOW,
                        FindingKinds.GC_THRASH,
                        FindingKinds.HEAP_LEAK,
                        FindingKinds.SLOW_ENDPOINT,
                        FindingKinds.ERROR_BURST);
        assertThat(found)
                .filteredOn(f -> f.kind().equals(FindingKinds.HEAP_LEAK))
                .extracting(f -> f.evidence().get(0).series())
                .containsExactlyInAnyOrder(HeapLeakDetector.USED, HeapLeakDetector.SCRAPED_USED);
        assertThat(found)
                .filteredOn(f -> f.kind().equals(FindingKinds.SLOW_ENDPOINT))
                .singleElement()
                .satisfies(f ->
                        assertThat(f.subject()).containsEntry("uri", "/orders").containsKey("target"));
    }

    @Test
    void aQuietMachineOnTheSameSeriesHasNothingAboveInfo(@TempDir Path dir) {
        List<Finding> found = analyse(
                dir,
                new Replay(real(CpuSaturationDetector.USAGE, Map.of()), (s, i) -> i % 60 < 20 ? 0.95 : 0.3),
                new Replay(real(CpuSaturationDetector.LOAD, Map.of()), (s, i) -> 0.7 * cores()),
                asCollected(CpuSaturationDetector.CORES),
                constant(MemoryPressureDetector.USED, 0.6),
                constant(DiskFullDetector.USED, 0.5),
                new Replay(real(DiskSlowDetector.IOWAIT, Map.of()), (s, i) -> i % 50 < 5 ? 0.4 : 0.02),
                counter(real(GcThrashDetector.MONITOR, Map.of()), 0.01),
                new Replay(
                        real(HeapLeakDetector.USED, Map.of("target", "self")),
                        (s, i) -> 100 * MIB + (i % 20) * 10 * MIB),
                asCollected(HeapLeakDetector.MAX),
                asCollected(HeapLeakDetector.SCRAPED_USED),
                counter(real("http_server_requests_seconds_bucket", Map.of("status", "200")), 20),
                counter(real(SlowEndpointDetector.COUNT, Map.of("status", "200")), 20),
                counter(real(SlowEndpointDetector.COUNT, Map.of("status", "503")), 0.02));
        assertThat(found).filteredOn(f -> f.level() != Level.INFO).isEmpty();
    }
}
