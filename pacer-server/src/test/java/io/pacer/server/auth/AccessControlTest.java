package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.server.Role;
import io.pacer.server.http.ApiRoute;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the service registers — read from the registry at test time, so routes merged later are covered too —
 * answers a caller without credentials with 401 and a caller whose role falls short with 403, as problems.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessControlTest {

    /** The only mutations a caller below operator may make: signing in and out, changing their own password. */
    private static final Set<String> MUTATIONS_BELOW_OPERATOR =
            Set.of("POST /api/session", "DELETE /api/session", "PUT /api/session/password");

    @TempDir
    static Path dir;

    private TestServer service;
    private String viewerKey;
    private String operatorKey;

    @BeforeAll
    void start() {
        service = TestServer.start(dir);
        viewerKey = service.userWithKey("vera", "viewer", null);
        operatorKey = service.userWithKey("otto", "operator", null);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void everyMutationNeedsAnOperatorExceptSigningInAndOutAndOwnPasswords() {
        List<String> below = new ArrayList<>();
        for (ApiRoute r : service.server.routes()) {
            if (r.mutating() && !r.role().covers(Role.OPERATOR)) {
                below.add(r.method() + " " + r.path());
            }
        }
        assertThat(below).containsExactlyInAnyOrderElementsOf(MUTATIONS_BELOW_OPERATOR);
    }

    @Test
    void everyMutatingRouteWithoutCredentialsIs401() {
        List<ApiRoute> checked = new ArrayList<>();
        for (ApiRoute r : service.server.routes()) {
            if (!r.mutating() || r.role() == Role.PUBLIC) {
                continue;
            }
            HttpResponse<String> response = service.send(r.method().name(), concrete(r.path()), null, "{}");
            assertThat(response.statusCode()).as(r.method() + " " + r.path()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .as(r.path())
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(json(response).path("status").asInt()).isEqualTo(401);
            checked.add(r);
        }
        assertThat(checked).as("mutating routes found in the registry").hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void everyRouteAboveViewerWithAViewerKeyIs403() {
        int checked = 0;
        for (ApiRoute r : service.server.routes()) {
            if (r.role().covers(Role.OPERATOR)) {
                HttpResponse<String> response = service.send(r.method().name(), concrete(r.path()), viewerKey, "{}");
                assertThat(response.statusCode())
                        .as(r.method() + " " + r.path())
                        .isEqualTo(403);
                assertThat(json(response).path("detail").asText()).contains("viewer");
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    @Test
    void everyAdminRouteWithAnOperatorKeyIs403() {
        for (ApiRoute r : service.server.routes()) {
            if (r.role() == Role.ADMIN) {
                assertThat(service.send(r.method().name(), concrete(r.path()), operatorKey, "{}")
                                .statusCode())
                        .as(r.method() + " " + r.path())
                        .isEqualTo(403);
            }
        }
    }

    @Test
    void everyNonPublicReadWithoutCredentialsIs401() {
        for (ApiRoute r : service.server.routes()) {
            if (!r.mutating() && r.role() != Role.PUBLIC && !r.eventStream()) {
                assertThat(service.send("GET", concrete(r.path()), null, null).statusCode())
                        .as("GET " + r.path())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    void aMistypedOrMalformedKeyIs401WithInvalidToken() {
        String wrong = ADMIN_KEY.substring(0, ADMIN_KEY.length() - 1) + "c";
        for (String key : List.of(wrong, "nonsense", "pacer_short")) {
            HttpResponse<String> r = service.send("GET", "/api/users", key, null);
            assertThat(r.statusCode()).as(key).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        }
        HttpResponse<String> basic = service.send(java.net.http.HttpRequest.newBuilder(service.uri("/api/users"))
                .header("Authorization", "Basic YWRtaW46YWRtaW4="));
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String key = service.userWithKey("rita", "operator", null);
        expect(200, service.send("GET", "/api/session", key, null));
        String id = key.substring(0, Credentials.KEY_ID_LENGTH);
        expect(204, service.send("DELETE", "/api/keys/" + id, ADMIN_KEY, null));
        assertThat(service.send("GET", "/api/session", key, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyNeverHasMoreThanItsUsersCurrentRole() {
        String key = service.userWithKey("dora", "admin", null);
        expect(200, service.send("GET", "/api/users", key, null));
        expect(200, service.send("PUT", "/api/users/dora", ADMIN_KEY, "{\"role\":\"viewer\"}"));
        HttpResponse<String> after = service.send("GET", "/api/users", key, null);
        assertThat(after.statusCode()).isEqualTo(403);
        assertThat(json(after).path("detail").asText()).contains("has the role viewer");
        HttpResponse<String> tooHigh =
                service.send("POST", "/api/keys", ADMIN_KEY, "{\"user\":\"vera\",\"name\":\"x\",\"role\":\"admin\"}");
        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(json(tooHigh).path("errors").get(0).path("field").asText()).isEqualTo("role");
    }

    @Test
    void theLastAdminCannotBeDeletedOrDemoted() {
        HttpResponse<String> users = expect(200, service.send("GET", "/api/users", ADMIN_KEY, null));
        assertThat(json(users).findValuesAsText("name")).contains("admin");
        // dora may have been demoted by another test: make sure 'admin' is the only admin for this check.
        service.send("PUT", "/api/users/dora", ADMIN_KEY, "{\"role\":\"viewer\"}");
        assertThat(service.send("DELETE", "/api/users/admin", ADMIN_KEY, null).statusCode())
                .isEqualTo(409);
        assertThat(service.send("PUT", "/api/users/admin", ADMIN_KEY, "{\"role\":\"operator\"}")
                        .statusCode())
                .isEqualTo(409);
    }

    @Test
    void listsNeverShowSecrets() {
        String users =
                expect(200, service.send("GET", "/api/users", ADMIN_KEY, null)).body();
        String keys =
                expect(200, service.send("GET", "/api/keys", ADMIN_KEY, null)).body();
        assertThat(users).doesNotContain("pbkdf2").doesNotContain("hash");
        assertThat(keys).doesNotContain(ADMIN_KEY).doesNotContain(viewerKey).contains(viewerKey.substring(0, 14));
    }

    /** A route's path with every parameter filled in. */
    static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", "x").replaceAll("<[^>]+>", "x");
    }
}
