package io.pacer.monitor.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertEngine;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.AlertTransition;
import io.pacer.monitor.alert.Direction;
import io.pacer.monitor.health.HealthScore;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveMonitorTest {

    /** A target that answers once an hour: after the first collection no sample arrives during the test. */
    private static final class OncePerHour implements Collector {
        @Override
        public String name() {
            return "app";
        }

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public List<Sample> collect(Instant now) {
            return List.of(Sample.of("app.ready", Map.of("target", "app"), now, 0));
        }
    }

    /**
     * The engine's own tick is respected: the one sample breaches, and the alert fires {@code for} later although no
     * further sample arrives. Samples, derived ones included, and the transitions reach the store.
     */
    @Test
    void aPendingAlertFiresOnTheEnginesTickWithoutNewSamples(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        AlertRule rule = AlertRule.of("app-not-ready", "app.ready", null, 0.5)
                .withDirection(Direction.BELOW)
                .withFor(Duration.ofMillis(300));
        List<MonitorView> refreshes = new ArrayList<>();
        MonitorView last;
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir))) {
            AlertEngine engine = AlertEngine.builder()
                    .rule(rule)
                    .history(store.alertHistory())
                    .build();
            try (LiveMonitor monitor = LiveMonitor.start(
                    List.of(new OncePerHour()),
                    store,
                    engine,
                    HealthScore.ofDefaults(),
                    Duration.ofSeconds(5),
                    clock)) {
                last = monitor.run(clock.instant().plusMillis(1500), Duration.ofMillis(250), refreshes::add);
            }
            assertThat(last.collectors())
                    .singleElement()
                    .satisfies(c -> assertThat(c.collections()).isEqualTo(1));
            assertThat(last.alerts()).extracting(Alert::state).containsExactly(AlertState.FIRING);
            assertThat(last.transitions()).isEqualTo(2);
            assertThat(last.health().score()).isLessThan(100);
            assertThat(refreshes).hasSizeGreaterThanOrEqualTo(3);
            assertThat(refreshes).allSatisfy(v -> assertThat(v.latest()).isNotEmpty());
            assertThat(store.alertHistory().transitions(Instant.EPOCH, Instant.MAX, 10))
                    .extracting(AlertTransition::to)
                    .containsExactly(AlertState.PENDING, AlertState.FIRING);
            store.flush();
            assertThat(store.names()).contains("app.ready", "collector.up");
        }
    }

    /** A series that stopped arriving (a removed target) leaves the view once the engine would call it stale. */
    @Test
    void aSeriesSilentLongerThanTheStaleWindowLeavesTheView(@TempDir Path dir) throws Exception {
        Clock clock = Clock.systemUTC();
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir));
                LiveMonitor monitor = LiveMonitor.start(
                        List.of(new OncePerHour()),
                        store,
                        AlertEngine.builder().build(),
                        HealthScore.ofDefaults(),
                        Duration.ofSeconds(5),
                        clock)) {
            Await.until(
                    Duration.ofSeconds(10),
                    "the one collection",
                    () -> !monitor.view(clock.instant()).latest().isEmpty());
            Instant seen = clock.instant();
            Duration stale = AlertEngine.Builder.DEFAULT_STALE_AFTER;

            assertThat(monitor.view(seen.plus(stale).minusSeconds(10)).latest())
                    .extracting(Sample::name)
                    .contains("app.ready");
            assertThat(monitor.view(seen.plus(stale).plusSeconds(10)).latest())
                    .extracting(Sample::name)
                    .doesNotContain("app.ready");
        }
    }
}
