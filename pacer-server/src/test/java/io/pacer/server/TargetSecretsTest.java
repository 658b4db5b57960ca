package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Series;
import io.pacer.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials users put in target URLs (user info, {@code token=}-like parameters) are used — user info as HTTP basic
 * authentication — and never shown: not in a collector's name, its errors, /health, /metrics, /api/targets, the event
 * stream, the stored labels, a 400's detail or the log.
 */
@Timeout(120)
class TargetSecretsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> SECRETS =
            List.of("s3cretpw", "tok123", "tok456", "pw789", "key789", "pgsecret", "ftpsecret", "hostsecret");
    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("scraper:s3cretpw".getBytes(StandardCharsets.UTF_8));

    /** A real HTTP application whose /metrics and /health answer only with the right basic authentication. */
    private static HttpServer application() throws IOException {
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/metrics", exchange -> answer(exchange, "demo_requests_total 7\n"));
        app.createContext("/health", exchange -> answer(exchange, "ok"));
        app.start();
        return app;
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        boolean allowed = BASIC.equals(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] bytes = (allowed ? body : "who are you?").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(allowed ? 200 : 401, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonNode health(Http http, String collector) {
        for (JsonNode t : http.get("/api/targets").json().path("targets")) {
            if (t.path("collector").asText().equals(collector)) {
                return t.path("health");
            }
        }
        return null;
    }

    @Test
    void secretsInTargetUrlsAreSentAsBasicAuthAndShownNowhere(@TempDir Path dir) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        HttpServer app = application();
        String base = "127.0.0.1:" + app.getAddress().getPort();
        PrintStream original = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        List<String> shown = new ArrayList<>();
        ServerLogging.useJson();
        try (PacerServer server = PacerServer.start(ServerApiTest.fast(dir));
                EventStream events = new EventStream(
                        new Http(server.uri()).client(), server.uri().resolve("/api/events"), null)) {
            Http http = new Http(server.uri());
            String scrape = "scrape:http://scraper:***@" + base + "/metrics?token=***";
            String check = "health:http://scraper:***@" + base + "/health?access_token=***";
            String dead = "scrape:http://u:***@127.0.0.1:" + closed + "/metrics?apikey=***";
            Http.Answer added = http.post(
                    "/api/targets",
                    "{\"kind\": \"scrape\", \"target\": \"http://scraper:s3cretpw@" + base
                            + "/metrics?token=tok123\"}");
            shown.add(added.body());
            shown.add(http.post(
                            "/api/targets",
                            "{\"kind\": \"health\", \"target\": \"http://scraper:s3cretpw@" + base
                                    + "/health?access_token=tok456\"}")
                    .body());
            shown.add(http.post(
                            "/api/targets",
                            "{\"kind\": \"scrape\", \"target\": \"http://u:pw789@127.0.0.1:" + closed
                                    + "/metrics?apikey=key789\"}")
                    .body());
            Http.Answer tested = http.post(
                    "/api/targets/test",
                    "{\"kind\": \"scrape\", \"target\": \"http://u:pw789@127.0.0.1:" + closed
                            + "/metrics?apikey=key789\"}");
            Http.Answer badPostgres =
                    http.post("/api/targets", "{\"kind\": \"postgres\", \"target\": \"postgresql://u:pgsecret@/db\"}");
            Http.Answer badScrape = http.post(
                    "/api/targets", "{\"kind\": \"scrape\", \"target\": \"ftp://u:ftpsecret@files/metrics\"}");
            Http.Answer badRedis =
                    http.post("/api/targets", "{\"kind\": \"redis\", \"target\": \"redis://:hostsecret@cache\"}");

            assertThat(added.status()).as(added.body()).isEqualTo(201);
            assertThat(added.json().path("collector").asText()).isEqualTo(scrape);
            assertThat(added.json().path("target").asText()).isEqualTo(scrape.substring("scrape:".length()));
            assertThat(List.of(badPostgres.status(), badScrape.status(), badRedis.status()))
                    .containsOnly(400);
            assertThat(badPostgres.body()).contains("postgresql://u:***@/db");
            Await.until(WAIT, "the targets collected, the dead one failed, their events and stored samples", () -> {
                JsonNode s = health(http, scrape);
                JsonNode h = health(http, check);
                JsonNode d = health(http, dead);
                return s != null
                        && s.path("state").asText().equals("up")
                        && h.path("state").asText().equals("up")
                        && !d.path("lastError").asText().isEmpty()
                        && events.of("sample").stream()
                                .anyMatch(
                                        e -> e.json().path("collector").asText().equals(scrape))
                        && events.of("health").stream().anyMatch(e -> e.data().contains(dead))
                        && stored(server, "demo_requests_total").contains(scrape.substring("scrape:".length()))
                        && stored(server, "collector.up").contains(dead);
            });
            assertThat(health(http, dead).path("lastError").asText())
                    .contains("GET http://u:***@127.0.0.1:" + closed + "/metrics?apikey=***: ");
            assertThat(tested.json().path("error").asText()).contains("u:***@");

            shown.addAll(List.of(tested.body(), badPostgres.body(), badScrape.body(), badRedis.body()));
            shown.add(new Http(server.uri()).get("/health").body()); // anonymous
            shown.add(http.get("/metrics").body());
            shown.add(http.get("/api/targets").body());
            events.events().forEach(e -> shown.add(e.data()));
            for (String name :
                    List.of("collector.up", "collector.duration.seconds", "demo_requests_total", "health.up")) {
                shown.add(stored(server, name));
            }
            assertThat(String.join("\n", shown)).contains(scrape, check, dead);
        } finally {
            ServerLogging.useDefault();
            System.setOut(original);
            app.stop(0);
        }
        shown.add(log.toString(StandardCharsets.UTF_8));
        assertThat(log.toString(StandardCharsets.UTF_8)).contains(scrape(base));
        for (String secret : SECRETS) {
            assertThat(shown).as(secret).noneMatch(text -> text.contains(secret));
        }
    }

    private static String scrape(String base) {
        return "scrape:http://scraper:***@" + base + "/metrics?token=***";
    }

    /** Every stored series of {@code name}, as text (labels included). */
    private static String stored(PacerServer server, String name) {
        Instant now = Instant.now();
        List<Series> series =
                server.parts().store().query(Query.of(name, now.minus(Duration.ofHours(1)), now.plusSeconds(60)));
        return series.toString();
    }
}
