package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.expect;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Security headers, request size limits, the first start, and what {@code --no-auth} allows. */
class ProtectionTest {

    @Test
    void everyAnswerCarriesTheSecurityHeadersErrorsIncluded(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir)) {
            for (HttpResponse<String> r : new HttpResponse[] {
                service.send("GET", "/api/users", ADMIN_KEY, null), // 200
                service.send("GET", "/api/users", null, null), // 401
                service.send("GET", "/no/such/page", null, null) // 404
            }) {
                var h = r.headers();
                assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
                assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
                assertThat(h.firstValue("Referrer-Policy")).hasValue("no-referrer");
                assertThat(h.firstValue("Content-Security-Policy"))
                        .hasValueSatisfying(csp -> assertThat(csp)
                                .contains("script-src 'self';")
                                .contains("frame-ancestors 'none'")
                                .doesNotContain("unsafe-eval")
                                .doesNotContainPattern("script-src[^;]*unsafe-inline"));
                assertThat(h.firstValue("Strict-Transport-Security"))
                        .as("no HSTS over plain HTTP")
                        .isEmpty();
            }
            assertThat(service.send("GET", "/api/users", ADMIN_KEY, null)
                            .headers()
                            .firstValue("Cache-Control"))
                    .hasValue("no-store");
        }
    }

    @Test
    void aBodyOverTheLimitIs413BeforeItIsRead(@TempDir Path dir) throws Exception {
        SecurityConfig small = new SecurityConfig(
                600,
                1_200,
                10,
                4_096,
                SecurityConfig.DEFAULT_SESSION_TTL,
                ADMIN_KEY,
                SecurityConfig.DEFAULT_AUDIT_RETENTION);
        try (TestServer service = TestServer.start(dir, small)) {
            RawHttp.Answer declared = RawHttp.send(
                    service.server.port(),
                    "POST /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_KEY
                            + "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{\"name\":");
            assertThat(declared.status()).isEqualTo(413);
            assertThat(declared.raw()).contains("application/problem+json").contains("at most 4096 bytes");

            String chunk = "x".repeat(8_000);
            RawHttp.Answer chunked = RawHttp.send(
                    service.server.port(),
                    "POST /api/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ADMIN_KEY
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
            assertThat(chunked.status()).isEqualTo(413);
        }
    }

    @Test
    void theFirstStartPrintsAnAdminKeyOnceAndItWorks(@TempDir Path dir) {
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dir, StoreConfig.sqlite(dir), false, null);
        String first = printed(config);
        Matcher m = Pattern.compile("\\s(pacer_[A-Za-z0-9_-]{43})\\s").matcher(first);
        assertThat(m.find()).as(first).isTrue();
        String key = m.group(1);
        assertThat(first).contains("shown this once");
        assertThat(printed(config)).as("the second start prints nothing").doesNotContain("pacer_");

        try (TestServer service = TestServer.start(config, HttpClient.newHttpClient())) {
            JsonAssert.role(expect(200, service.send("GET", "/api/session", key, null)), "admin");
        }
    }

    @Test
    void noAuthIsRefusedUnlessTheServerBindsToLoopback(@TempDir Path dir) {
        for (String host : new String[] {"0.0.0.0", "192.168.1.10", "example.com", "::"}) {
            assertThatThrownBy(() -> new ServerConfig(host, 0, dir, StoreConfig.sqlite(dir), true, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("loopback")
                    .hasMessageContaining(host);
        }
        for (String host : new String[] {"127.0.0.1", "localhost", "::1", "127.0.0.2"}) {
            assertThat(new ServerConfig(host, 0, dir, StoreConfig.sqlite(dir), true, null).noAuth())
                    .isTrue();
        }
    }

    @Test
    void withNoAuthEveryoneOnThisMachineIsAnAdminButOtherHostNamesAreRefused(@TempDir Path dir) throws Exception {
        try (TestServer service = TestServer.start(ServerConfig.forTests(dir), HttpClient.newHttpClient())) {
            expect(201, service.send("POST", "/api/users", null, "{\"name\":\"nora\",\"role\":\"viewer\"}"));
            JsonAssert.role(expect(200, service.send("GET", "/api/session", null, null)), "admin");
            var audit = json(expect(200, service.send("GET", "/api/audit", null, null)));
            assertThat(audit.get(0).path("role").asText()).isEqualTo("admin");
            assertThat(audit.get(0).path("user").isNull()).isTrue();

            // A page on another site that rebinds its DNS name to 127.0.0.1 sends its own name as Host.
            RawHttp.Answer rebound = RawHttp.send(
                    service.server.port(),
                    "DELETE /api/users/nora HTTP/1.1\r\nHost: attacker.example:" + service.server.port()
                            + "\r\nConnection: close\r\n\r\n");
            assertThat(rebound.status()).isEqualTo(403);
            assertThat(rebound.raw()).contains("localhost");
        }
    }

    /** Starts and stops a server on {@code config}, returning what it printed on standard output. */
    private static String printed(ServerConfig config) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (PacerServer ignored = PacerServer.start(config)) {
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setOut(original);
        }
    }

    private static final class JsonAssert {
        static void role(HttpResponse<String> r, String role) {
            assertThat(json(r).path("role").asText()).isEqualTo(role);
        }
    }
}
