package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The same accounts, sessions and audit on PostgreSQL, where instances share them: one start, then a second one. */
@ExtendWith(PostgresExtension.class)
class PostgresAuthTest {

    @Test
    void usersKeysSessionsAndAuditWorkOnPostgresAndAreSharedByInstances(PostgresServer postgres, @TempDir Path dir) {
        StoreConfig store = StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dir, store, false, null)
                .withSecurity(SecurityConfig.DEFAULTS.withAdminKey(ADMIN_KEY));
        try (TestServer one = TestServer.start(config, HttpClient.newHttpClient());
                TestServer two = TestServer.start(config, HttpClient.newHttpClient())) {
            String pw = "a password on postgres";
            expect(
                    201,
                    one.send(
                            "POST",
                            "/api/users",
                            ADMIN_KEY,
                            "{\"name\":\"pg\",\"role\":\"operator\",\"password\":\"" + pw + "\"}"));
            HttpResponse<String> key = expect(
                    201,
                    one.send(
                            "POST",
                            "/api/keys",
                            ADMIN_KEY,
                            "{\"user\":\"pg\",\"name\":\"ci\",\"role\":\"viewer\",\"expiresInDays\":30}"));
            String viewerKey = json(key).path("key").asText();
            assertThat(json(key).path("expiresAt").asText()).endsWith("Z");

            // The other instance knows the key, and the session opened on the first.
            JsonNode me = json(expect(200, two.send("GET", "/api/session", viewerKey, null)));
            assertThat(me.path("role").asText()).isEqualTo("viewer");
            HttpResponse<String> session = expect(
                    200, one.send("POST", "/api/session", null, "{\"user\":\"pg\",\"password\":\"" + pw + "\"}"));
            String cookie =
                    session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            expect(200, two.send(HttpRequest.newBuilder(two.uri("/api/session")).header("Cookie", cookie)));

            // Revoked on one, refused on the other at once.
            expect(204, one.send("DELETE", "/api/keys/" + json(key).path("id").asText(), ADMIN_KEY, null));
            assertThat(two.send("GET", "/api/session", viewerKey, null).statusCode())
                    .isEqualTo(401);

            expect(204, two.send("DELETE", "/api/users/pg", ADMIN_KEY, null));
            JsonNode audit = json(expect(200, one.send("GET", "/api/audit", ADMIN_KEY, null)));
            assertThat(audit).hasSize(5);
            assertThat(audit.get(0).path("route").asText()).isEqualTo("/api/users/{name}");
            assertThat(audit.get(0).path("status").asInt()).isEqualTo(204);
            assertThat(json(expect(200, one.send("GET", "/api/users", ADMIN_KEY, null)))
                            .findValuesAsText("name"))
                    .containsExactly("admin");
        }
    }
}
