package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history store's {@link AlertHistory} ({@link MetricStore#alertHistory()}) passes the contract over SQLite and
 * PostgreSQL, survives a reopen, and lets an engine built on a reopened store take its open alerts up.
 */
@Timeout(120)
class StoredAlertHistoryTest {

    abstract static class OverStore extends AlertHistoryContract {
        MetricStore store;

        abstract StoreConfig config();

        @Override
        protected AlertHistory create() {
            store = MetricStore.open(config());
            return store.alertHistory();
        }

        @AfterEach
        void closeStore() {
            store.close();
        }

        @Test
        void transitionsAreWrittenAndReadBackAfterAReopen() {
            StoreConfig config = config();
            AlertTransition fired =
                    step("cpu", "a", AlertState.PENDING, AlertState.FIRING, Severity.CRITICAL, 60, 0.95);
            AlertTransition gone = step("mem", "b", AlertState.FIRING, AlertState.RESOLVED, Severity.WARNING, 61, null);
            try (MetricStore first = MetricStore.open(config)) {
                first.alertHistory().record(fired);
                first.alertHistory().record(gone);
            }
            try (MetricStore reader = MetricStore.openForReading(config)) {
                assertThat(reader.alertHistory().transitions(Instant.EPOCH, Instant.MAX, 10))
                        .containsExactly(fired, gone);
                assertThat(reader.alertHistory().open()).containsExactly(fired);
            }
        }

        @Test
        void anEngineOnAReopenedStoreTakesTheFiringAlertUpWithoutFiringAgain() {
            StoreConfig config = config();
            AlertRule rule =
                    AlertRule.of("cpu-high", "host.cpu.usage.ratio", null, 0.9).withFor(Duration.ofSeconds(30));
            Instant t0 = Instant.parse("2026-11-29T10:00:00Z");
            Map<String, String> labels = Map.of("host", "a");
            try (MetricStore first = MetricStore.open(config)) {
                AlertEngine engine = AlertEngine.builder()
                        .rule(rule)
                        .history(first.alertHistory())
                        .build();
                engine.evaluate(List.of(cpu(labels, t0, 0.95)), t0);
                Evaluation fired = engine.evaluate(List.of(cpu(labels, t0.plusSeconds(30), 0.96)), t0.plusSeconds(30));
                assertThat(fired.transitions()).extracting(AlertTransition::to).containsExactly(AlertState.FIRING);
            }
            try (MetricStore second = MetricStore.open(config)) {
                AlertEngine restarted = AlertEngine.builder()
                        .rule(rule)
                        .history(second.alertHistory())
                        .build();
                assertThat(restarted.active()).extracting(Alert::state).containsExactly(AlertState.FIRING);
                Evaluation still =
                        restarted.evaluate(List.of(cpu(labels, t0.plusSeconds(40), 0.97)), t0.plusSeconds(40));
                assertThat(still.transitions())
                        .as("no second FIRING after a restart")
                        .isEmpty();
                Evaluation resolved =
                        restarted.evaluate(List.of(cpu(labels, t0.plusSeconds(50), 0.1)), t0.plusSeconds(50));
                assertThat(resolved.transitions())
                        .extracting(AlertTransition::to)
                        .containsExactly(AlertState.RESOLVED);
                assertThat(second.alertHistory().open()).isEmpty();
            }
        }

        private static io.pacer.monitor.Sample cpu(Map<String, String> labels, Instant at, double v) {
            return io.pacer.monitor.Sample.of("host.cpu.usage.ratio", labels, at, v);
        }
    }

    @Nested
    class Sqlite extends OverStore {
        @TempDir
        Path dir;

        @Override
        StoreConfig config() {
            return StoreConfig.sqlite(dir);
        }
    }

    /** A fresh database on the shared server of one flavour, the same for every call within a test. */
    abstract static class OverPostgres extends OverStore {
        String database;

        abstract PostgresServer.Flavour flavour();

        @Override
        StoreConfig config() {
            PostgresServer server = PostgresServer.shared(flavour());
            if (database == null) {
                database = server.newDatabase();
            }
            return StoreConfig.postgres(database, server.user(), server.password());
        }
    }

    @Nested
    class PostgresNewest extends OverPostgres {
        @Override
        PostgresServer.Flavour flavour() {
            return PostgresServer.Flavour.EMBEDDED;
        }
    }

    @Nested
    class Postgres15 extends OverPostgres {
        @Override
        PostgresServer.Flavour flavour() {
            return PostgresServer.Flavour.DEBIAN_15;
        }
    }
}
