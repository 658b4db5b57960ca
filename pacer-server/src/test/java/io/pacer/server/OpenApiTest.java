package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /openapi.json} against the routes Javalin actually registered: none undocumented, none documented only. */
class OpenApiTest {

    @Test
    void theDocumentListsExactlyTheRoutesJavalinRegistered(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            JsonNode doc = new Http(server.uri()).get("/openapi.json").json();
            List<String> documented = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> p = doc.path("paths").fields(); p.hasNext(); ) {
                Map.Entry<String, JsonNode> path = p.next();
                path.getValue()
                        .fieldNames()
                        .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
            }

            assertThat(server.registeredEndpoints()).isNotEmpty();
            assertThat(documented).containsExactlyInAnyOrderElementsOf(server.registeredEndpoints());
            assertThat(documented)
                    .contains(
                            "GET /health",
                            "GET /metrics",
                            "GET /api/performance/metrics",
                            "GET /api/events",
                            "POST /api/targets",
                            "DELETE /api/targets/{id}",
                            "GET /openapi.json");
        }
    }

    @Test
    void everyOperationNamesItsRoleSecurityParametersAndProblemResponses(@TempDir Path dir) {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            JsonNode doc = new Http(server.uri()).get("/openapi.json").json();

            assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
            JsonNode schemes = doc.path("components").path("securitySchemes");
            assertThat(schemes.path("bearerKey").path("scheme").asText()).isEqualTo("bearer");
            assertThat(schemes.path("sessionCookie").path("in").asText()).isEqualTo("cookie");
            assertThat(doc.path("components")
                            .path("schemas")
                            .path("Problem")
                            .path("properties")
                            .has("correlationId"))
                    .isTrue();
            doc.path("paths")
                    .fields()
                    .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                        JsonNode o = op.getValue();
                        String where = op.getKey() + " " + path.getKey();
                        assertThat(o.path("x-pacer-role").asText())
                                .as(where)
                                .isIn("public", "viewer", "operator", "admin");
                        assertThat(o.path("operationId").asText()).as(where).isNotEmpty();
                        assertThat(o.path("security").size())
                                .as(where)
                                .isEqualTo(o.path("x-pacer-role").asText().equals("public") ? 0 : 2);
                        assertThat(o.path("responses")
                                        .path("default")
                                        .path("content")
                                        .path("application/problem+json")
                                        .path("schema")
                                        .path("$ref")
                                        .asText())
                                .as(where)
                                .isEqualTo("#/components/schemas/Problem");
                        if (path.getKey().contains("{")) {
                            assertThat(o.path("parameters").toString())
                                    .as(where)
                                    .contains("\"in\":\"path\"");
                        }
                        // Signing in and out and changing one's own password are the mutations below operator.
                        boolean ownSession = path.getKey().startsWith("/api/session");
                        if ((op.getKey().equals("post") || op.getKey().equals("delete")) && !ownSession) {
                            assertThat(o.path("x-pacer-role").asText())
                                    .as(where + " mutates")
                                    .isIn("operator", "admin");
                        }
                    }));
            JsonNode add = doc.path("paths").path("/api/targets").path("post");
            assertThat(add.path("responses").has("201")).isTrue();
            assertThat(add.path("requestBody")
                            .path("content")
                            .path("application/json")
                            .path("schema")
                            .path("required")
                            .toString())
                    .isEqualTo("[\"kind\",\"target\"]");
            JsonNode history =
                    doc.path("paths").path("/api/performance/metrics").path("get");
            assertThat(history.path("parameters").findValuesAsText("name")).contains("hours", "name", "label.NAME");
            assertThat(history.path("responses").has("400")).isTrue();
        }
    }
}
