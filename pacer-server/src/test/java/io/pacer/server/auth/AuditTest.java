package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every mutation leaves an audit entry — refused ones too — and only admins read the log. */
class AuditTest {

    @Test
    void everyMutationIsRecordedWithWhoWhatWhereAndOutcome(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir)) {
            String viewer = service.userWithKey("vic", "viewer", null); // two audited mutations (user, key)
            service.send(HttpRequest.newBuilder(service.uri("/api/users"))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("X-Correlation-Id", "audit-test-1")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"role\":\"operator\"}")));
            service.send("DELETE", "/api/users/ann", null, null); // 401
            service.send("DELETE", "/api/users/ann", viewer, null); // 403
            service.send("POST", "/api/users", ADMIN_KEY, "{\"name\":"); // 400
            service.send("GET", "/api/users", ADMIN_KEY, null); // a read: not audited

            JsonNode log = json(expect(200, service.send("GET", "/api/audit", ADMIN_KEY, null)));
            List<String> lines = new ArrayList<>();
            for (JsonNode e : log) {
                lines.add(e.path("method").asText() + " " + e.path("route").asText() + " "
                        + e.path("status").asInt() + " " + e.path("user").asText(null) + " "
                        + e.path("role").asText(null));
            }
            assertThat(lines)
                    .containsExactly(
                            "POST /api/users 400 admin admin",
                            "DELETE /api/users/{name} 403 vic viewer",
                            "DELETE /api/users/{name} 401 null null",
                            "POST /api/users 201 admin admin",
                            "POST /api/keys 201 admin admin",
                            "POST /api/users 201 admin admin");
            JsonNode created = log.get(3);
            assertThat(created.path("correlationId").asText()).isEqualTo("audit-test-1");
            assertThat(created.path("client").asText()).isEqualTo("127.0.0.1");
            assertThat(created.path("keyId").asText()).isEqualTo(ADMIN_KEY.substring(0, Credentials.KEY_ID_LENGTH));
            assertThat(created.path("path").asText()).isEqualTo("/api/users");
            assertThat(created.path("time").asText()).endsWith("Z");
            assertThat(log.get(1).path("path").asText()).isEqualTo("/api/users/ann");

            JsonNode page = json(expect(
                    200,
                    service.send(
                            "GET",
                            "/api/audit?limit=2&before=" + log.get(1).path("id").asLong(),
                            ADMIN_KEY,
                            null)));
            assertThat(page).hasSize(2);
            assertThat(page.get(0).path("id").asLong())
                    .isEqualTo(log.get(2).path("id").asLong());
            assertThat(json(service.send("GET", "/api/audit?user=vic", ADMIN_KEY, null)))
                    .hasSize(1);

            HttpResponse<String> badLimit = service.send("GET", "/api/audit?limit=0", ADMIN_KEY, null);
            assertThat(badLimit.statusCode()).isEqualTo(400);
            assertThat(json(badLimit).path("errors").get(0).path("field").asText())
                    .isEqualTo("limit");
            assertThat(service.send("GET", "/api/audit", viewer, null).statusCode())
                    .isEqualTo(403);
        }
    }
}
