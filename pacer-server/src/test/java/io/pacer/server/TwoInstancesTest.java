package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.Direction;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.monitor.Monitoring;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

    /** Always breached: every JVM has a live thread. Both instances collect it; only the leader evaluates. */
    private static final AlertRule RULE = new AlertRule(
            "threads-alive",
            "jvm.threads.live",
            Map.of(),
            null,
            0.0,
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
        try {
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

            Await.until(Duration.ofSeconds(20), "the leader fires", () -> firing(store) >= 1);
            Instant fired = first.parts().monitoring().lastEvaluation();
            Await.until(
                    Duration.ofSeconds(20),
                    "the leader evaluates again",
                    () -> first.parts().monitoring().lastEvaluation().isAfter(fired.plusSeconds(1)));
            assertThat(firing(store)).as("fired once, by the leader only").isEqualTo(1);
            Await.until(
                    Duration.ofSeconds(10),
                    "the follower shows the alert the leader fired",
                    () -> TestClient.json(b.get("/api/alerts"))
                            .path("alerts")
                            .findValuesAsText("rule")
                            .contains("threads-alive"));

            first.close();
            Instant stopped = Instant.now();
            Await.until(
                    Duration.ofSeconds(10),
                    "the other instance leads",
                    () -> second.parts().leadership().isLeader());
            System.out.println(
                    "takeover after " + Duration.between(stopped, Instant.now()).toMillis() + " ms");
            Await.until(
                    Duration.ofSeconds(20),
                    "the new leader has the alert open",
                    () -> Monitoring.alerts(second.parts().monitoring().view()).stream()
                            .anyMatch(a1 -> a1.toString().contains("threads-alive")));
            assertThat(firing(store))
                    .as("the new leader takes the open alert up from the history, without firing it again")
                    .isEqualTo(1);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aSharedTargetIsStoredOnceAndEachInstanceStoresItsOwnMachine(PostgresServer postgres) throws Exception {
        StoreConfig store = StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
        PacerServer first = start(store, "a");
        PacerServer second = start(store, "b");
        try {
            String url = first.uri() + "/health";
            String collector = "health:" + url;
            assertThat(new TestClient(second.uri())
                            .post("/api/targets", "{\"kind\": \"health\", \"target\": \"" + url + "\"}")
                            .statusCode())
                    .isEqualTo(201);
            Await.until(
                    Duration.ofSeconds(30),
                    "both instances collect the target added on the follower",
                    () -> Stream.of(first, second)
                            .allMatch(s -> s.parts().monitoring().collectors().stream()
                                    .anyMatch(c -> c.name().equals(collector) && c.lastSuccess() != null)));
            Instant from = Instant.now();
            Await.until(
                    Duration.ofSeconds(20),
                    "ten collections of the leader's own machine stored",
                    () -> points(first, "host", "a", from, Instant.now()) >= 10);
            Instant to = Instant.now();
            first.parts().store().flush();
            second.parts().store().flush();

            long leader = points(first, "host", "a", from, to);
            long follower = points(first, "host", "b", from, to);
            long shared = points(first, collector, null, from, to);
            System.out.printf(
                    "stored in %s: own host a %d, own host b %d, shared target %d%n",
                    Duration.between(from, to), leader, follower, shared);
            assertThat(follower).as("the follower stores its own machine").isGreaterThanOrEqualTo(leader - 3);
            assertThat(shared)
                    .as("both collect the shared target at the same interval; only the leader stores it")
                    .isBetween(leader - 3, leader + 3);
            JsonNode cpu = TestClient.json(new TestClient(second.uri())
                    .get("/api/performance/metrics?hours=1&resolution=raw&name=host.cpu.usage.ratio"));
            assertThat(cpu.path("series").findValuesAsText("instance"))
                    .as("one series of the machine per instance")
                    .containsExactlyInAnyOrder("a", "b");
            JsonNode evaluator = TestClient.json(new TestClient(second.uri()).get("/health"))
                    .path("components")
                    .path("alertEvaluator")
                    .path("facts");
            assertThat(evaluator.path("instance").asText()).isEqualTo("b");
            assertThat(evaluator.path("sharedStore").asBoolean()).isTrue();
        } finally {
            first.close();
            second.close();
        }
    }

    /** The raw points of {@code collector.up} for {@code collector} (of {@code instance}, if given) stored in time. */
    private static long points(PacerServer server, String collector, String instance, Instant from, Instant to) {
        Map<String, String> labels = instance == null
                ? Map.of("collector", collector)
                : Map.of("collector", collector, "instance", instance);
        return server
                .parts()
                .store()
                .query(Query.of("collector.up", from, to).withLabels(labels).at(Resolution.RAW))
                .stream()
                .mapToLong(s -> s.points().size())
                .sum();
    }

    private PacerServer start(StoreConfig store, String name) {
        return PacerServer.start(new ServerConfig("127.0.0.1", 0, dir.resolve(name), store, true, null)
                .withInterval(Duration.ofMillis(300))
                .withRules(List.of(RULE))
                .withInstance(name));
    }

    /** Transitions to FIRING recorded for the rule. */
    private static long firing(StoreConfig store) throws Exception {
        try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM pacer_alert_transition"
                        + " WHERE rule = 'threads-alive' AND to_state = 'FIRING'")) {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
