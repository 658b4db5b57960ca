package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.monitor.Sample;
import io.pacer.server.routes.MetricsRoutes;
import io.pacer.testing.Await;
import io.pacer.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The core routes over a real server: SQLite in a temp dir, the real host and JVM collectors, port 0. */
@Timeout(120)
class ServerApiTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    static ServerConfig fast(Path dir) {
        return ServerConfig.forTests(dir).withInterval(Duration.ofMillis(300));
    }

    @Test
    void healthIsUpWithEachComponentsReasonOnceCollectorsHaveRun(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(fast(dir))) {
            Http http = new Http(server.uri());
            Await.until(WAIT, "a collection and an evaluation", () -> {
                JsonNode c = http.get("/health").json().path("components");
                return !c.path("collectors").path("facts").path("lastSuccess").isNull()
                        && !c.path("alertEvaluator")
                                .path("facts")
                                .path("lastEvaluation")
                                .isNull();
            });
            Http.Answer health = http.get("/health");

            assertThat(health.status()).as(health.body()).isEqualTo(200);
            JsonNode body = health.json();
            assertThat(body.path("status").asText()).isEqualTo("up");
            assertThat(body.path("components").path("store").path("detail").asText())
                    .startsWith("writable; ")
                    .contains("samples buffered");
            assertThat(body.path("components").path("collectors").path("detail").asText())
                    .contains("2 of 2 collectors up");
            assertThat(body.path("components")
                            .path("alertEvaluator")
                            .path("status")
                            .asText())
                    .isEqualTo("up");
        }
    }

    @Test
    void healthIs503NamingTheStoreWhenTheStateDatabaseRefusesAWrite(@TempDir Path dir) throws Exception {
        try (PacerServer server = PacerServer.start(fast(dir))) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("metrics.db"));
                    Statement s = c.createStatement()) {
                s.execute("DROP TABLE pacer_setting"); // the fault: every write to it now fails
            }
            Http.Answer health = new Http(server.uri()).get("/health");

            assertThat(health.status()).isEqualTo(503);
            JsonNode store = health.json().path("components").path("store");
            assertThat(store.path("status").asText()).isEqualTo("down");
            assertThat(store.path("detail").asText())
                    .startsWith("the state database refused a write: ")
                    .contains("pacer_setting");
            assertThat(health.json().path("status").asText()).isEqualTo("down");
        }
    }

    @Test
    void metricsDescribeEveryMeterAndPassPromtool(@TempDir Path dir) throws Exception {
        try (PacerServer server = PacerServer.start(fast(dir))) {
            Http http = new Http(server.uri());
            http.get("/health");
            http.get("/no/such/path");
            Await.until(
                    WAIT,
                    "a collection timed",
                    () -> http.get("/metrics")
                            .body()
                            .contains("pacer_collector_duration_seconds_count{collector=\"jvm\""));
            Http.Answer metrics = http.get("/metrics");
            Path file = Files.writeString(dir.resolve("metrics.prom"), metrics.body());

            assertThat(metrics.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            Promtool.Result check = Promtool.checkMetrics(file);
            assertThat(check.exitCode()).as(check.output()).isZero();
            assertThat(metrics.body())
                    .contains("pacer_server_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"}")
                    .contains("route=\"unmatched\",status=\"404\"")
                    .contains("# HELP pacer_store_buffered_samples ")
                    .contains("# HELP pacer_store_dropped_samples_total ")
                    .contains("# HELP pacer_server_events_clients ")
                    .contains("pacer_server_events_published_total{type=\"sample\"}")
                    .doesNotContain("/no/such/path");
        }
    }

    @Test
    void historyIsFilteredByNameAndLabelsAtTheResolutionChosenForTheRange(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(fast(dir))) {
            Http http = new Http(server.uri());
            Await.until(
                    WAIT,
                    "collector.up of the jvm collector stored",
                    () -> http.get("/api/performance/metrics?hours=1&name=collector.up&label.collector=jvm")
                                    .json()
                                    .path("points")
                                    .asInt()
                            >= 2);
            JsonNode lastHour = http.get("/api/performance/metrics?hours=1&name=collector.up&label.collector=jvm")
                    .json();

            assertThat(lastHour.path("resolution").asText()).isEqualTo("raw");
            assertThat(lastHour.path("series")).hasSize(1);
            JsonNode series = lastHour.path("series").get(0);
            assertThat(series.path("labels").path("collector").asText()).isEqualTo("jvm");
            assertThat(series.path("points").get(0).path("last").asDouble()).isEqualTo(1.0);
            assertThat(http.get("/api/performance/metrics?name=collector.up")
                            .json()
                            .path("resolution")
                            .asText())
                    .as("24 h, seed 002's default range")
                    .isEqualTo("1m");
            List<String> names = new ArrayList<>();
            http.get("/api/performance/metrics?hours=1")
                    .json()
                    .path("series")
                    .forEach(s -> names.add(s.path("name").asText()));
            assertThat(names).contains("collector.up", "jvm.threads.live");
        }
    }

    @Test
    void theExportIsPacerMetricsExportsInEachFormat(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(fast(dir))) {
            Http http = new Http(server.uri());
            Await.until(
                    WAIT,
                    "samples stored",
                    () -> http.get("/api/performance/export?hours=1&format=csv")
                            .body()
                            .contains("collector.up,"));

            Http.Answer csv = http.get("/api/performance/export?hours=1&format=csv");
            Http.Answer prometheus = http.get("/api/performance/export?hours=1&format=prometheus&resolution=raw");
            Http.Answer json = http.get("/api/performance/export?hours=1");
            Http.Answer bad = http.get("/api/performance/export?format=xml");

            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            assertThat(csv.body()).startsWith("name,labels,resolution,timestamp,");
            assertThat(prometheus.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(prometheus.body()).contains("collector_up{collector=\"jvm\"} 1");
            assertThat(json.json().path("format").asText()).isEqualTo("pacer.metrics-export/1");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("format");
        }
    }

    @Test
    void everyWrongQueryParameterIsNamedInOneProblem(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            Http.Answer bad = new Http(server.uri())
                    .get("/api/performance/metrics?hours=abc&hour=1&name=Not-A-Name&resolution=2m");

            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Content-Type")).startsWith("application/problem+json");
            List<String> fields = new ArrayList<>();
            bad.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            assertThat(fields).containsExactlyInAnyOrder("hour", "hours", "name", "resolution");
            assertThat(bad.body())
                    .contains("unknown parameter; known: ")
                    .contains("must be a number from 0.001 to 17520, but was 'abc'")
                    .contains("one of raw, 1m, 5m, 15m, 1h, 1d");
            assertThat(new Http(server.uri())
                            .get("/api/performance/metrics?hours=0")
                            .json()
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asText())
                    .isEqualTo("hours");
            Http.Answer tiny = new Http(server.uri()).get("/api/performance/metrics?hours=1e-10");
            assertThat(tiny.status()).as("a range that rounds to nothing").isEqualTo(400);
            assertThat(tiny.body()).contains("must be a number from 0.001 to 17520");
            Http.Answer none = new Http(server.uri()).get("/api/lag?x=1");
            assertThat(none.status()).as("a route that takes no parameter").isEqualTo(400);
            assertThat(none.body()).contains("unknown parameter; this route takes no parameters");
        }
    }

    @Test
    void anAnswerOfMoreThanTheMostPointsIsRefusedWithWhatToAskForInstead(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            Instant now = Instant.now();
            int series = 30;
            int each = MetricsRoutes.MAX_POINTS / series + 100;
            for (int s = 0; s < series; s++) {
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    samples.add(Sample.of("many.points", Map.of("s", "" + s), now.minusMillis(i * 100L), i));
                }
                server.parts().store().write(samples);
            }
            server.parts().store().flush();

            Http.Answer answer =
                    new Http(server.uri()).get("/api/performance/metrics?hours=1&resolution=raw&name=many.points");

            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.json().path("errors").get(0).path("field").asText())
                    .isEqualTo("resolution");
            assertThat(answer.body()).contains("more than " + MetricsRoutes.MAX_POINTS + " points at raw");
            assertThat(new Http(server.uri())
                            .get("/api/performance/metrics?hours=1&resolution=raw&name=many.points&label.s=1")
                            .status())
                    .as("one series of them is fine")
                    .isEqualTo(200);
        }
    }
}
