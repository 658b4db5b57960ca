package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.monitor.Sample;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.http.StoreOutage;
import io.pacer.testing.Await;
import io.pacer.testing.PostgresServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped and started again under load: while it is down reads answer 503 problems and samples keep
 * arriving; once it is back everything recovers by itself — reads, the leadership, and every buffered sample written.
 * A PostgreSQL server of the test's own, so stopping it disturbs no other test.
 */
@Timeout(180)
class PostgresOutageTest {

    @TempDir
    Path dir;

    @Test
    void readsAnswer503WhileTheDatabaseIsDownAndEverythingRecoversWithNoSampleLost() throws Exception {
        try (PostgresServer postgres = PostgresServer.startNew(PostgresServer.Flavour.EMBEDDED)) {
            StoreConfig store = StoreConfig.postgres(postgres.jdbcUrl(), postgres.user(), postgres.password())
                    .withFlushInterval(Duration.ofMillis(200));
            AtomicBoolean collecting = new AtomicBoolean(true);
            AtomicInteger written = new AtomicInteger();
            try (PacerServer server = PacerServer.start(
                    new ServerConfig("127.0.0.1", 0, dir, store, true, null).withInterval(Duration.ofMillis(250)))) {
                TestClient client = new TestClient(server.uri());
                assertThat(client.post("/api/runs", TestResults.runJson()).statusCode())
                        .isEqualTo(201);
                // a shared target, whose samples only the leader stores: the leader keeps them through the outage
                String shared = "health:" + server.uri() + "/health";
                assertThat(client.post(
                                        "/api/targets",
                                        "{\"kind\": \"health\", \"target\": \"" + server.uri() + "/health\"}")
                                .statusCode())
                        .isEqualTo(201);
                Thread collector = new Thread(
                        () -> {
                            // a collector: one sample every 20 ms, whatever the database does
                            while (collecting.get()) {
                                int n = written.incrementAndGet();
                                server.parts()
                                        .store()
                                        .write(List.of(Sample.of("outage.probe", Map.of(), Instant.now(), n)));
                                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
                            }
                        },
                        "test-collector");
                collector.start();
                Instant stopped;
                Instant restarted;
                try {
                    Await.until(Duration.ofSeconds(10), "samples are written", () -> probes(postgres) > 10);

                    postgres.stop();
                    stopped = Instant.now();
                    int atStop = written.get();
                    HttpResponse<String> down = client.get("/api/runs");
                    assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
                    assertThat(down.headers().firstValue("Content-Type"))
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    assertThat(down.headers().firstValue("Retry-After"))
                            .hasValue(Long.toString(StoreOutage.RETRY_AFTER_SECONDS));
                    JsonNode problem = TestClient.json(down);
                    assertThat(problem.path("type").asText()).endsWith("/unavailable");
                    assertThat(problem.path("detail").asText()).contains("cannot be reached");
                    assertThat(client.get("/api/baselines").statusCode()).isEqualTo(503);
                    Await.until(
                            Duration.ofSeconds(20),
                            "samples arrive while the database is down",
                            () -> written.get() > atStop + 50);
                    Await.until(
                            Duration.ofSeconds(20),
                            "the leader notices",
                            () -> !server.parts().leadership().isLeader());
                    assertThat(server.parts().store().buffered()).isPositive();
                    Await.until(
                            Duration.ofSeconds(30),
                            "the outage lasts five seconds of the probe's writing (≥ 10 shared collections without a"
                                    + " leader)",
                            () -> written.get() > atStop + 250 && Instant.now().isAfter(stopped.plusSeconds(5)));

                    restarted = Instant.now();
                    postgres.start();
                    Await.until(
                            Duration.ofSeconds(30),
                            "reads recover",
                            () -> client.get("/api/runs").statusCode() == 200);
                    Await.until(
                            Duration.ofSeconds(30),
                            "leadership recovers",
                            () -> server.parts().leadership().isLeader());
                } finally {
                    collecting.set(false);
                    collector.join();
                }
                int total = written.get();
                Await.until(
                        Duration.ofSeconds(30), "every buffered sample is written", () -> probes(postgres) == total);
                assertThat(server.parts().store().dropped()).isZero();
                Instant from = stopped.plusSeconds(2);
                assertThat(Duration.between(from, restarted)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                Await.until(
                        Duration.ofSeconds(30),
                        "the shared target's samples of the outage, after leadership was lost, are stored",
                        () -> server
                                        .parts()
                                        .store()
                                        .query(Query.of("collector.up", from, restarted)
                                                .withLabels(Map.of("collector", shared))
                                                .at(Resolution.RAW))
                                        .stream()
                                        .mapToLong(x -> x.points().size())
                                        .sum()
                                >= Duration.between(from, restarted).toMillis() / 250 / 2);
            }
        }
    }

    private static long probes(PostgresServer postgres) {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM pacer_sample s JOIN pacer_series n"
                        + " ON n.id = s.series_id WHERE n.name = 'outage.probe'")) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }
}
