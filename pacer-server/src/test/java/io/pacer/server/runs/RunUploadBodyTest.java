package io.pacer.server.runs;

import static io.pacer.server.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.server.TestResults;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An upload is exactly one UTF-8 JSON document within the service's request limit, and what is served back is always
 * one valid JSON value: a real server on SQLite whose limit is set to 1 MiB, over real HTTP (chunked and not).
 */
class RunUploadBodyTest {

    private static final long LIMIT = 1024 * 1024;

    @TempDir
    static Path dir;

    private static PacerServer server;
    private static TestClient client;

    @BeforeAll
    static void start() {
        SecurityConfig d = SecurityConfig.DEFAULTS;
        SecurityConfig small = new SecurityConfig(
                d.requestsPerMinutePerAddress(),
                d.requestsPerMinutePerKey(),
                d.signInsPerMinutePerAddress(),
                LIMIT,
                d.sessionTtl(),
                d.adminKey(),
                d.auditRetention());
        server = PacerServer.start(ServerConfig.forTests(dir).withSecurity(small));
        client = new TestClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "UTF-16 BE with its mark|UTF-16||must be UTF-8, but looks like UTF-16",
                "UTF-16 LE without a mark|UTF-16LE||must be UTF-8, but looks like UTF-16",
                "Latin-1 (not UTF-8)|LATIN-1||must be UTF-8, but has bytes that are not",
                "trailing brackets|UTF-8|' ]]]'|more than one JSON document",
                "a second object|UTF-8|{}|more than one JSON document",
                "spoofed fields after the document|UTF-8|,\"name\":\"spoofed\",\"verdict\":\"passed\"|more than one",
            })
    void anUploadThatIsNotExactlyOneUtf8JsonDocumentIsA400NamingTheBodyAndKeepsNothing(
            String what, String encoding, String tail, String expected) {
        String run = TestResults.runJson().replace("\"driver\" : \"", "\"driver\" : \"caf\u00e9-");
        byte[] body = switch (encoding) {
            case "UTF-16" -> run.getBytes(StandardCharsets.UTF_16);
            case "UTF-16LE" -> run.getBytes(StandardCharsets.UTF_16LE);
            case "LATIN-1" -> run.getBytes(StandardCharsets.ISO_8859_1);
            default -> (run + tail).getBytes(StandardCharsets.UTF_8);
        };
        int kept = runs();

        HttpResponse<String> response = client.post("/api/runs?name=bad", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("errors").get(0).path("field").asText()).isEqualTo("body");
        assertThat(json(response).path("errors").get(0).path("message").asText())
                .contains(expected);
        assertThat(runs()).isEqualTo(kept);
    }

    @Test
    void aUtf8ByteOrderMarkIsDroppedAndTheRunIsServedAsTheDocumentItsTreeIs() throws IOException {
        String run = TestResults.runJson().replace("\"driver\" : \"", "\"driver\" : \"caf\u00e9-");
        byte[] utf8 = run.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[utf8.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, body, 3, utf8.length);

        HttpResponse<String> posted = client.post("/api/runs", body);

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        JsonNode detail =
                strict(client.get("/api/runs/" + json(posted).path("id").asLong()));
        assertThat(detail.path("result")).isEqualTo(Json.documentReader().readTree(run));
        assertThat(detail.path("name").asText()).startsWith("caf\u00e9-");
        assertThat(client.get("/api/runs/" + json(posted).path("id").asLong() + "/report")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aChunkedBodyOverTheConfiguredLimitIsA413StatingTheLimitAndOneUnderItIsKept() {
        String over = TestResults.suiteJson("big", scenariosFor(LIMIT * 3 / 2));
        assertThat(over.length()).isGreaterThan((int) LIMIT);
        String under = TestResults.suiteJson("small", 1);
        int kept = runs();

        HttpResponse<String> chunked = chunked("/api/runs", over.getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> declared = client.post("/api/runs", over);

        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(json(chunked).path("detail").asText()).contains("at most " + LIMIT + " bytes");
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
        assertThat(json(declared).path("detail").asText()).contains("at most " + LIMIT);
        assertThat(runs()).isEqualTo(kept);
        assertThat(chunked("/api/runs", under.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(201);
        assertThat(chunked("/api/baselines", over.getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(413);
    }

    private static int scenariosFor(long bytes) {
        return (int) (bytes / TestResults.suiteJson("big", 1).length()) + 2;
    }

    private static int runs() {
        return json(client.get("/api/runs?limit=500")).path("runs").size();
    }

    /** The answer read as exactly one JSON document: trailing content is an error, not ignored. */
    private static JsonNode strict(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.documentReader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .readTree(response.body());
    }

    /** POSTs {@code body} with no Content-Length (Transfer-Encoding: chunked). */
    private static HttpResponse<String> chunked(String path, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
