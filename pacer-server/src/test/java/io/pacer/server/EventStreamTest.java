package io.pacer.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.events.EventHub;
import io.pacer.testing.Await;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/events}: what a dashboard receives, and the hub's promises to slow and reconnecting clients. */
@Timeout(120)
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aClientGetsSamplesHealthAndAlertTransitionsAsTheyHappen(@TempDir Path dir) throws Exception {
        // A rule that fires at once on a series the JVM collector yields: an alert is certain, not hoped for.
        AlertRule always =
                AlertRule.of("threads-present", "jvm.threads.live", null, 0.5).withFor(Duration.ZERO);
        try (PacerServer server = PacerServer.start(ServerApiTest.fast(dir).withRules(List.of(always)));
                EventStream stream = new EventStream(
                        new Http(server.uri()).client(), server.uri().resolve("/api/events"), null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            Await.until(
                    WAIT,
                    "sample, health and alert events",
                    () -> !stream.of("sample").isEmpty()
                            && stream.of("health").size() >= 2
                            && !stream.of("alert").isEmpty());

            JsonNode sample = stream.of("sample").stream()
                    .map(EventStream.Event::json)
                    .filter(e -> e.path("collector").asText().equals("jvm"))
                    .findFirst()
                    .orElseThrow();
            JsonNode first = sample.path("samples").get(0);
            assertThat(first.path("name").asText()).startsWith("jvm.");
            assertThat(first.path("timestamp").asText()).endsWith("Z");
            assertThat(first.path("value").isNumber()).isTrue();
            assertThat(first.has("labels")).isTrue();

            JsonNode health = stream.of("health").get(1).json();
            assertThat(health.path("score").isNumber()).isTrue();
            assertThat(health.path("status").asText()).isNotEmpty();
            assertThat(health.path("collectors"))
                    .extracting(c -> c.path("name").asText())
                    .contains("host", "jvm");

            JsonNode alert = stream.of("alert").get(0).json();
            assertThat(alert.path("rule").asText()).isEqualTo("threads-present");
            assertThat(alert.path("series").path("name").asText()).isEqualTo("jvm.threads.live");
            assertThat(alert.path("to").asText()).isIn("PENDING", "FIRING");
            Await.until(
                    WAIT,
                    "the alert fired",
                    () -> stream.of("alert").stream()
                            .anyMatch(e -> e.json().path("to").asText().equals("FIRING")));
            Await.until(
                    WAIT,
                    "the health event lists the alert",
                    () -> stream.of("health").stream()
                            .anyMatch(e -> e.json().path("alerts").size() > 0));

            List<EventStream.Event> all = stream.events();
            for (int i = 1; i < all.size(); i++) {
                assertThat(Long.parseLong(all.get(i).id()))
                        .isGreaterThan(Long.parseLong(all.get(i - 1).id()));
            }
        }
    }

    @Test
    void aReconnectingClientGetsWhatItMissedAndANewOneTheLatestOfEachType(@TempDir Path dir) throws Exception {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            EventHub hub = server.parts().events();
            hub.publish("run", Map.of("id", 1));
            long seen = hub.publish("run", Map.of("id", 2)).id();
            hub.publish("run", Map.of("id", 3));
            hub.publish("test", Map.of("n", 4));
            Http http = new Http(server.uri());

            try (EventStream again =
                    new EventStream(http.client(), server.uri().resolve("/api/events"), Long.toString(seen))) {
                Await.until(
                        WAIT,
                        "the two missed events",
                        () -> again.of("run").size() + again.of("test").size() >= 2);
                assertThat(again.of("run"))
                        .extracting(e -> e.json().path("id").asInt())
                        .containsExactly(3);
            }
            try (EventStream fresh = new EventStream(http.client(), server.uri().resolve("/api/events"), null)) {
                Await.until(WAIT, "the latest run event", () -> !fresh.of("run").isEmpty());
                assertThat(fresh.of("run"))
                        .extracting(e -> e.json().path("id").asInt())
                        .containsExactly(3);
            }
        }
    }

    @Test
    void publishingNeverWaitsForClientsAndKeepsTheLatestOfEachType() throws Exception {
        try (EventHub hub = new EventHub(16, 4, Duration.ofSeconds(15))) {
            // no client reads: the hub must not block the publisher, whatever the clients do
            for (int i = 0; i < 1_000; i++) {
                hub.publish("sample", Map.of("i", i));
            }
            assertThat(hub.latest("sample").data()).isEqualTo("{\"i\":999}");
            assertThat(hub.clients()).isZero();
        }
    }

    @Test
    void aHundredClientsAtOnceEachGetEveryEventAndTheServiceStillAnswers(@TempDir Path dir) throws Exception {
        int clients = 100;
        // One caller (the loopback address, without authentication) opens them all: its limit raised for this test.
        Supplier<EventHub> hub = () -> new EventHub(
                EventHub.DEFAULT_REPLAY,
                EventHub.DEFAULT_CLIENT_QUEUE,
                EventHub.DEFAULT_HEARTBEAT,
                EventHub.DEFAULT_MAX_STREAMS,
                clients);
        try (PacerServer server =
                PacerServer.start(ServerConfig.forTests(dir), Clock.systemUTC(), List.of(), () -> true, hub)) {
            Http http = new Http(server.uri());
            List<EventStream> streams = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    streams.add(new EventStream(http.client(), server.uri().resolve("/api/events"), null));
                }
                Await.until(
                        WAIT,
                        clients + " clients connected",
                        () -> server.parts().events().clients() == clients);
                for (int i = 0; i < 10; i++) {
                    server.parts().events().publish("test", Map.of("n", i));
                }
                Await.until(
                        WAIT,
                        "every client got all ten events",
                        () -> streams.stream().allMatch(s -> s.of("test").size() == 10));
                for (EventStream s : streams) {
                    assertThat(s.of("test"))
                            .extracting(e -> e.json().path("n").asInt())
                            .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
                }
                assertThat(http.get("/health").status()).isIn(200, 503);
                assertThat(http.get("/metrics").body()).contains("pacer_server_events_clients " + clients + ".0");
            } finally {
                for (EventStream s : streams) {
                    s.close();
                }
            }
        }
    }

    @Test
    void closingTheServerEndsEveryStream(@TempDir Path dir) throws Exception {
        Duration timeout = Duration.ofSeconds(60);
        PacerServer server = PacerServer.start(ServerConfig.forTests(dir).withShutdownTimeout(timeout));
        Http http = new Http(server.uri());
        try (EventStream one = new EventStream(http.client(), server.uri().resolve("/api/events"), null);
                EventStream two = new EventStream(http.client(), server.uri().resolve("/api/events"), null)) {
            Await.until(
                    WAIT, "two clients connected", () -> server.parts().events().clients() == 2);
            long start = System.nanoTime();
            server.close();
            Await.until(WAIT, "both streams ended", () -> one.ended() && two.ended());
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the streams did not hold the stop for its whole timeout")
                    .isLessThan(timeout);
        }
    }

    @Test
    void aClientThatDoesNotAskForEventStreamsGetsTheStreamAnyway(@TempDir Path dir) throws Exception {
        try (PacerServer server = PacerServer.start(ServerConfig.forTests(dir))) {
            server.parts().events().publish("test", Map.of("n", 1));
            Http http = new Http(server.uri());
            for (String accept : new String[] {null, "*/*", "application/json"}) {
                HttpRequest.Builder request =
                        HttpRequest.newBuilder(server.uri().resolve("/api/events"));
                if (accept != null) {
                    request.header("Accept", accept);
                }
                try (EventStream stream = new EventStream(http.client(), request)) {
                    assertThat(stream.status()).as("Accept: %s", accept).isEqualTo(200);
                    assertThat(stream.contentType()).startsWith("text/event-stream");
                    Await.until(
                            WAIT,
                            "the latest test event",
                            () -> !stream.of("test").isEmpty());
                }
            }
        }
    }

    @Test
    void streamsAreLimitedPerCallerAndInTotalOnBoundedThreads(@TempDir Path dir) throws Exception {
        String admin = "pacer_" + "A".repeat(20) + "b".repeat(23);
        ServerConfig config = new ServerConfig("127.0.0.1", 0, dir, StoreConfig.sqlite(dir), false, null)
                .withSecurity(SecurityConfig.DEFAULTS.withAdminKey(admin))
                .withShutdownTimeout(Duration.ofSeconds(5));
        Supplier<EventHub> limited = () ->
                new EventHub(EventHub.DEFAULT_REPLAY, EventHub.DEFAULT_CLIENT_QUEUE, EventHub.DEFAULT_HEARTBEAT, 3, 2);
        try (PacerServer server = PacerServer.start(config, Clock.systemUTC(), List.of(), () -> true, limited)) {
            Http http = new Http(server.uri());
            String viewer = viewerKey(http, server.uri(), admin);
            List<EventStream> open = new java.util.ArrayList<>();
            try {
                open.add(stream(http, server, admin));
                open.add(stream(http, server, admin));
                try (EventStream third = stream(http, server, admin)) {
                    assertThat(third.status()).isEqualTo(429);
                    assertThat(third.contentType()).startsWith("application/problem+json");
                }
                open.add(stream(http, server, viewer));
                try (EventStream fourth = stream(http, server, viewer)) {
                    assertThat(fourth.status()).isEqualTo(503);
                    assertThat(fourth.contentType()).startsWith("application/problem+json");
                    assertThat(fourth.header("Retry-After")).isNotEmpty();
                }
                assertThat(open).extracting(EventStream::status).containsOnly(200);
                assertThat(server.parts().events().clients()).isEqualTo(3);
                assertThat(Thread.getAllStackTraces().keySet())
                        .as("streams are served on Jetty's bounded pool, not on Javalin's unbounded one")
                        .noneMatch(t -> t.getName().startsWith("JavalinDefaultAsyncThreadPool"));

                open.remove(0).close();
                Await.until(WAIT, "the closed stream is noticed and its place given back", () -> {
                    server.parts().events().publish("test", Map.of("n", 1));
                    return server.parts().events().clients() == 2;
                });
                Await.until(WAIT, "the slot of the closed stream is free again", () -> {
                    try (EventStream again = stream(http, server, viewer)) {
                        return again.status() == 200;
                    }
                });
            } finally {
                for (EventStream s : open) {
                    s.close();
                }
            }
        }
    }

    private static EventStream stream(Http http, PacerServer server, String key) throws Exception {
        return new EventStream(
                http.client(),
                HttpRequest.newBuilder(server.uri().resolve("/api/events")).header("Authorization", "Bearer " + key));
    }

    private static String viewerKey(Http http, URI base, String admin) throws Exception {
        HttpRequest.Builder user = HttpRequest.newBuilder(base.resolve("/api/users"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"vera\",\"role\":\"viewer\"}"));
        assertThat(http.client()
                        .send(user.build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(201);
        HttpRequest.Builder key = HttpRequest.newBuilder(base.resolve("/api/keys"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"vera\",\"name\":\"t\",\"role\":\"viewer\"}"));
        HttpResponse<String> answer = http.client().send(key.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(201);
        return Json.documentReader().readTree(answer.body()).path("key").asText();
    }
}
