package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.Shapes.counter;
import static io.pacer.analysis.detect.Shapes.detect;
import static io.pacer.analysis.detect.Shapes.gauge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.analysis.Category;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.monitor.store.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** Slow endpoints and error bursts, from scraped HTTP timers, health checks and batcher counters. */
class EndpointDetectorsTest {

    private static final String APP = "http://127.0.0.1:9000/metrics";
    private static final double[] BOUNDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, Double.POSITIVE_INFINITY};

    /**
     * A Micrometer timer with a percentile histogram for {@code GET /orders}: {@code perSecond} requests per second,
     * {@code upper(minute)} the bound under which nearly all of them fall (the rest one bucket above), with seeded
     * jitter in the rate.
     */
    private static List<Series> timer(String status, double perSecond, long seed, DoubleUnaryOperator typical) {
        List<Series> series = new ArrayList<>();
        Map<String, String> labels = Map.of("target", APP, "method", "GET", "uri", "/orders", "status", status);
        for (double bound : BOUNDS) {
            Map<String, String> withLe = new TreeMap<>(labels);
            withLe.put("le", bound == Double.POSITIVE_INFINITY ? "+Inf" : Double.toString(bound));
            series.add(counter("http_server_requests_seconds_bucket", withLe, 0, seed, m -> {
                double t = typical.applyAsDouble(m);
                // 94 % at or under t's bucket, the rest one bucket above it
                return bound >= 2 * t || bound == Double.POSITIVE_INFINITY
                        ? perSecond
                        : bound >= t ? 0.94 * perSecond : 0;
            }));
        }
        series.add(counter("http_server_requests_seconds_count", labels, 0, seed, m -> perSecond));
        series.add(counter(
                "http_server_requests_seconds_sum", labels, 0, seed, m -> perSecond * typical.applyAsDouble(m)));
        return series;
    }

    private static List<Finding> detectAll(io.pacer.analysis.Detector d, List<Series> series) {
        return detect(d, series.toArray(Series[]::new));
    }

    @Test
    void theHistogramQuantileInterpolatesWithinTheBucketAsPrometheusDoes() {
        TreeMap<Double, Double> cumulative =
                new TreeMap<>(Map.of(0.1, 50.0, 0.5, 90.0, 1.0, 100.0, Double.POSITIVE_INFINITY, 100.0));
        assertThat(SlowEndpointDetector.histogramQuantile(0.5, cumulative)).isCloseTo(0.1, within(1e-9));
        assertThat(SlowEndpointDetector.histogramQuantile(0.7, cumulative)).isCloseTo(0.3, within(1e-9));
        assertThat(SlowEndpointDetector.histogramQuantile(0.95, cumulative)).isCloseTo(0.75, within(1e-9));
        cumulative.put(Double.POSITIVE_INFINITY, 200.0);
        assertThat(SlowEndpointDetector.histogramQuantile(0.95, cumulative)).isEqualTo(1.0);
    }

    @Test
    void anEndpointWhoseP95IsOverTheLimitIsSlow() {
        List<Finding> found = detectAll(new SlowEndpointDetector(), timer("200", 20, 1, m -> 2.0));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.SLOW_ENDPOINT);
            assertThat(f.category()).isEqualTo(Category.INTEGRATION);
            assertThat(f.subject()).isEqualTo(Map.of("target", APP, "method", "GET", "uri", "/orders"));
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.evidence().get(0).statistic()).isEqualTo("p95");
            assertThat(f.evidence().get(0).observed()).isBetween(2.5, 5.0);
            assertThat(f.summary()).startsWith("GET /orders on " + APP + ": p95");
        });
    }

    @Test
    void anEndpointTenTimesSlowerThanEarlierInTheWindowIsSlow() {
        List<Finding> found = detectAll(new SlowEndpointDetector(), timer("200", 20, 2, m -> m >= 7.5 ? 0.25 : 0.05));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.evidence().get(0).statistic()).isEqualTo("p95_ratio_to_earlier");
            assertThat(f.evidence().get(0).observed()).isGreaterThanOrEqualTo(SlowEndpointDetector.FACTOR);
            assertThat(f.summary()).contains("rose to", "since 11:57 UTC", "times its");
        });
    }

    @Test
    void aSteadyFastEndpointAndAFewRequestsAreNothing() {
        List<Series> steady = timer("200", 30, 3, m -> m % 2 < 0.2 ? 0.1 : 0.05);
        steady.addAll(timer("404", 0.02, 4, m -> 2.0)); // a dozen slow 404s: too few to judge
        assertThat(detectAll(new SlowEndpointDetector(), steady)).isEmpty();
    }

    @Test
    void aHealthUrlSlowingDownIsFoundButOneSlowCheckIsNot() {
        Map<String, String> health = Map.of("target", "http://127.0.0.1:9000/health");
        assertThat(detect(
                        new SlowEndpointDetector(),
                        gauge("health.latency.seconds", health, 0.002, 5, m -> m >= 7.5 ? 0.4 : 0.01)))
                .singleElement()
                .satisfies(f -> assertThat(f.subject()).isEqualTo(health));
        assertThat(detect(
                        new SlowEndpointDetector(),
                        gauge("health.latency.seconds", health, 0.004, 6, m -> m > 8.0 && m < 8.04 ? 2.5 : 0.01)))
                .isEmpty();
    }

    @Test
    void aShareOf5xxAnswersIsAnErrorBurstAndAFewAreNot() {
        List<Series> burst = timer("200", 20, 7, m -> 0.05);
        burst.addAll(timer("503", 3, 8, m -> 0.01));
        List<Finding> found = detectAll(new ErrorBurstDetector(), burst);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.ERROR_BURST);
            assertThat(f.subject()).isEqualTo(Map.of("target", APP));
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.evidence().get(0).observed()).isCloseTo(3 / 23.0, within(0.01));
            assertThat(f.summary()).contains("13 % of", "answered 5xx", "most on GET /orders");
        });
        List<Series> normal = timer("200", 20, 9, m -> 0.05);
        normal.addAll(timer("500", 0.05, 10, m -> 0.01));
        assertThat(detectAll(new ErrorBurstDetector(), normal)).isEmpty();
    }

    @Test
    void aHealthUrlDownNowIsCriticalARefusedConnectionCountsAndOneFailedCheckDoesNot() {
        String url = "http://127.0.0.1:9000/health";
        assertThat(detect(
                        new ErrorBurstDetector(),
                        gauge("health.up", Map.of("target", url), 0, 11, m -> m >= 9.5 ? 0 : 1)))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.level()).isEqualTo(Level.CRITICAL);
                    assertThat(f.summary()).contains("is down since 11:59 UTC");
                });
        // refused for 20 s in minute 5: no health.up then, the runner's collector.up says so
        Series up = gauge("health.up", Map.of("target", url), 0, 12, m -> 1);
        up = new Series(
                up.name(),
                up.labels(),
                up.resolution(),
                up.points().stream()
                        .filter(p -> p.timestamp().getEpochSecond() % 600 < 300
                                || p.timestamp().getEpochSecond() % 600 >= 320)
                        .toList());
        Series collector =
                gauge("collector.up", Map.of("collector", "health:" + url), 0, 13, m -> m >= 5 && m < 5.33 ? 0 : 1);
        assertThat(detect(new ErrorBurstDetector(), up, collector))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.level()).isEqualTo(Level.WARNING);
                    assertThat(f.summary()).contains("was down from 11:55 UTC");
                });
        assertThat(detect(
                        new ErrorBurstDetector(),
                        gauge("health.up", Map.of("target", url), 0, 14, m -> m >= 4 && m < 4.03 ? 0 : 1)))
                .isEmpty();
    }

    @Test
    void eventsDroppedInTheWindowAreLostButAnOldDropIsHistory() {
        Map<String, String> batcher = Map.of("target", APP, "batcher", "orders");
        List<Finding> found = detect(
                new ErrorBurstDetector(),
                counter("pacer_batcher_events_total", with(batcher, "outcome", "accepted"), 0.2, 15, m -> 1000),
                counter("pacer_batcher_events_total", with(batcher, "outcome", "delivered"), 0.2, 16, m -> 1000),
                counter("pacer_batcher_events_total", with(batcher, "outcome", "dropped"), 0, 17, m -> m >= 8 ? 5 : 0),
                counter("pacer_batcher_events_total", with(batcher, "outcome", "rejected"), 0, 18, m -> 0));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(batcher);
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.evidence().get(0).observed()).isCloseTo(600, within(10.0));
            assertThat(f.summary()).contains("Batcher orders", "lost events", "since 11:58 UTC");
        });
        // 42 events dropped before the window: the counter stands still and the since-start ratio stays put
        assertThat(detect(
                        new ErrorBurstDetector(),
                        counter("pacer_batcher_events_total", with(batcher, "outcome", "accepted"), 0.2, 19, m -> 1000),
                        gauge("pacer_batcher_events_total", with(batcher, "outcome", "dropped"), 0, 20, m -> 42),
                        gauge("pacer_batcher_drop_rate_ratio", batcher, 0, 21, m -> 0.0001)))
                .isEmpty();
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> all = new TreeMap<>(labels);
        all.put(key, value);
        return all;
    }
}
