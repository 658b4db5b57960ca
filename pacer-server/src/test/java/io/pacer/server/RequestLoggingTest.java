package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service's JSON log: one object per line, the correlation id on every line of a request, on every thread. */
@Timeout(120)
class RequestLoggingTest {

    @Test
    void aRequestsCorrelationIdIsInItsLogLinesAndInTheWorkItHandsToAnotherThread(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ServerLogging.useJson();
            try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
                Http http = new Http(server.uri());
                Http.Answer answer = http.send(HttpRequest.newBuilder(http.uri("/api/targets/test"))
                        .header("X-Correlation-Id", "ci-run-42")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"kind\": \"redis\", \"target\": \"127.0.0.1:" + closed + "\"}")));
                Http.Answer made = http.get("/health");

                assertThat(answer.header("X-Correlation-Id")).isEqualTo("ci-run-42");
                assertThat(answer.json().path("correlationId").asText())
                        .as("the worker thread's MDC")
                        .isEqualTo("ci-run-42");
                assertThat(made.header("X-Correlation-Id")).matches("[0-9a-f-]{36}");
                Await.until(
                        Duration.ofSeconds(10),
                        "the request line logged",
                        () -> lines(captured).stream()
                                .anyMatch(l -> l.path("route").asText().equals("/health")));
            }
        } finally {
            ServerLogging.useDefault();
            System.setOut(original);
        }
        List<JsonNode> lines = lines(captured);
        JsonNode worker = lines.stream()
                .filter(l -> l.path("message").asText().startsWith("testing redis target"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no worker line in " + captured));
        assertThat(worker.path("process.thread.name").asText()).isEqualTo("pacer-target-test");
        assertThat(worker.path("correlationId").asText()).isEqualTo("ci-run-42");
        assertThat(worker.path("log.level").asText()).isEqualTo("INFO");
        assertThat(worker.path("@timestamp").asText()).endsWith("Z");
        JsonNode request = lines.stream()
                .filter(l -> l.path("log.logger").asText().equals("io.pacer.server.request")
                        && l.path("correlationId").asText().equals("ci-run-42"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no request line in " + captured));
        assertThat(request.path("route").asText()).isEqualTo("/api/targets/test");
        assertThat(request.path("status").asText()).isEqualTo("200");
        assertThat(request.path("method").asText()).isEqualTo("POST");
        assertThat(request.path("process.thread.name").asText()).isNotEqualTo("pacer-target-test");
    }

    private static List<JsonNode> lines(ByteArrayOutputStream captured) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) {
                all.add(Json.documentReader().readTree(line));
            }
        }
        return all;
    }
}
