package io.pacer.server.runs;

import static io.pacer.server.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.load.RunResult;
import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.server.TestResults;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Upload, list, read, report and compare runs through the service, over SQLite; bad uploads name the field. */
class RunRoutesTest {

    @TempDir
    static Path dir;

    private static PacerServer server;
    private static TestClient client;

    @BeforeAll
    static void start() {
        server = PacerServer.start(ServerConfig.forTests(dir));
        client = new TestClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anUploadedRunIsListedReadReportedAndComparedWithABaseline() {
        RunResult run = TestResults.run();
        HttpResponse<String> posted = client.post("/api/runs?name=nightly", TestResults.runJson());

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        JsonNode summary = json(posted);
        long id = summary.path("id").asLong();
        assertThat(posted.headers().firstValue("Location")).hasValue("/api/runs/" + id);
        assertThat(summary.path("kind").asText()).isEqualTo("run");
        assertThat(summary.path("name").asText()).isEqualTo("nightly");
        assertThat(summary.path("subject").asText()).isEqualTo(run.driver());
        assertThat(summary.path("verdict").asText()).isEqualTo("completed");
        assertThat(summary.path("operationsPerSecond").asDouble())
                .isEqualTo(run.rates().operationsPerSecond());
        assertThat(summary.path("p99Micros").asLong()).isEqualTo(run.latency().p99());

        JsonNode listed = json(client.get("/api/runs?name=nightly"));
        assertThat(listed.path("runs")).anySatisfy(r -> assertThat(r).isEqualTo(summary));

        JsonNode detail = json(client.get("/api/runs/" + id));
        assertThat(detail.path("id").asLong()).isEqualTo(id);
        assertThat(detail.path("result").path("schema").asText()).isEqualTo(RunResult.SCHEMA);
        assertThat(detail.path("result").path("intervals"))
                .hasSize(run.intervals().size());

        HttpResponse<String> report = client.get("/api/runs/" + id + "/report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(report.body()).startsWith("<!DOCTYPE html>").contains("nightly (run " + id + ")");

        HttpResponse<String> saved = client.post("/api/baselines", "{\"name\": \"main\", \"run\": " + id + "}");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        assertThat(json(saved).path("kind").asText()).isEqualTo("run");
        assertThat(json(saved).path("source").asText()).isEqualTo("run " + id + " (nightly)");
        assertThat(json(client.get("/api/baselines")).path("baselines"))
                .anySatisfy(b -> assertThat(b.path("name").asText()).isEqualTo("main"));

        HttpResponse<String> compared = client.post("/api/runs/" + id + "/compare?baseline=main", "");
        assertThat(compared.statusCode()).as(compared.body()).isEqualTo(200);
        JsonNode comparison = json(compared);
        assertThat(comparison.path("regressed").asBoolean()).isFalse();
        assertThat(comparison.path("verdict").asText()).isEqualTo("unchanged");
        assertThat(comparison.path("comparison").path("metrics")).isNotEmpty();
        assertThat(comparison.path("lines")).isNotEmpty();

        HttpResponse<String> page = client.get("/api/runs/" + id + "/comparison?baseline=main&tolerance=10");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("against baseline &#39;main&#39;");
        assertThat(client.get("/api/runs/" + id + "/comparison?baseline=main&tolerance=x")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void anUploadNamingABaselineIsComparedAtOnceAndOneThatCannotBeIsNotKept() {
        long id = json(client.post("/api/runs?name=ci", TestResults.runJson()))
                .path("id")
                .asLong();
        assertThat(client.post("/api/baselines", "{\"name\": \"ci-main\", \"run\": " + id + "}")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> both = client.post("/api/runs?name=ci&baseline=ci-main", TestResults.runJson());
        assertThat(both.statusCode()).as(both.body()).isEqualTo(201);
        assertThat(json(both).path("kind").asText()).isEqualTo("run");
        assertThat(json(both).path("comparison").path("baseline").asText()).isEqualTo("ci-main");
        assertThat(json(both).path("comparison").path("run").asLong())
                .isEqualTo(json(both).path("id").asLong());
        assertThat(json(both).path("comparison").path("regressed").asBoolean()).isFalse();

        int kept = json(client.get("/api/runs?name=ci")).path("runs").size();
        assertThat(client.post("/api/runs?name=ci&baseline=nope", TestResults.runJson())
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> mixed = client.post("/api/runs?name=ci&baseline=ci-main", TestResults.suiteJson("s"));
        assertThat(mixed.statusCode()).isEqualTo(409);
        assertThat(json(mixed).path("detail").asText()).contains("cannot compare a suite result (the upload)");
        assertThat(json(client.get("/api/runs?name=ci")).path("runs")).hasSize(kept);
    }

    @Test
    void suitesAreFilteredByVerdictAndPagedNewestFirst() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(json(client.post("/api/runs?name=paged", TestResults.suiteJson("checkout")))
                    .path("id")
                    .asLong());
        }
        JsonNode first = json(client.get("/api/runs?name=paged&verdict=passed&limit=2"));
        assertThat(first.path("runs").findValuesAsText("kind")).containsOnly("suite");
        assertThat(first.path("runs").findValues("id"))
                .extracting(JsonNode::asLong)
                .containsExactly(ids.get(2), ids.get(1));
        JsonNode second = json(client.get(first.path("next").asText()));
        assertThat(second.path("runs").findValues("id"))
                .extracting(JsonNode::asLong)
                .containsExactly(ids.get(0));
        assertThat(second.path("next").isNull()).isTrue();
        assertThat(json(client.get("/api/runs?name=paged&verdict=failed")).path("runs"))
                .isEmpty();

        client.post(
                "/api/baselines",
                "{\"name\": \"run-baseline\", \"run\": "
                        + json(client.post("/api/runs", TestResults.runJson()))
                                .path("id")
                                .asLong() + "}");
        HttpResponse<String> mixed = client.post("/api/runs/" + ids.get(0) + "/compare?baseline=run-baseline", "");
        assertThat(mixed.statusCode()).isEqualTo(409);
        assertThat(json(mixed).path("detail").asText()).contains("compare runs with runs, suites with suites");
    }

    @Test
    void aBaselineIsReplacedOnlyWhenAskedAndAMissingOneIsA404ListingTheSaved() {
        long id =
                json(client.post("/api/runs", TestResults.runJson())).path("id").asLong();
        assertThat(client.post("/api/baselines", "{\"name\": \"release-1\", \"run\": " + id + "}")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> again = client.post("/api/baselines", "{\"name\": \"release-1\", \"run\": " + id + "}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("detail").asText()).contains("save with \"replace\": true");
        assertThat(client.post("/api/baselines", "{\"name\": \"release-1\", \"run\": " + id + ", \"replace\": true}")
                        .statusCode())
                .isEqualTo(201);

        HttpResponse<String> missing = client.post("/api/runs/" + id + "/compare?baseline=nope", "");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("detail").asText())
                .contains("no baseline 'nope'")
                .contains("release-1");
        assertThat(client.delete("/api/baselines/release-1").statusCode()).isEqualTo(200);
        assertThat(client.get("/api/baselines/release-1").statusCode()).isEqualTo(404);
        assertThat(client.get("/api/runs/999999").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "not JSON|{\"schema\": |body|not valid JSON",
                "empty|''|body|empty",
                "foreign schema|{\"schema\": \"other/1\"}|schema|expected a \"schema\" field",
                "newer schema|{\"schema\": \"pacer.run-result/99\"}|schema|newer than this Pacer",
                "wrong type (the first operations field is the settings')|COUNTS|settings.operations|",
            })
    void aBadUploadIsA400NamingTheField(String what, String body, String field, String message) {
        String sent = body.equals("COUNTS")
                ? TestResults.runJson().replaceFirst("\"operations\" : \\d+", "\"operations\" : \"many\"")
                : body;
        HttpResponse<String> response = client.post("/api/runs", sent);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode problem = json(response);
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(problem.path("errors").get(0).path("message").asText()).contains(message == null ? "" : message);
    }

    @Test
    void badParametersAreA400NamingTheParameterAndAHugeBodyA413() {
        assertThat(json(client.post("/api/runs?name=..bad", TestResults.runJson()))
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("name");
        assertThat(json(client.get("/api/runs?limit=0"))
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("limit");
        assertThat(json(client.get("/api/runs?verdict=green"))
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("verdict");
        assertThat(json(client.get("/api/runs/abc"))
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("id");
        assertThat(json(client.post("/api/baselines", "{\"name\": \"x y\", \"run\": 1}"))
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("name");

        String large = TestResults.suiteJson("large", 1);
        int scenarios = (int) (1.5 * 1024 * 1024 / large.length()) + 2;
        String overAMegabyte = TestResults.suiteJson("large", scenarios);
        assertThat(overAMegabyte.length()).isGreaterThan(1_500_000);
        HttpResponse<String> accepted = client.post("/api/runs", overAMegabyte);
        assertThat(accepted.statusCode())
                .as("a result over Javalin's default 1 MB limit")
                .isEqualTo(201);

        int limit = (int) SecurityConfig.DEFAULT_MAX_REQUEST_BYTES;
        HttpResponse<String> huge = client.post("/api/runs", new byte[limit + 1]);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(json(huge).path("detail").asText()).contains("at most " + limit);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "GET|/api/runs?limt=3|limt|unknown parameter; known: before, limit, name, verdict",
                "GET|/api/runs?limit=3&limit=4|limit|given 2 times",
                "GET|/api/runs?before=0|before|a run's id",
                "GET|/api/runs/1?x=1|x|this route takes no parameters",
                "GET|/api/runs/1/report?x=1|x|this route takes no parameters",
                "GET|/api/runs/1/comparison?baseline=main&tolerances=5|tolerances|known: baseline, confidence",
                "POST|/api/runs/1/compare?baseline=main&x=1|x|known: baseline, confidence, minIntervals, tolerance",
                "POST|/api/runs/1/compare?tolerance=5|baseline|required",
                "GET|/api/baselines?x=1|x|this route takes no parameters",
                "GET|/api/baselines/main?x=1|x|this route takes no parameters",
                "DELETE|/api/baselines/main?x=1|x|this route takes no parameters",
                "POST|/api/baselines?x=1|x|this route takes no parameters",
                "POST|/api/runs?tolerance=10|tolerance|give baseline=NAME too",
                "POST|/api/runs?name=n&confidence=90|confidence|give baseline=NAME too",
                "POST|/api/runs?nmae=n|nmae|known: baseline, confidence, minIntervals, name, tolerance",
                "POST|/api/runs?baseline=main&confidence=100|confidence|from 50 to 99.9",
            })
    void anUnknownOrMisplacedQueryParameterIsA400NamingItAndTheKnownOnes(
            String method, String path, String field, String message) {
        int kept = json(client.get("/api/runs?limit=500")).path("runs").size();
        String body = "{\"name\": \"main\", \"run\": 1}";
        HttpResponse<String> response = switch (method) {
            case "GET" -> client.get(path);
            case "DELETE" -> client.delete(path);
            default -> client.post(path, path.startsWith("/api/runs?") ? TestResults.runJson() : body);
        };

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("errors")).anySatisfy(e -> {
            assertThat(e.path("field").asText()).isEqualTo(field);
            assertThat(e.path("message").asText()).contains(message);
        });
        assertThat(json(client.get("/api/runs?limit=500")).path("runs")).hasSize(kept);
    }
}
