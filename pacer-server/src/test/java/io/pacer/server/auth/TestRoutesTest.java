package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access check on a test-only route group beside the account routes: public routes and the metrics token,
 * operators reaching their routes, failures audited, routes without a role, and time-driven expiry and refill.
 */
class TestRoutesTest {

    private static final String METRICS_TOKEN = "scrape-token-of-at-least-some-length";

    @Test
    void publicRoutesAnswerWithoutCredentialsAndMetricsNeedsTheTokenWhenOneIsSet(@TempDir Path dir) {
        try (SecuredApp open =
                SecuredApp.start(config(dir.resolve("a"), null, SecurityConfig.DEFAULTS), new MovableClock())) {
            assertThat(expect(200, open.client.send("GET", "/metrics", null, null))
                            .body())
                    .contains("pacer_up");
        }
        try (SecuredApp guarded = SecuredApp.start(
                config(dir.resolve("b"), METRICS_TOKEN, SecurityConfig.DEFAULTS), new MovableClock())) {
            HttpResponse<String> none = guarded.client.send("GET", "/metrics", null, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"pacer\"");
            assertThat(guarded.client
                            .send("GET", "/metrics", "wrong-token", null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(guarded.client.send("GET", "/metrics", ADMIN_KEY, null).statusCode())
                    .as("an API key is not the metrics token")
                    .isEqualTo(401);
            expect(200, guarded.client.send("GET", "/metrics", METRICS_TOKEN, null));
        }
    }

    @Test
    void operatorsReachTheirRoutesAndEveryOutcomeIsAudited(@TempDir Path dir) {
        try (SecuredApp app = SecuredApp.start(config(dir, null, SecurityConfig.DEFAULTS), new MovableClock())) {
            String operator = app.client.userWithKey("olga", "operator", null);
            String viewer = app.client.userWithKey("vince", "viewer", null);
            expect(200, app.client.send("GET", "/api/test/read", viewer, null));
            expect(204, app.client.send("POST", "/api/test/change", operator, null));
            assertThat(app.client.send("POST", "/api/test/change", viewer, null).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> failed = app.client.send("POST", "/api/test/fail", operator, null);
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThat(failed.body()).doesNotContain("on purpose").doesNotContain("Exception");

            var audit = json(expect(200, app.client.send("GET", "/api/audit?limit=3", ADMIN_KEY, null)));
            assertThat(audit.get(0).path("route").asText()).isEqualTo("/api/test/fail");
            assertThat(audit.get(0).path("status").asInt()).isEqualTo(500);
            assertThat(audit.get(0).path("user").asText()).isEqualTo("olga");
            assertThat(audit.get(0).path("correlationId").asText())
                    .isEqualTo(json(failed).path("correlationId").asText());
            assertThat(audit.get(1).path("status").asInt()).isEqualTo(403);
            assertThat(audit.get(2).path("status").asInt()).isEqualTo(204);
        }
    }

    @Test
    void aRouteRegisteredWithoutARoleIsForAdminsOnly(@TempDir Path dir) {
        try (SecuredApp app = SecuredApp.start(config(dir, null, SecurityConfig.DEFAULTS), new MovableClock())) {
            String operator = app.client.userWithKey("oscar", "operator", null);
            assertThat(app.client
                            .send("GET", "/api/test/unregistered", null, null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(app.client
                            .send("GET", "/api/test/unregistered", operator, null)
                            .statusCode())
                    .isEqualTo(403);
            expect(200, app.client.send("GET", "/api/test/unregistered", ADMIN_KEY, null));
        }
    }

    @Test
    void sessionsExpireAndBucketsRefillWithTheClock(@TempDir Path dir) {
        MovableClock clock = new MovableClock();
        SecurityConfig security = SecurityConfig.DEFAULTS.withRateLimits(100_000, 2, 10);
        try (SecuredApp app = SecuredApp.start(config(dir, null, security), clock)) {
            HttpResponse<String> signIn =
                    expect(200, app.client.send("POST", "/api/session", null, "{\"key\":\"" + ADMIN_KEY + "\"}"));
            String cookie =
                    signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpRequest.Builder me =
                    HttpRequest.newBuilder(app.client.uri("/api/session")).header("Cookie", cookie);

            expect(200, app.client.send(me));
            expect(200, app.client.send(me));
            HttpResponse<String> limited = app.client.send(me);
            assertThat(limited.statusCode())
                    .as("the third request within a minute, budget 2")
                    .isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("30");
            clock.advance(Duration.ofSeconds(30));
            expect(200, app.client.send(me));

            clock.advance(SecurityConfig.DEFAULT_SESSION_TTL);
            assertThat(app.client.send(me).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void auditEntriesPastTheirRetentionAreDeletedOnceADay(@TempDir Path dir) {
        MovableClock clock = new MovableClock();
        SecurityConfig security = SecurityConfig.DEFAULTS.withAuditRetention(Duration.ofDays(2));
        try (SecuredApp app = SecuredApp.start(config(dir, null, security), clock)) {
            expect(204, app.client.send("POST", "/api/test/change", ADMIN_KEY, null)); // t0
            clock.advance(Duration.ofDays(1).plusMinutes(1));
            expect(204, app.client.send("POST", "/api/test/change", ADMIN_KEY, null)); // pruned: nothing is 2 days old
            assertThat(json(app.client.send("GET", "/api/audit", ADMIN_KEY, null)))
                    .hasSize(2);
            clock.advance(Duration.ofDays(1).plusMinutes(1));
            expect(204, app.client.send("POST", "/api/test/change", ADMIN_KEY, null)); // pruned: t0's entry goes
            var left = json(app.client.send("GET", "/api/audit", ADMIN_KEY, null));
            assertThat(left).hasSize(2);
            assertThat(left.get(1).path("time").asText()).isEqualTo("2026-11-30T12:01:00Z");
        }
    }

    private static ServerConfig config(Path dir, String metricsToken, SecurityConfig security) {
        return new ServerConfig("127.0.0.1", 0, dir, StoreConfig.sqlite(dir), false, metricsToken)
                .withSecurity(security.withAdminKey(ADMIN_KEY));
    }
}
