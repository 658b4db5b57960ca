package io.pacer.server.analysis;

import static io.pacer.server.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.server.OptimizationConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.testing.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis routes on a real service collecting this machine: seed 002's request flags and result field names as
 * written, the read routes sharing the latest analysis, the trend report, and strict validation of every input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisRoutesTest {

    /** Seed 002's result fields, as its example writes them. */
    static final List<String> SEED_FIELDS = List.of(
            "timestamp",
            "performance_score",
            "analysis_duration_seconds",
            "system_metrics",
            "integration_metrics",
            "database_metrics",
            "optimization_recommendations",
            "critical_issues",
            "automated_actions");

    @TempDir
    static Path dir;

    private PacerServer server;
    private TestClient client;

    @BeforeAll
    void start() {
        server = PacerServer.start(ServerConfig.forTests(dir)
                .withInterval(Duration.ofMillis(500))
                .withOptimization(OptimizationConfig.DEFAULTS.withAnalysisMaxAge(Duration.ofMinutes(10))));
        client = new TestClient(server.uri());
        Await.until(Duration.ofSeconds(30), "a few host collections", () -> {
            JsonNode body = json(client.get("/api/performance/metrics?hours=1&name=host.cpu.usage.ratio"));
            return body.path("series").size() > 0
                    && body.path("series").get(0).path("points").size() >= 3;
        });
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAnalysisKeepsSeed002sFieldNamesAndAddsEvidence() {
        HttpResponse<String> r = client.post(
                "/api/performance/analyze",
                "{\"include_system_metrics\":true,\"include_integration_metrics\":true,"
                        + "\"include_database_metrics\":true}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode analysis = json(r);
        for (String field : SEED_FIELDS) {
            assertThat(analysis.has(field)).as(field + " in " + r.body()).isTrue();
        }
        assertThat(analysis.path("performance_score").asDouble()).isBetween(0.0, 100.0);
        assertThat(analysis.path("window_seconds").asLong()).isEqualTo(900);
        assertThat(analysis.path("bottlenecks").isArray()).isTrue();
        for (JsonNode finding : analysis.path("bottlenecks")) {
            assertThat(finding.path("evidence").size()).as(finding.toString()).isPositive();
        }
    }

    @Test
    void aQuickAnalysisLooksBackAtMostFiveMinutesAndAnEmptyBodyIsAFullOne() {
        JsonNode quick = json(client.post("/api/performance/analyze", "{\"quick_analysis\":true,\"window\":\"1h\"}"));
        assertThat(quick.path("window_seconds").asLong()).isEqualTo(300);
        JsonNode shorter = json(client.post("/api/performance/analyze", "{\"window\":60}"));
        assertThat(shorter.path("window_seconds").asLong()).isEqualTo(60);
        HttpResponse<String> empty = client.post("/api/performance/analyze", "");
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
        assertThat(json(empty).path("window_seconds").asLong()).isEqualTo(900);
    }

    @Test
    void bottlenecksAndRecommendationsShareTheLatestAnalysis() {
        JsonNode recommendations = json(client.get("/api/performance/recommendations"));
        JsonNode bottlenecks = json(client.get("/api/performance/bottlenecks"));

        assertThat(recommendations.path("recommendations").isArray()).isTrue();
        assertThat(bottlenecks.path("bottlenecks").isArray()).isTrue();
        assertThat(bottlenecks.path("timestamp").asText())
                .as("one analysis serves both while it is fresh")
                .isEqualTo(recommendations.path("timestamp").asText());
    }

    @Test
    void theTrendReportHasSeed002sShape() {
        HttpResponse<String> r = client.get("/api/performance/trends?days=1&horizon_hours=2");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode report = json(r);
        assertThat(report.path("period_days").asDouble()).isEqualTo(1.0);
        assertThat(report.path("trends").isObject()).isTrue();
        assertThat(report.path("significant_changes").isArray()).isTrue();
        assertThat(report.path("forecasts").isArray()).isTrue();
    }

    @Test
    void wrongInputIsA400NamingIt() {
        record Case(String path, String body, String field, String says) {}
        List<Case> cases = List.of(
                new Case("/api/performance/analyze", "{\"quick\":true}", "quick", "quick_analysis"),
                new Case("/api/performance/analyze", "{\"window\":5}", "window", "10"),
                new Case("/api/performance/analyze", "{\"window\":\"soon\"}", "window", "duration"),
                new Case("/api/performance/analyze", "{\"quick_analysis\":\"yes\"}", "quick_analysis", "true or false"),
                new Case("/api/performance/analyze", "[1]", "body", "JSON object"),
                new Case("/api/performance/trends?days=0", null, "days", "0.01"),
                new Case("/api/performance/trends?hours=1", null, "hours", "known"),
                new Case("/api/performance/bottlenecks?x=1", null, "x", "no parameters"));
        for (Case c : cases) {
            HttpResponse<String> r = c.body() == null ? client.get(c.path()) : client.post(c.path(), c.body());
            assertThat(r.statusCode())
                    .as(c.path() + " " + c.body() + ": " + r.body())
                    .isEqualTo(400);
            JsonNode error = json(r).path("errors").get(0);
            assertThat(error.path("field").asText()).as(r.body()).isEqualTo(c.field());
            assertThat(error.path("message").asText()).as(r.body()).contains(c.says());
        }
    }
}
