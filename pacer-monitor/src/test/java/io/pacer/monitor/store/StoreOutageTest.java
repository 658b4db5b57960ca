package io.pacer.monitor.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL stopped and restarted under a running store: nothing is lost within the buffer; beyond it the drop is
 * counted, and the count is stored as a sample of its own.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(120)
class StoreOutageTest {

    /** Recent: the store runs on the system clock, and retention deletes raw samples older than a day. */
    private static final Instant T0 = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void ridesOutAnOutageWithinTheBufferAndCountsWhatDoesNotFit(PostgresServer postgres) {
        StoreConfig config = StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password())
                .withBufferCapacity(1_000)
                .withBatchSize(100)
                .withFlushInterval(Duration.ofMillis(20));
        try (MetricStore store = MetricStore.open(config)) {
            store.write(samples(0, 100));
            Await.until(PATIENCE, "the first 100 samples are written", () -> store.buffered() == 0);
            assertThat(rawCount(store)).isEqualTo(100);

            postgres.stop();
            try {
                for (int i = 0; i < 6; i++) {
                    store.write(samples(100 + i * 100, 100));
                }
                assertThat(store.dropped()).isZero();
            } finally {
                postgres.start();
            }
            Await.until(PATIENCE, "the buffered samples are written", () -> store.buffered() == 0);
            assertThat(rawCount(store)).isEqualTo(700);

            postgres.stop();
            try {
                store.write(samples(700, 1_500));
                assertThat(store.buffered()).isEqualTo(1_000);
                assertThat(store.dropped()).isEqualTo(500);
            } finally {
                postgres.start();
            }
            Await.until(PATIENCE, "the buffered samples are written", () -> store.buffered() == 0);
            assertThat(rawCount(store)).isEqualTo(1_700);
            Await.until(
                    PATIENCE,
                    "the drop count is stored",
                    () -> !droppedCounts(store).isEmpty());
            assertThat(droppedCounts(store)).containsExactly(500.0);
        }
    }

    private static List<Sample> samples(int first, int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            samples.add(Sample.of("outage.probe", Map.of("n", Integer.toString(i % 10)), T0.plusMillis(i), i));
        }
        return samples;
    }

    private static int rawCount(MetricStore store) {
        return store.query(new Query("outage.probe", Map.of(), T0, T0.plusSeconds(60), Resolution.RAW)).stream()
                .mapToInt(s -> s.points().size())
                .sum();
    }

    private static List<Double> droppedCounts(MetricStore store) {
        Instant now = Instant.now();
        return store
                .query(new Query(
                        MetricStore.DROPPED_SAMPLE,
                        Map.of(),
                        now.minusSeconds(600),
                        now.plusSeconds(60),
                        Resolution.RAW))
                .stream()
                .flatMap(s -> s.points().stream())
                .map(Point::last)
                .toList();
    }
}
