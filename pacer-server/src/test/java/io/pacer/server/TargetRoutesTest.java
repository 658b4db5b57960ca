package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.server.monitor.TargetSpec;
import io.pacer.testing.Await;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Targets through the API: added and collected from without a restart, kept across one, removed, tested. */
@Timeout(120)
class TargetRoutesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static JsonNode target(Http http, String collector) {
        for (JsonNode t : http.get("/api/targets").json().path("targets")) {
            if (t.path("collector").asText().equals(collector)) {
                return t;
            }
        }
        return null;
    }

    @Test
    void anAddedTargetIsCollectedAtOnceKeptAcrossARestartAndRemoved(@TempDir Path dir) {
        long id;
        String url;
        try (PacerServer server = PacerServer.start(ServerApiTest.fast(dir))) {
            Http http = new Http(server.uri());
            url = server.uri() + "/health"; // a real HTTP target: the service's own health
            Http.Answer added = http.post("/api/targets", "{\"kind\": \"health\", \"target\": \"" + url + "\"}");

            assertThat(added.status()).as(added.body()).isEqualTo(201);
            id = added.json().path("id").asLong();
            assertThat(added.json().path("collector").asText()).isEqualTo("health:" + url);
            Await.until(WAIT, "the added target collected", () -> {
                JsonNode t = target(http, "health:" + url);
                return t != null && t.path("health").path("state").asText().equals("up");
            });
            JsonNode listed = target(http, "health:" + url);
            assertThat(listed.path("source").asText()).isEqualTo("api");
            assertThat(listed.path("id").asLong()).isEqualTo(id);
            assertThat(listed.path("kind").asText()).isEqualTo("health");
            assertThat(target(http, "host").path("source").asText()).isEqualTo("config");
            assertThat(http.post("/api/targets", "{\"kind\": \"health\", \"target\": \"" + url + "\"}")
                            .status())
                    .as("the same target twice")
                    .isEqualTo(409);
        }
        try (PacerServer again = PacerServer.start(ServerApiTest.fast(dir))) {
            Http http = new Http(again.uri());
            JsonNode kept = target(http, "health:" + url);
            assertThat(kept).as("kept in the state database across a restart").isNotNull();
            assertThat(kept.path("id").asLong()).isEqualTo(id);

            assertThat(http.delete("/api/targets/" + id).status()).isEqualTo(204);
            assertThat(target(http, "health:" + url)).isNull();
            Http.Answer gone = http.delete("/api/targets/" + id);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.json().path("detail").asText()).contains("no target " + id);
            Http.Answer notAnId = http.delete("/api/targets/abc");
            assertThat(notAnId.status()).isEqualTo(400);
            assertThat(notAnId.json().path("errors").get(0).path("field").asText())
                    .isEqualTo("id");
        }
    }

    @Test
    void aTargetStoredByAnotherInstanceIsPickedUpAndOneItRemovedIsStopped(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            Http http = new Http(server.uri());
            String url = server.uri() + "/health";
            // another instance on the same database stores a target: this one learns of it on its next sync
            long id = server.parts()
                    .targets()
                    .add(new TargetSpec("health", url), Instant.now())
                    .orElseThrow()
                    .id();
            assertThat(target(http, "health:" + url)).isNull();

            server.parts().monitoring().sync();
            assertThat(target(http, "health:" + url).path("id").asLong()).isEqualTo(id);

            assertThat(server.parts().targets().remove(id)).isTrue();
            server.parts().monitoring().sync();
            assertThat(target(http, "health:" + url)).isNull();
        }
    }

    @Test
    void aTargetStartedByASyncBetweenItsInsertAndItsStartIsNotRefused(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            Http http = new Http(server.uri());
            String url = server.uri() + "/health";
            // POST /api/targets inserts the row, then starts it; the evaluator's sync may run in between
            var stored = server.parts()
                    .targets()
                    .add(new TargetSpec("health", url), Instant.now())
                    .orElseThrow();
            server.parts().monitoring().sync();

            assertThat(server.parts().monitoring().start(stored))
                    .as("starting what the sync started already")
                    .isEqualTo("health:" + url);
            assertThat(target(http, "health:" + url).path("id").asLong()).isEqualTo(stored.id());
            assertThat(http.get("/api/targets").json().path("targets"))
                    .filteredOn(t -> t.path("collector").asText().equals("health:" + url))
                    .hasSize(1);
        }
    }

    @Test
    void aTestCollectsOnceAndSaysWhatItGotOrWhyItFailed(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            Http http = new Http(server.uri());
            JsonNode ok = http.post(
                            "/api/targets/test", "{\"kind\": \"scrape\", \"target\": \"" + server.uri() + "/metrics\"}")
                    .json();
            JsonNode refused = http.post(
                            "/api/targets/test", "{\"kind\": \"redis\", \"target\": \"127.0.0.1:" + closed + "\"}")
                    .json();

            assertThat(ok.path("ok").asBoolean()).as(ok.toString()).isTrue();
            assertThat(ok.path("samples").asInt()).isGreaterThan(10);
            assertThat(ok.path("sample").size()).isBetween(1, 20);
            assertThat(ok.path("collector").asText()).isEqualTo("scrape:" + server.uri() + "/metrics");
            assertThat(refused.path("ok").asBoolean()).isFalse();
            assertThat(refused.path("error").asText()).contains("Connection refused");
            assertThat(http.get("/api/targets").json().path("targets"))
                    .hasSize(2)
                    .as("a test adds nothing");
        }
    }

    @Test
    void aBadBodyIsAProblemNamingEachField(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            Http http = new Http(server.uri());
            List<String> fields = new ArrayList<>();
            http.post("/api/targets", "{\"kind\": \"ftp\", \"target\": \"\", \"colour\": 1}")
                    .json()
                    .path("errors")
                    .forEach(e -> fields.add(
                            e.path("field").asText() + ": " + e.path("message").asText()));
            Http.Answer redis = http.post("/api/targets", "{\"kind\": \"redis\", \"target\": \"no-port\"}");
            Http.Answer notJson = http.post("/api/targets", "{kind: redis");
            Http.Answer noBroker = http.post("/api/targets", "{\"kind\": \"kafka\", \"target\": \",\"}");

            assertThat(fields)
                    .containsExactlyInAnyOrder(
                            "colour: unknown field; known: kind, target",
                            "target: must be a non-empty string",
                            "kind: must be one of scrape, health, postgres, redis, jmx, kafka, but was 'ftp'");
            assertThat(redis.status()).isEqualTo(400);
            assertThat(redis.json().path("errors").get(0).path("field").asText())
                    .isEqualTo("target");
            assertThat(redis.json().path("errors").get(0).path("message").asText())
                    .contains("no-port");
            assertThat(noBroker.status()).as(noBroker.body()).isEqualTo(400);
            assertThat(noBroker.json().path("errors").get(0).path("message").asText())
                    .isEqualTo("must be a bootstrap list host:port[,host:port...] with at least one host:port,"
                            + " but was ','");
            assertThat(notJson.status()).isEqualTo(400);
            assertThat(notJson.json().path("errors").get(0).path("field").asText())
                    .isEqualTo("body");
        }
    }
}
