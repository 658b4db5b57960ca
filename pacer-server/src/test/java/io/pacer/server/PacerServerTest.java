package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacerServerTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anUnknownPathIsAProblemDocumentNotAnHtmlPage(@TempDir Path dir) throws Exception {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(server.uri() + "/no/such/route"))
                            .header("X-Correlation-Id", "test-123")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("test-123");
            JsonNode problem = Json.documentReader().readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(404);
            assertThat(problem.path("instance").asText()).isEqualTo("/no/such/route");
            assertThat(problem.path("correlationId").asText()).isEqualTo("test-123");
            assertThat(problem.path("detail").asText()).contains("GET /no/such/route");
        }
    }
}
