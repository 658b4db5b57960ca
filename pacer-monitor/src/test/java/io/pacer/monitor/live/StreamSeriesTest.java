package io.pacer.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.batch.Batcher;
import io.pacer.metrics.BatcherMeters;
import io.pacer.monitor.Sample;
import io.pacer.testing.InMemorySink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSeriesTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final String TARGET = "http://app:8080/metrics";

    /** One scrape of a batcher named orders: counters by outcome and the P95 in microseconds. */
    private static List<Sample> scrape(Instant at, double delivered, double failed, double dropped, double p95Micros) {
        List<Sample> s = new ArrayList<>();
        s.add(events(at, "accepted", delivered + failed + dropped));
        s.add(events(at, "delivered", delivered));
        s.add(events(at, "failed", failed));
        s.add(events(at, "dropped", dropped));
        s.add(events(at, "rejected", 0));
        s.add(Sample.of(
                "pacer_batcher_latency_microseconds",
                Map.of("batcher", "orders", "quantile", "0.95", "target", TARGET),
                at,
                p95Micros));
        s.add(Sample.of(
                "pacer_batcher_latency_microseconds",
                Map.of("batcher", "orders", "quantile", "0.99", "target", TARGET),
                at,
                p95Micros * 2));
        s.add(Sample.of("scrape.duration.seconds", Map.of("target", TARGET), at, 0.01));
        return s;
    }

    private static Sample events(Instant at, String outcome, double value) {
        return Sample.of(
                "pacer_batcher_events_total",
                Map.of("batcher", "orders", "outcome", outcome, "target", TARGET),
                at,
                value);
    }

    private static double value(List<Sample> samples, String name) {
        return samples.stream()
                .filter(s -> s.name().equals(name))
                .peek(s -> assertThat(s.labels()).isEqualTo(Map.of("batcher", "orders", "target", TARGET)))
                .mapToDouble(Sample::value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + samples));
    }

    @Test
    void latencyAtOnceRatesFromTheSecondScrape() {
        StreamSeries stream = new StreamSeries();
        List<Sample> first = stream.derive(scrape(T0, 1_000, 10, 0, 250_000));
        assertThat(first).extracting(Sample::name).containsExactly(StreamSeries.LATENCY_P95);
        assertThat(value(first, StreamSeries.LATENCY_P95)).isEqualTo(0.25);

        List<Sample> second = stream.derive(scrape(T0.plusSeconds(10), 1_950, 40, 10, 1_500_000));
        assertThat(value(second, StreamSeries.LATENCY_P95)).isEqualTo(1.5);
        assertThat(value(second, StreamSeries.THROUGHPUT)).isEqualTo(95.0);
        assertThat(value(second, StreamSeries.ERROR_RATIO)).isCloseTo(40.0 / 990, within(1e-12));
        assertThat(second).allSatisfy(s -> assertThat(s.timestamp()).isEqualTo(T0.plusSeconds(10)));
    }

    @Test
    void anIdleStreamHasZeroThroughputAndNoErrorRatio() {
        StreamSeries stream = new StreamSeries();
        stream.derive(scrape(T0, 500, 0, 0, 1_000));
        List<Sample> idle = stream.derive(scrape(T0.plusSeconds(5), 500, 0, 0, 1_000));
        assertThat(value(idle, StreamSeries.THROUGHPUT)).isZero();
        assertThat(idle).extracting(Sample::name).doesNotContain(StreamSeries.ERROR_RATIO);
    }

    @Test
    void aRestartedApplicationStartsTheRateOver() {
        StreamSeries stream = new StreamSeries();
        stream.derive(scrape(T0, 5_000, 0, 0, 1_000));
        List<Sample> restarted = stream.derive(scrape(T0.plusSeconds(5), 20, 0, 0, 1_000));
        assertThat(restarted).extracting(Sample::name).containsExactly(StreamSeries.LATENCY_P95);
        List<Sample> next = stream.derive(scrape(T0.plusSeconds(10), 70, 0, 0, 1_000));
        assertThat(value(next, StreamSeries.THROUGHPUT)).isEqualTo(10.0);
    }

    @Test
    void samplesWithoutABatcherGiveNothing() {
        StreamSeries stream = new StreamSeries();
        assertThat(stream.derive(List.of(Sample.of("host.cpu.usage.ratio", Map.of(), T0, 0.5))))
                .isEmpty();
    }

    /** The names read above are the ones Pacer's BatcherMeters really expose through Micrometer's registry. */
    @Test
    void theNamesAreWhatBatcherMetersExposeInPrometheusText() throws Exception {
        try (Batcher<String> batcher = Batcher.<String>builder().build(InMemorySink.create())) {
            batcher.offer("one");
            assertThat(batcher.flush(Duration.ofSeconds(10))).isTrue();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            BatcherMeters meters = new BatcherMeters("orders", batcher::snapshot);
            meters.bindTo(registry);
            String text = registry.scrape();
            assertThat(text)
                    .contains("pacer_batcher_latency_microseconds{batcher=\"orders\",quantile=\"0.95\"}")
                    .contains("pacer_batcher_events_total{batcher=\"orders\",outcome=\"delivered\"}");
            assertThat(meters).isNotNull(); // held until here: Micrometer keeps binders weakly
        }
    }
}
