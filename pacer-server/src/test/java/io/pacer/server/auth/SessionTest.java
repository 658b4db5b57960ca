package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.SecurityConfig;
import io.pacer.server.state.ServerDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's way in: a session cookie from a password or a key, and CSRF protection for its changes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dir;

    private TestServer service;

    @BeforeAll
    void start() {
        // Sign-ins are limited to 10 a minute per address by default; this class signs in more often than that.
        service = TestServer.start(dir, SecurityConfig.DEFAULTS.withRateLimits(600, 1_200, 100));
        expect(
                201,
                service.send(
                        "POST",
                        "/api/users",
                        ADMIN_KEY,
                        "{\"name\":\"sam\",\"role\":\"admin\",\"password\":\"" + PASSWORD + "\"}"));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieAndGivesTheCsrfToken() {
        HttpResponse<String> r = signIn("{\"user\":\"sam\",\"password\":\"" + PASSWORD + "\"}");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .startsWith("pacer_session=")
                .contains("; HttpOnly")
                .contains("; SameSite=Strict")
                .contains("; Path=/")
                .contains("; Max-Age=43200")
                .doesNotContain("Secure");
        JsonNode body = json(r);
        assertThat(body.path("user").asText()).isEqualTo("sam");
        assertThat(body.path("role").asText()).isEqualTo("admin");
        assertThat(body.path("csrfToken").asText()).hasSize(43);

        JsonNode me = json(expect(200, service.send(withCookie(r, "GET", "/api/session", null))));
        assertThat(me.path("via").asText()).isEqualTo("session");
        assertThat(me.path("csrfToken").asText())
                .isEqualTo(body.path("csrfToken").asText());
    }

    @Test
    void aChangeByCookieNeedsTheCsrfTokenAndTheSameOrigin() {
        HttpResponse<String> session = signIn("{\"user\":\"sam\",\"password\":\"" + PASSWORD + "\"}");
        String csrf = json(session).path("csrfToken").asText();
        String user = "{\"name\":\"csrf-%s\",\"role\":\"viewer\"}";

        HttpResponse<String> without = service.send(withCookie(session, "POST", "/api/users", user.formatted(1)));
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(json(without).path("detail").asText()).contains("X-CSRF-Token");

        HttpResponse<String> wrong = service.send(
                withCookie(session, "POST", "/api/users", user.formatted(2)).header("X-CSRF-Token", "x".repeat(43)));
        assertThat(wrong.statusCode()).isEqualTo(403);

        expect(
                201,
                service.send(withCookie(session, "POST", "/api/users", user.formatted(3))
                        .header("X-CSRF-Token", csrf)));

        HttpResponse<String> otherOrigin = service.send(withCookie(session, "POST", "/api/users", user.formatted(4))
                .header("X-CSRF-Token", csrf)
                .header("Origin", "https://evil.example"));
        assertThat(otherOrigin.statusCode()).isEqualTo(403);
        assertThat(json(otherOrigin).path("detail").asText()).contains("another origin");

        // Behind a reverse proxy that rewrites Host, the origin matches the host the proxy forwards.
        expect(
                201,
                service.send(withCookie(session, "POST", "/api/users", user.formatted(7))
                        .header("X-CSRF-Token", csrf)
                        .header("Origin", "https://pacer.example.com")
                        .header("X-Forwarded-Host", "pacer.example.com")));

        HttpResponse<String> crossSite = service.send(withCookie(session, "POST", "/api/users", user.formatted(5))
                .header("X-CSRF-Token", csrf)
                .header("Sec-Fetch-Site", "cross-site"));
        assertThat(crossSite.statusCode()).isEqualTo(403);

        // A bearer key is not a browser credential: no CSRF token needed.
        expect(201, service.send("POST", "/api/users", ADMIN_KEY, user.formatted(6)));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        HttpResponse<String> wrong = signIn("{\"user\":\"sam\",\"password\":\"not the password\"}");
        HttpResponse<String> nobody = signIn("{\"user\":\"nobody\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(nobody.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("detail").asText())
                .isEqualTo(json(nobody).path("detail").asText());
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void signingOutEndsTheSession() {
        HttpResponse<String> session = signIn("{\"user\":\"sam\",\"password\":\"" + PASSWORD + "\"}");
        expect(200, service.send(withCookie(session, "GET", "/api/session", null)));
        HttpResponse<String> out = expect(
                204,
                service.send(withCookie(session, "DELETE", "/api/session", null)
                        .header("X-CSRF-Token", json(session).path("csrfToken").asText())));
        assertThat(out.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(service.send(withCookie(session, "GET", "/api/session", null))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aKeySignsInAndRevokingItEndsItsSessions() {
        String key = service.userWithKey("kim", "operator", null);
        HttpResponse<String> session = signIn("{\"key\":\"" + key + "\"}");
        JsonNode me = json(expect(200, service.send(withCookie(session, "GET", "/api/session", null))));
        assertThat(me.path("user").asText()).isEqualTo("kim");
        assertThat(me.path("role").asText()).isEqualTo("operator");
        assertThat(me.path("keyId").asText()).isEqualTo(key.substring(0, Credentials.KEY_ID_LENGTH));

        expect(204, service.send("DELETE", "/api/keys/" + me.path("keyId").asText(), ADMIN_KEY, null));
        assertThat(service.send(withCookie(session, "GET", "/api/session", null))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void aNewPasswordEndsTheSessionsOfTheOldOne() {
        String pw = "first password, long enough";
        expect(
                201,
                service.send(
                        "POST",
                        "/api/users",
                        ADMIN_KEY,
                        "{\"name\":\"pat\",\"role\":\"viewer\",\"password\":\"" + pw + "\"}"));
        HttpResponse<String> session = signIn("{\"user\":\"pat\",\"password\":\"" + pw + "\"}");
        expect(
                200,
                service.send("PUT", "/api/users/pat", ADMIN_KEY, "{\"password\":\"second password, long enough\"}"));
        assertThat(service.send(withCookie(session, "GET", "/api/session", null))
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anyoneSignedInMayChangeTheirOwnPasswordGivenTheCurrentOne() {
        String first = "viewer's first password";
        String second = "viewer's second password";
        expect(
                201,
                service.send(
                        "POST",
                        "/api/users",
                        ADMIN_KEY,
                        "{\"name\":\"val\",\"role\":\"viewer\",\"password\":\"" + first + "\"}"));
        HttpResponse<String> session = signIn("{\"user\":\"val\",\"password\":\"" + first + "\"}");
        String csrf = json(session).path("csrfToken").asText();

        HttpResponse<String> wrong = service.send(withCookie(
                        session,
                        "PUT",
                        "/api/session/password",
                        "{\"current\":\"not it at all\",\"password\":\"" + second + "\"}")
                .header("X-CSRF-Token", csrf));
        assertThat(wrong.statusCode()).isEqualTo(403);

        expect(
                204,
                service.send(withCookie(
                                session,
                                "PUT",
                                "/api/session/password",
                                "{\"current\":\"" + first + "\",\"password\":\"" + second + "\"}")
                        .header("X-CSRF-Token", csrf)));
        assertThat(service.send(withCookie(session, "GET", "/api/session", null))
                        .statusCode())
                .as("the old password's sessions end")
                .isEqualTo(401);
        assertThat(signIn("{\"user\":\"val\",\"password\":\"" + first + "\"}").statusCode())
                .isEqualTo(401);
        expect(200, signIn("{\"user\":\"val\",\"password\":\"" + second + "\"}"));
    }

    @Test
    void signInBodiesAreValidatedByField() {
        HttpResponse<String> typo = signIn("{\"user\":\"sam\",\"pasword\":\"x\"}");
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(json(typo).path("errors").get(0).path("field").asText()).isEqualTo("pasword");
        HttpResponse<String> number = signIn("{\"user\":42,\"password\":\"x\"}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(json(number).path("errors").get(0).path("field").asText()).isEqualTo("user");
        HttpResponse<String> shortPassword = service.send(
                "POST", "/api/users", ADMIN_KEY, "{\"name\":\"lee\",\"role\":\"viewer\",\"password\":\"short\"}");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(json(shortPassword).path("detail").asText())
                .contains("password")
                .contains("12");
    }

    @Test
    void aSessionEndsAfterItsLifetime() {
        try (ServerDatabase db = ServerDatabase.open(StoreConfig.sqlite(dir))) {
            Accounts accounts = new Accounts(db);
            Instant now = Instant.parse("2026-11-29T10:00:00Z");
            Accounts.NewSession s =
                    accounts.signInWithKey(ADMIN_KEY, now, Duration.ofHours(1)).orElseThrow();
            assertThat(accounts.bySession(s.id(), now.plus(Duration.ofMinutes(59))))
                    .isPresent();
            assertThat(accounts.bySession(s.id(), now.plus(Duration.ofHours(1))))
                    .isEmpty();
        }
    }

    private HttpResponse<String> signIn(String body) {
        return service.send("POST", "/api/session", null, body);
    }

    private HttpRequest.Builder withCookie(HttpResponse<String> signIn, String method, String path, String body) {
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return HttpRequest.newBuilder(service.uri(path))
                .header("Cookie", cookie)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    }
}
