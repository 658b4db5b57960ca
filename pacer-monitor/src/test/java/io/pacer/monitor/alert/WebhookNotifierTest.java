package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.pacer.internal.Json;
import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhooks delivered to a real HTTP server on a loopback port: retries, refusals, and a slow receiver. */
class WebhookNotifierTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private HttpServer server;
    private WebhookNotifier notifier;

    private record Received(String contentType, String authorization, String body) {}

    private interface Answer {
        int status(int call, HttpExchange exchange) throws Exception;
    }

    private URI serve(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int status = answer.status(calls.incrementAndGet(), exchange);
                if (status == 200) {
                    received.add(new Received(
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            body));
                }
                byte[] reply = (status == 200 ? "ok" : "broken\n  for now").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (Exception e) {
                exchange.sendResponseHeaders(599, -1);
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static AlertTransition firing(String rule, int second) {
        return new AlertTransition(
                rule,
                new SeriesKey("host.cpu.usage.ratio", Map.of("host", "a")),
                AlertState.PENDING,
                AlertState.FIRING,
                Severity.CRITICAL,
                0.93,
                0.9,
                T0.plusSeconds(second),
                T0,
                "scale_up",
                "host.cpu.usage.ratio{host=\"a\"} = 0.93 >= critical 0.9 for 1m");
    }

    @Test
    void retriesA500WithBackoffThenDeliversTheDocumentedBody() throws Exception {
        URI url = serve((call, exchange) -> call <= 2 ? 500 : 200);
        notifier = Notifier.webhook(WebhookConfig.of(url)
                .withHeaders(Map.of("Authorization", "Bearer t0ken"))
                .withRetries(Duration.ofMillis(5), Duration.ofMillis(20), 5));

        notifier.notify(firing("cpu", 60));

        Await.until(WAIT, "the third attempt delivered", () -> notifier.stats().delivered() == 1);
        assertThat(notifier.stats()).isEqualTo(new WebhookNotifier.Stats(1, 2, 0, 0, 0));
        Received r = received.peek();
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.authorization()).isEqualTo("Bearer t0ken");
        WebhookPayload body =
                Json.documentReader().forType(WebhookPayload.class).readValue(r.body());
        assertThat(body).isEqualTo(WebhookPayload.of(firing("cpu", 60)));
        assertThat(Json.documentReader().readTree(r.body()).fieldNames())
                .toIterable()
                .containsExactly(
                        "version",
                        "source",
                        "rule",
                        "state",
                        "previousState",
                        "severity",
                        "metric",
                        "labels",
                        "series",
                        "value",
                        "threshold",
                        "at",
                        "since",
                        "action",
                        "message");
        assertThat(r.body())
                .contains(
                        "\"at\":\"2026-11-29T10:01:00Z\"",
                        "\"state\":\"FIRING\"",
                        "\"series\":\"host.cpu.usage.ratio{host=\\\"a\\\"}\"");
    }

    @Test
    void givesUpAfterMaxAttemptsAndDoesNotRetryARefusal() throws Exception {
        URI url = serve((call, exchange) -> exchange.getRequestURI().getQuery() == null ? 503 : 400);
        notifier = Notifier.webhook(WebhookConfig.of(url).withRetries(Duration.ofMillis(1), Duration.ofMillis(4), 3));
        notifier.notify(firing("cpu", 1));
        Await.until(WAIT, "given up after 3 attempts", () -> notifier.stats().failed() == 1);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(notifier.stats().retried()).isEqualTo(2);

        WebhookNotifier refused = Notifier.webhook(
                WebhookConfig.of(URI.create(url + "?bad")).withRetries(Duration.ofMillis(1), Duration.ofMillis(4), 3));
        try {
            refused.notify(firing("cpu", 2));
            Await.until(WAIT, "refused once", () -> refused.stats().failed() == 1);
            assertThat(calls.get()).as("a 400 is not retried").isEqualTo(4);
            assertThat(refused.stats().retried()).isZero();
        } finally {
            refused.close();
        }
    }

    @Test
    void aSlowWebhookNeverBlocksEvaluationAndOverflowIsCountedNotWaitedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        URI url = serve((call, exchange) -> {
            if (!release.await(30, TimeUnit.SECONDS)) {
                return 500;
            }
            return 200;
        });
        notifier = Notifier.webhook(WebhookConfig.of(url).withQueueCapacity(2).withTimeout(Duration.ofSeconds(30)));
        AlertEngine engine = AlertEngine.builder()
                .rule(AlertRule.of("cpu", "host.cpu.usage.ratio", 0.7, null)
                        .withFor(Duration.ZERO)
                        .withHysteresis(Hysteresis.NONE))
                .notifier(notifier)
                .build();

        int notifications = 0;
        for (int i = 0; i < 10; i++) {
            Instant now = T0.plusSeconds(i);
            double value = i % 2 == 0 ? 0.9 : 0.1;
            Evaluation ev = engine.evaluate(List.of(Sample.of("host.cpu.usage.ratio", Map.of(), now, value)), now);
            notifications += ev.transitions().size();
            if (i == 0) {
                Await.until(WAIT, "the first post in flight", () -> calls.get() == 1);
            }
        }

        assertThat(release.getCount())
                .as("every evaluation returned while the receiver still held the first post")
                .isOne();
        assertThat(notifications).isEqualTo(10);
        WebhookNotifier.Stats held = notifier.stats();
        assertThat(held.dropped())
                .as("1 in flight, 2 queued, the rest dropped: " + held)
                .isEqualTo(7);
        assertThat(held.queued()).isEqualTo(2);

        release.countDown();
        Await.until(
                WAIT,
                "the queued notifications delivered",
                () -> notifier.stats().delivered() == 3);
        assertThat(received)
                .extracting(r ->
                        Json.documentReader().readTree(r.body()).get("state").asText())
                .containsExactly("FIRING", "RESOLVED", "FIRING");
    }

    @Test
    void closeAccountsForEveryNotificationEvenWithTheReceiverStuck() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        URI url = serve((call, exchange) -> never.await(30, TimeUnit.SECONDS) ? 200 : 500);
        notifier = Notifier.webhook(WebhookConfig.of(url)
                .withQueueCapacity(5)
                .withTimeout(Duration.ofMillis(300))
                .withRetries(Duration.ofSeconds(10), Duration.ofSeconds(10), 5));
        for (int i = 0; i < 8; i++) {
            notifier.notify(firing("cpu", i));
        }
        Await.until(WAIT, "the first post in flight", () -> calls.get() >= 1);

        notifier.close();

        WebhookNotifier.Stats s = notifier.stats();
        assertThat(s.delivered() + s.failed() + s.dropped()).as(s.toString()).isEqualTo(8);
        assertThat(s.delivered()).isZero();
        assertThat(s.queued()).isZero();
        assertThat(s.retried())
                .as("a closing notifier does not wait out a 10 s backoff")
                .isLessThanOrEqualTo(1);
        notifier.notify(firing("cpu", 9));
        assertThat(notifier.stats().dropped()).as("closed: counted as dropped").isEqualTo(s.dropped() + 1);
        never.countDown();
    }
}
