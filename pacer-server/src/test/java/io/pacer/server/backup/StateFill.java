package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.AlertTransition;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.server.TestResults;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fills a store with some of everything: samples of three series over four minutes and their closed rollups, alert
 * transitions, two runs (a run and a suite) and a baseline uploaded through the service, and settings.
 */
final class StateFill {

    private StateFill() {}

    static void fill(StoreConfig store, Path dataDir) throws SQLException {
        try (PacerServer server = PacerServer.start(new ServerConfig("127.0.0.1", 0, dataDir, store, true, null))) {
            TestClient client = new TestClient(server.uri());
            long run = TestClient.json(client.post("/api/runs?name=nightly", TestResults.runJson()))
                    .path("id")
                    .asLong();
            assertThat(client.post("/api/runs", TestResults.suiteJson("checkout"))
                            .statusCode())
                    .isEqualTo(201);
            assertThat(client.post("/api/baselines", "{\"name\": \"main\", \"run\": " + run + "}")
                            .statusCode())
                    .isEqualTo(201);
        }
        Instant start = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        try (MetricStore metrics = MetricStore.open(store)) {
            List<Sample> samples = new ArrayList<>();
            for (int second = 0; second < 240; second++) {
                Instant at = start.plusSeconds(second);
                samples.add(Sample.of("host.cpu.usage", Map.of("host", "a"), at, 10 + second % 7));
                samples.add(Sample.of("host.cpu.usage", Map.of("host", "b"), at, 20.5 + second % 3));
                samples.add(Sample.of("host.memory.used", Map.of(), at, 1e9 + second));
            }
            metrics.write(samples);
            metrics.flush();
            metrics.maintain(start.plus(Duration.ofMinutes(30)));
            SeriesKey cpu = new SeriesKey("host.cpu.usage", Map.of("host", "a"));
            metrics.alertHistory()
                    .record(new AlertTransition(
                            "cpu-high",
                            cpu,
                            AlertState.INACTIVE,
                            AlertState.PENDING,
                            Severity.WARNING,
                            91.0,
                            90,
                            start.plusSeconds(10),
                            start.plusSeconds(10),
                            null,
                            "cpu 91 % > 90 %"));
            metrics.alertHistory()
                    .record(new AlertTransition(
                            "cpu-high",
                            cpu,
                            AlertState.PENDING,
                            AlertState.FIRING,
                            Severity.CRITICAL,
                            97.5,
                            95,
                            start.plusSeconds(70),
                            start.plusSeconds(10),
                            "scale out",
                            "cpu 97.5 % > 95 %"));
        }
        try (Connection c = Tables.connect(store);
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO pacer_setting (name, value, updated_ts) VALUES (?, ?, ?)")) {
            s.setString(1, "retention.days");
            s.setString(2, "14");
            s.setLong(3, start.toEpochMilli());
            s.executeUpdate();
            s.setString(1, "theme");
            s.setString(2, "\"dark ☾\"");
            s.setLong(3, start.toEpochMilli() + 1);
            s.executeUpdate();
        }
    }
}
