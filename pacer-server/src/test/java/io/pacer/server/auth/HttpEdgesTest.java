package io.pacer.server.auth;

import static io.pacer.server.auth.TestServer.ADMIN_KEY;
import static io.pacer.server.auth.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.server.SecurityConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of HTTP a browser or script meets besides the routes: requests Jetty refuses itself, HEAD, a method a path
 * does not answer, odd methods in the request meter, and a chunked body past the size limit — each answered as the
 * routes' answers are (a problem with a correlation id and the security headers), with the role of the route.
 */
class HttpEdgesTest {

    private static final long MAX_BODY = 4096;

    @Test
    void requestsJettyRefusesItselfGetAProblemWithCorrelationIdAndSecurityHeaders(@TempDir Path dir) throws Exception {
        try (TestServer service = TestServer.start(dir)) {
            int port = service.server.port();
            record Case(String what, String request, int status) {}
            String end = "Host: 127.0.0.1\r\nConnection: close\r\n\r\n";
            List<Case> cases = List.of(
                    new Case("undecodable URI", "GET /% HTTP/1.1\r\n" + end, 400),
                    new Case("header name with a space", "GET /health HTTP/1.1\r\nBad Header: x\r\n" + end, 400),
                    new Case(
                            "20 KB header", "GET /health HTTP/1.1\r\nX-Big: " + "a".repeat(20_000) + "\r\n" + end, 431),
                    new Case("20 KB URI", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n" + end, 414));
            for (Case c : cases) {
                RawHttp.Answer answer = RawHttp.send(port, c.request());
                assertThat(answer.status()).as(c.what() + ": " + answer.raw()).isEqualTo(c.status());
                String head = answer.raw()
                        .substring(0, answer.raw().indexOf("\r\n\r\n"))
                        .toLowerCase();
                assertThat(head)
                        .as(c.what())
                        .contains("content-type: application/problem+json")
                        .contains("x-correlation-id: ")
                        .contains("content-security-policy: " + Security.CONTENT_SECURITY_POLICY.toLowerCase())
                        .contains("x-content-type-options: nosniff")
                        .contains("x-frame-options: deny");
                JsonNode problem = Json.documentReader()
                        .readTree(answer.raw().substring(answer.raw().indexOf("\r\n\r\n") + 4));
                assertThat(problem.path("status").asInt()).as(c.what()).isEqualTo(c.status());
                assertThat(problem.path("title").asText()).as(c.what()).isNotBlank();
                assertThat(problem.path("detail").asText()).as(c.what()).isNotBlank();
                assertThat(problem.path("correlationId").asText()).as(c.what()).isNotBlank();
            }
        }
    }

    @Test
    void headTakesTheRoleOfTheGetRouteAndAnswersAsItWould(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir)) {
            String viewer = service.userWithKey("vera", "viewer", null);
            for (String path : List.of("/health", "/dashboard", "/openapi.json")) {
                int get = service.send("GET", path, null, null).statusCode();
                HttpResponse<String> head = service.send("HEAD", path, null, null);
                assertThat(head.statusCode())
                        .as("anonymous HEAD " + path)
                        .isEqualTo(get)
                        .isNotIn(401, 403);
                assertThat(head.body()).isEmpty();
            }
            assertThat(service.send("HEAD", "/api/targets", viewer, null).statusCode())
                    .isEqualTo(200);
            assertThat(service.send("HEAD", "/api/targets", null, null).statusCode())
                    .isEqualTo(401);
            assertThat(service.send("HEAD", "/api/users", viewer, null).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> events = service.send("HEAD", "/api/events", viewer, null);
            assertThat(events.statusCode()).isEqualTo(200);
            assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        }
    }

    @Test
    void aMethodThePathDoesNotAnswerIs405WithAllow(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir)) {
            HttpResponse<String> post = service.send("POST", "/health", null, "{}");
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(post.headers().firstValue("Allow").orElse("")).contains("GET", "HEAD");
            assertThat(json(post).path("detail").asText()).contains("/health", "POST", "GET");
            assertThat(service.send("POST", "/no/such/path", null, "{}").statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void theRequestMeterLabelsOddMethodsAsOther(@TempDir Path dir) {
        try (TestServer service = TestServer.start(dir)) {
            assertThat(service.send("XAAA", "/nothing", null, null).statusCode())
                    .isEqualTo(404);
            assertThat(service.send("BREW", "/health", null, null).statusCode()).isIn(404, 405);
            String metrics = service.send("GET", "/metrics", null, null).body();
            assertThat(metrics).contains("pacer_server_requests_seconds_count{method=\"other\"");
            assertThat(metrics).doesNotContain("XAAA").doesNotContain("BREW");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIs413NamingTheLimit(@TempDir Path dir) throws Exception {
        SecurityConfig security = new SecurityConfig(
                SecurityConfig.DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS,
                SecurityConfig.DEFAULT_REQUESTS_PER_MINUTE_PER_KEY,
                SecurityConfig.DEFAULT_SIGN_INS_PER_MINUTE_PER_ADDRESS,
                MAX_BODY,
                SecurityConfig.DEFAULT_SESSION_TTL,
                ADMIN_KEY,
                SecurityConfig.DEFAULT_AUDIT_RETENTION);
        try (TestServer service = TestServer.start(dir, security)) {
            String body = "{\"name\":\"" + "n".repeat(3 * (int) MAX_BODY) + "\",\"role\":\"viewer\"}";
            // An iterator publisher has no known length: the client sends the body chunked.
            HttpResponse<String> answer = service.send(HttpRequest.newBuilder(service.uri("/api/users"))
                    .header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(body))));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(answer).path("detail").asText()).contains(Long.toString(MAX_BODY));
        }
    }
}
