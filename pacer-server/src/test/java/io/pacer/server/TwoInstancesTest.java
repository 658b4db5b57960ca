package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.Direction;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL: both serve the same state; one holds the advisory lock and evaluates, so an alert
 * fires once; when it stops, the other takes over within seconds and fires the next alert, again once.
 */
@ExtendWith(PostgresExtension.class)
@Timeout(120)
class TwoInstancesTest {

    private static final AlertRule RULE = new AlertRule(
            "load-high",
            "test.load",
            Map.of(),
            null,
            50.0,
            Direction.ABOVE,
            Duration.ZERO,
            null,
            null,
            null,
            null,
            null);

    @TempDir
    Path dir;

    @Test
    void bothServeOneStateAlertsFireOnceAndTheOtherTakesOverWhenTheLeaderStops(PostgresServer postgres)
            throws Exception {
        StoreConfig store = StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
        PacerServer first = start(store, "a");
        PacerServer second = start(store, "b");
        try (MetricStore writer = MetricStore.open(store)) {
            assertThat(first.parts().leadership().isLeader()).isTrue();
            assertThat(second.parts().leadership().isLeader()).isFalse();
            assertThat(second.parts().leadership().describe()).contains("another instance holds the lock");

            TestClient a = new TestClient(first.uri());
            TestClient b = new TestClient(second.uri());
            long run = TestClient.json(a.post("/api/runs?name=shared", TestResults.runJson()))
                    .path("id")
                    .asLong();
            assertThat(TestClient.json(b.get("/api/runs/" + run)).path("name").asText())
                    .isEqualTo("shared");

            breach(writer, "x");
            Await.until(Duration.ofSeconds(20), "the leader fires", () -> firing(store, "x") >= 1);
            long evaluated = first.evaluator().evaluations();
            Await.until(
                    Duration.ofSeconds(20),
                    "the leader evaluates three more times",
                    () -> first.evaluator().evaluations() >= evaluated + 3);
            assertThat(firing(store, "x")).isEqualTo(1);
            assertThat(second.evaluator().evaluations()).isZero();

            first.close();
            Instant stopped = Instant.now();
            Await.until(
                    Duration.ofSeconds(10),
                    "the other instance leads",
                    () -> second.parts().leadership().isLeader());
            System.out.println(
                    "takeover after " + Duration.between(stopped, Instant.now()).toMillis() + " ms");
            breach(writer, "y");
            Await.until(Duration.ofSeconds(20), "the new leader fires", () -> firing(store, "y") >= 1);
            long after = second.evaluator().evaluations();
            Await.until(
                    Duration.ofSeconds(20),
                    "the new leader evaluates three more times",
                    () -> second.evaluator().evaluations() >= after + 3);
            assertThat(firing(store, "x")).isEqualTo(1);
            assertThat(firing(store, "y")).isEqualTo(1);
        } finally {
            first.close();
            second.close();
        }
    }

    private PacerServer start(StoreConfig store, String name) {
        return PacerServer.start(
                new ServerConfig("127.0.0.1", 0, dir.resolve(name), store, true, null),
                Clock.systemUTC(),
                List.of(RULE));
    }

    /** Samples above the threshold for the series {@code host}, written now and flushed. */
    private static void breach(MetricStore writer, String host) {
        Instant now = Instant.now();
        writer.write(List.of(
                Sample.of("test.load", Map.of("host", host), now.minusMillis(500), 80),
                Sample.of("test.load", Map.of("host", host), now, 90)));
        writer.flush();
    }

    /** Transitions to FIRING recorded for the series {@code host}. */
    private static long firing(StoreConfig store, String host) throws Exception {
        try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pacer_alert_transition"
                        + " WHERE rule = 'load-high' AND to_state = 'FIRING' AND series_labels LIKE ?")) {
            s.setString(1, "%\"" + host + "\"%");
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
