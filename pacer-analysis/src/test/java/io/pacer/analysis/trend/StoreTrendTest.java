package io.pacer.analysis.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.analysis.History;
import io.pacer.analysis.Synthetic;
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
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trends over a real SQLite store, with the names and labels the JVM collector writes: six hours of 10-second samples
 * come back as 1-minute rollups, and a restart is still found from the uptime's buckets.
 */
class StoreTrendTest {

    private static final Map<String, String> APP = Map.of("target", "service:9010");

    @Test
    void aRestartInRolledUpHistoryIsNamedAsTheCauseOfTheHeapsDrop(@TempDir Path dir) {
        Duration window = Duration.ofHours(6);
        Instant start = Synthetic.NOW.minus(window);
        Instant restart = start.plus(Duration.ofMinutes(200));
        Random noise = new Random(51);
        List<Sample> samples = new ArrayList<>();
        for (Instant t = start; t.isBefore(Synthetic.NOW); t = t.plusSeconds(10)) {
            boolean after = !t.isBefore(restart);
            double heap = (after ? 150e6 : 600e6) * (1 + 0.1 * noise.nextGaussian());
            double uptime = Duration.between(after ? restart : start.minus(Duration.ofHours(3)), t)
                    .toSeconds();
            samples.add(Sample.of("jvm.memory.heap.used.bytes", APP, t, heap));
            samples.add(Sample.of("jvm.uptime.seconds", APP, t, uptime));
        }
        try (MetricStore store =
                MetricStore.open(StoreConfig.sqlite(dir), Clock.fixed(Synthetic.NOW, ZoneOffset.UTC))) {
            store.write(samples);
            store.flush();
            store.maintain(Synthetic.NOW);

            TrendReport report = TrendAnalysis.standard()
                    .report(History.of(store, start, Synthetic.NOW), List.of(), Duration.ofHours(1));

            assertThat(report.significantChanges()).singleElement().satisfies(c -> {
                assertThat(c.metric()).isEqualTo("heap_usage");
                assertThat(c.series()).isEqualTo("jvm.memory.heap.used.bytes{target=service:9010}");
                assertThat(Duration.between(restart, c.at()).abs()).isLessThanOrEqualTo(Duration.ofMinutes(3));
                assertThat(c.changePercent()).isCloseTo(-75, within(5.0));
                assertThat(c.changeType()).isEqualTo("improvement");
                assertThat(c.possibleCauses())
                        .singleElement()
                        .asString()
                        .startsWith("restart of target=service:9010 at " + restart);
            });
            Forecast forecast = report.forecasts().get(0);
            // one-minute rollups: an hour ahead is sixty steps
            assertThat(forecast.horizonSeconds()).isEqualTo(3_600);
            assertThat(forecast.points()).hasSize(60);
            assertThat(forecast.points().get(59).value()).isCloseTo(150e6, within(30e6));
        }
    }
}
