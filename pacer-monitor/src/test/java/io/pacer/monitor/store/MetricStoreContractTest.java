package io.pacer.monitor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.metrics.Histograms;
import io.pacer.monitor.Sample;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every engine must do alike: SQLite, the newest PostgreSQL and PostgreSQL 15. */
@Timeout(120)
class MetricStoreContractTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreEngine.class)
    void storesRawSamplesAndFindsThemByNameLabelsAndRange(StoreEngine engine) {
        Histogram latency = Histograms.latency();
        latency.recordValue(1_500);
        String encoded = Histograms.encode(latency);
        try (MetricStore store = MetricStore.open(engine.config(dir), CLOCK)) {
            store.write(List.of(
                    Sample.of("host.cpu.usage", Map.of("core", "0"), T0.minusSeconds(30), 0.25),
                    Sample.of("host.cpu.usage", Map.of("core", "1"), T0.minusSeconds(30), 0.75),
                    Sample.of("host.cpu.usage", Map.of("core", "0"), T0.minusSeconds(20), 0.5),
                    new Sample("http.latency", Map.of("target", "a"), T0.minusSeconds(10), 1.5, encoded)));
            store.write(List.of(Sample.of("host.cpu.usage", Map.of("core", "0"), T0.minusSeconds(90), 0.1)));
            store.flush();

            assertThat(store.names()).containsExactly("host.cpu.usage", "http.latency");
            List<Series> core0 =
                    store.query(new Query("host.cpu.usage", Map.of("core", "0"), T0.minusSeconds(60), T0, null));
            assertThat(core0).hasSize(1);
            assertThat(core0.get(0).resolution()).isEqualTo(Resolution.RAW);
            assertThat(core0.get(0).labels()).isEqualTo(Map.of("core", "0"));
            assertThat(core0.get(0).points())
                    .extracting(Point::timestamp, Point::last)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(T0.minusSeconds(30), 0.25),
                            org.assertj.core.groups.Tuple.tuple(T0.minusSeconds(20), 0.5));
            assertThat(store.query(Query.of("host.cpu.usage", T0.minusSeconds(60), T0)))
                    .extracting(s -> s.labels().get("core"))
                    .containsExactly("0", "1");
            Point latencyPoint = store.query(Query.of("http.latency", T0.minusSeconds(60), T0))
                    .get(0)
                    .points()
                    .get(0);
            assertThat(latencyPoint.percentiles().max()).isEqualTo(latency.getMaxValue());
            assertThat(store.query(Query.of("no.such.series", T0.minusSeconds(60), T0)))
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreEngine.class)
    void rollsUpClosedBucketsAndMergesLateAndReopenedOnes(StoreEngine engine) {
        StoreConfig config = engine.config(dir);
        Instant minute = Instant.parse("2026-11-02T09:00:00Z");
        try (MetricStore store = MetricStore.open(config, CLOCK)) {
            store.write(List.of(gauge(minute.plusSeconds(10), 4), gauge(minute.plusSeconds(50), 2)));
            store.flush();
            store.maintain(minute.plusSeconds(60));
            assertThat(onePoint(store, Resolution.MINUTE, minute)).isEqualTo(point(minute, 2, 6, 2, 4, 2));

            store.write(List.of(gauge(minute.plusSeconds(40), 9))); // late: its minute is closed
            store.write(List.of(gauge(minute.plusSeconds(70), 1))); // the next minute, still open
            store.flush();
            assertThat(onePoint(store, Resolution.MINUTE, minute)).isEqualTo(point(minute, 3, 15, 2, 9, 2));
        }
        try (MetricStore store = MetricStore.open(config, CLOCK)) { // closing wrote the partial 5m bucket
            assertThat(onePoint(store, Resolution.FIVE_MINUTES, minute)).isEqualTo(point(minute, 4, 16, 1, 9, 1));
            store.write(List.of(gauge(minute.plusSeconds(130), 7)));
            store.flush();
            store.maintain(minute.plus(Duration.ofDays(2)));
            assertThat(onePoint(store, Resolution.FIVE_MINUTES, minute)).isEqualTo(point(minute, 5, 23, 1, 9, 7));
            assertThat(onePoint(store, Resolution.DAY, minute.minus(Duration.ofHours(9))))
                    .isEqualTo(point(minute.minus(Duration.ofHours(9)), 5, 23, 1, 9, 7));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreEngine.class)
    void aReaderBesideTheWriterQueriesAndNeverWrites(StoreEngine engine) {
        StoreConfig config = engine.config(dir);
        try (MetricStore writer = MetricStore.open(config, CLOCK)) {
            writer.write(List.of(gauge(T0.minusSeconds(5), 1)));
            writer.flush();
            try (MetricStore reader = MetricStore.openForReading(config)) {
                assertThat(reader.query(Query.of("queue.depth", T0.minusSeconds(60), T0)))
                        .hasSize(1);
                assertThatThrownBy(() -> reader.write(List.of(gauge(T0, 2))))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("reading only");
                assertThatThrownBy(() -> reader.maintain(T0)).isInstanceOf(IllegalStateException.class);
            }
            writer.write(List.of(gauge(T0.minusSeconds(4), 2)));
            writer.flush();
            assertThat(writer.query(Query.of("queue.depth", T0.minusSeconds(60), T0))
                            .get(0)
                            .points())
                    .hasSize(2);
        }
    }

    /** Samples the schema cannot hold would fail their batch on every retry: refused, counted, the rest stored. */
    @ParameterizedTest
    @EnumSource(StoreEngine.class)
    void refusesWhatTheSchemaCannotHoldAndStoresTheRest(StoreEngine engine) {
        Instant at = T0.minusSeconds(5);
        try (MetricStore store = MetricStore.open(engine.config(dir), CLOCK)) {
            store.write(List.of(
                    gauge(at, 1),
                    gauge(at, Double.NaN),
                    gauge(at, Double.POSITIVE_INFINITY),
                    Sample.of("x".repeat(256), Map.of(), at, 1),
                    Sample.of("queue.depth", Map.of("queue", "q".repeat(4_000)), at, 1),
                    new Sample("queue.depth", Map.of("queue", "q1"), at, 2, "not a histogram"),
                    gauge(at.plusMillis(1), 3)));
            store.flush();
            assertThat(store.dropped()).isEqualTo(5);
            assertThat(store.query(Query.of("queue.depth", T0.minusSeconds(60), T0)))
                    .singleElement()
                    .satisfies(
                            s -> assertThat(s.points()).extracting(Point::last).containsExactly(1.0, 3.0));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreEngine.class)
    void retentionDeletesEachResolutionAfterItsOwnTime(StoreEngine engine) {
        Instant at = Instant.parse("2026-11-01T00:00:30Z");
        Instant start = Instant.parse("2026-10-30T00:00:00Z");
        try (MetricStore store = MetricStore.open(engine.config(dir), Clock.fixed(at, ZoneOffset.UTC))) {
            store.write(List.of(gauge(at, 1)));
            store.flush();
            Retention r = Retention.DEFAULT;
            List<Resolution> kept = new ArrayList<>(List.of(Resolution.values()));
            // Table: after each resolution's retention has passed, it is gone and the coarser ones are still there.
            for (Resolution gone : Resolution.values()) {
                Instant now = at.plus(r.of(gone)).plus(Duration.ofDays(1));
                store.maintain(now.minus(Duration.ofDays(1)).minusSeconds(60));
                assertThat(pointsAt(store, gone, start))
                        .as("%s before its retention", gone)
                        .isEqualTo(1);
                store.maintain(now);
                kept.remove(gone);
                assertThat(pointsAt(store, gone, start))
                        .as("%s after its retention", gone)
                        .isZero();
                for (Resolution k : kept) {
                    assertThat(pointsAt(store, k, start))
                            .as("%s when %s is gone", k, gone)
                            .isEqualTo(1);
                }
            }
        }
    }

    private static int pointsAt(MetricStore store, Resolution resolution, Instant start) {
        List<Series> series = store.query(
                Query.of("queue.depth", start, start.plus(Duration.ofDays(4))).at(resolution));
        return series.isEmpty() ? 0 : series.get(0).points().size();
    }

    private static Sample gauge(Instant at, double value) {
        return Sample.of("queue.depth", Map.of("queue", "q1"), at, value);
    }

    private static Point point(Instant bucket, long count, double sum, double min, double max, double last) {
        return new Point(bucket, count, sum, min, max, last, null);
    }

    private static Point onePoint(MetricStore store, Resolution resolution, Instant bucket) {
        List<Series> series = store.query(
                Query.of("queue.depth", bucket, bucket.plus(resolution.step())).at(resolution));
        assertThat(series).hasSize(1);
        assertThat(series.get(0).points()).hasSize(1);
        return series.get(0).points().get(0);
    }
}
