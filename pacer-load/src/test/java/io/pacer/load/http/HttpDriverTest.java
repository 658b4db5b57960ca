package io.pacer.load.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.Outcome;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpDriverTest {

    @Test
    void reportsEachStatusCodeAndTheBodyLengthOnlyTwoHundredsAreOk() throws Exception {
        try (TestServer server = TestServer.start(exchange -> {
                    int seq = Integer.parseInt(TestServer.body(exchange));
                    TestServer.respond(exchange, seq % 4 == 0 ? 503 : 200, "x".repeat(seq % 10));
                });
                Driver driver = open(HttpSettings.of(List.of(server.uri("/orders")))
                        .withMethod("POST")
                        .withBodyTemplate("{{seq}}"))) {

            List<Outcome> outcomes = Calls.run(driver, 40, 8);

            for (int seq = 0; seq < outcomes.size(); seq++) {
                Outcome outcome = outcomes.get(seq);
                boolean fails = seq % 4 == 0;
                assertThat(outcome)
                        .as("call %d", seq)
                        .isEqualTo(new Outcome(!fails, fails ? "503" : "200", "", 1, seq % 10));
            }
            assertThat(outcomes.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting())))
                    .isEqualTo(Map.of("200", 30L, "503", 10L));
        }
    }

    @Test
    void sendsTheMethodHeadersAndABodyRenderedPerCall() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (TestServer server = TestServer.start(exchange -> {
                    seen.add(exchange.getRequestMethod() + "|"
                            + exchange.getRequestHeaders().getFirst("X-Run") + "|"
                            + exchange.getRequestHeaders().getFirst("Content-Type") + "|" + TestServer.body(exchange));
                    TestServer.respond(exchange, 201, "");
                });
                Driver driver = open(new HttpSettings(
                        "PUT",
                        List.of(server.uri("/items")),
                        Map.of("X-Run", "r-1", "Content-Type", "application/json"),
                        "{\"seq\":{{seq}},\"user\":{{user}},\"id\":\"{{uuid}}\",\"at\":{{now_ms}}}",
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(5),
                        HttpSettings.DEFAULT_VERSION))) {

            long before = System.currentTimeMillis();
            Outcome outcome = Calls.awaitAll(List.of(
                            driver.start(new Call(7, 42, System.nanoTime())).toCompletableFuture()))
                    .get(0);
            long after = System.currentTimeMillis();

            assertThat(outcome.ok()).isTrue();
            assertThat(outcome.status()).isEqualTo("201");
            String[] request =
                    seen.poll(Calls.TIMEOUT_SECONDS, TimeUnit.SECONDS).split("\\|");
            assertThat(request).startsWith("PUT", "r-1", "application/json");
            assertThat(request[3]).matches("\\{\"seq\":42,\"user\":7,\"id\":\"[0-9a-f-]{36}\",\"at\":\\d+}");
            String id = request[3].replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
            assertThat(UUID.fromString(id).version()).isEqualTo(4);
            long at = Long.parseLong(request[3].replaceAll(".*\"at\":(\\d+)}", "$1"));
            assertThat(at).isBetween(before, after);
        }
    }

    @Test
    void labelsEachEndpointAndDealsCallsRoundRobin() throws Exception {
        Map<String, AtomicInteger> hits = Map.of("/orders", new AtomicInteger(), "/users", new AtomicInteger());
        try (TestServer server = TestServer.start(exchange -> {
                    hits.get(exchange.getRequestURI().getPath()).incrementAndGet();
                    TestServer.respond(exchange, 200, "ok");
                });
                Driver driver = open(HttpSettings.of(List.of(server.uri("/orders"), server.uri("/users?id=1"))))) {

            List<Outcome> outcomes = Calls.run(driver, 6, 2);

            assertThat(outcomes)
                    .extracting(Outcome::label)
                    .containsExactly(
                            "GET /orders",
                            "GET /users?id=1",
                            "GET /orders",
                            "GET /users?id=1",
                            "GET /orders",
                            "GET /users?id=1");
            assertThat(hits.get("/orders")).hasValue(3);
            assertThat(hits.get("/users")).hasValue(3);
        }
    }

    @Test
    void labelsNameTheHostWhenPathsAloneDoNotTellEndpointsApart() {
        assertThat(HttpDriver.labels("GET", List.of(URI.create("http://a:80/x"), URI.create("http://b:81/x"))))
                .containsExactly("GET a:80/x", "GET b:81/x");
        assertThat(HttpDriver.labels("POST", List.of(URI.create("http://a"), URI.create("http://a/y"))))
                .containsExactly("POST /", "POST /y");
        assertThat(HttpDriver.labels("GET", List.of(URI.create("http://a/x")))).containsExactly("");
    }

    @Test
    void aRedirectToAnotherHostIsReportedAsItsStatusAndNeverFollowed() throws Exception {
        AtomicInteger elsewhereHits = new AtomicInteger();
        try (TestServer elsewhere = TestServer.start(exchange -> {
                    elsewhereHits.incrementAndGet();
                    TestServer.respond(exchange, 200, "you should not be here");
                });
                TestServer target = TestServer.start(exchange -> {
                    exchange.getResponseHeaders()
                            .add("Location", elsewhere.uri("/stolen").toString());
                    TestServer.respond(exchange, 302, "");
                });
                Driver driver = open(HttpSettings.of(List.of(target.uri("/start"))))) {

            List<Outcome> outcomes = Calls.run(driver, 5, 1);

            assertThat(outcomes).allSatisfy(o -> assertThat(o).isEqualTo(new Outcome(false, "302", "", 1, 0)));
            assertThat(elsewhereHits).hasValue(0);
        }
    }

    @Test
    void aRefusedConnectionAndAnUnansweredRequestFailWithTheirExceptionNames() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (Driver refused = open(HttpSettings.of(List.of(URI.create("http://127.0.0.1:" + closedPort + "/"))))) {
            assertThat(Calls.one(refused)).isEqualTo(Outcome.failed("ConnectException"));
        }
        try (TestServer silent = TestServer.start(exchange -> {
                    /* never answers */
                });
                Driver driver = open(HttpSettings.of(List.of(silent.uri("/slow")))
                        .withTimeouts(Duration.ofMillis(300), HttpSettings.DEFAULT_CONNECT_TIMEOUT))) {
            assertThat(Calls.one(driver)).isEqualTo(Outcome.failed("HttpTimeoutException"));
        }
    }

    @Test
    void describesMethodTargetsAndVersion() {
        Driver driver =
                HttpDrivers.http(HttpSettings.of(List.of(URI.create("http://a:8080/x"), URI.create("https://b/y"))));
        assertThat(driver.describe()).isEqualTo("http GET http://a:8080/x https://b/y HTTP_1_1");
    }

    static Driver open(HttpSettings settings) throws Exception {
        Driver driver = HttpDrivers.http(settings);
        driver.open();
        return driver;
    }
}
