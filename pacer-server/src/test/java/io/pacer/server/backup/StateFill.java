package io.pacer.server.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.ActionStatus;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.AlertTransition;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.server.TestResults;
import io.pacer.server.state.JdbcActionLog;
import io.pacer.server.state.ServerDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * transitions, two runs (a run and a suite) and a baseline uploaded through the service, users with API keys and a
 * session (whose rows refer to their user by foreign key) and the audit of all that, settings, and an action.
 */
final class StateFill {

    /** The first admin's key: the fill goes through the service with authentication on, as a real one does. */
    static final String ADMIN_KEY = "pacer_" + "F".repeat(20) + "i".repeat(23);

    private StateFill() {}

    static void fill(StoreConfig store, Path dataDir) throws SQLException {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dataDir, store, false, null)
                .withSecurity(SecurityConfig.DEFAULTS.withAdminKey(ADMIN_KEY));
        try (PacerServer server = PacerServer.start(config)) {
            Http http = new Http(server.uri());
            long run = TestClient.json(http.send("POST", "/api/runs?name=nightly", ADMIN_KEY, TestResults.runJson()))
                    .path("id")
                    .asLong();
            http.expect(201, "POST", "/api/runs", ADMIN_KEY, TestResults.suiteJson("checkout"));
            http.expect(201, "POST", "/api/baselines", ADMIN_KEY, "{\"name\": \"main\", \"run\": " + run + "}");
            // Users with keys and a dashboard session: rows whose foreign keys refer to pacer_user.
            http.expect(201, "POST", "/api/users", ADMIN_KEY, """
                    {"name": "ops", "role": "operator", "password": "a long operator password"}""");
            http.expect(201, "POST", "/api/keys", ADMIN_KEY, """
                    {"user": "ops", "name": "ci", "role": "viewer", "expiresInDays": 30}""");
            http.expect(201, "POST", "/api/users", ADMIN_KEY, """
                    {"name": "viewer.one", "role": "viewer"}""");
            http.expect(200, "POST", "/api/session", null, """
                    {"user": "ops", "password": "a long operator password"}""");
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
        try (ServerDatabase database = ServerDatabase.open(store)) {
            ActionRequest request = new ActionRequest(
                    "redis.config", "127.0.0.1:6379", Map.of("parameter", "maxmemory", "value", "2097152"));
            List<Change> changes = List.of(new Change("redis 127.0.0.1:6379: maxmemory", "1048576", "2097152"));
            Plan plan =
                    new Plan(Plan.idOf(request, changes), request, "CONFIG SET maxmemory", changes, true, null, start);
            new JdbcActionLog(database)
                    .save(new ActionRecord(
                            "act-1",
                            plan,
                            "ops",
                            ActionStatus.KEPT,
                            start,
                            start,
                            start,
                            "inconclusive",
                            "not verified",
                            null,
                            null,
                            null,
                            null));
        }
    }

    /** Plain HTTP with an API key, expecting a status. */
    private record Http(java.net.URI base) {

        HttpResponse<String> expect(int status, String method, String path, String key, String body) {
            HttpResponse<String> answer = send(method, path, key, body);
            assertThat(answer.statusCode())
                    .as(method + " " + path + ": " + answer.body())
                    .isEqualTo(status);
            return answer;
        }

        HttpResponse<String> send(String method, String path, String key, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            try {
                return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
