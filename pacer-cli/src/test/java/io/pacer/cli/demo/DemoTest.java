package io.pacer.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.testing.Await;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo end to end, as a user watches it, through the service's real HTTP API: the test plays the fault schedule
 * itself (each fault lasts until its effect shows), so it does not depend on how fast this machine is.
 */
class DemoTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> LAGGING = Set.of("WARN", "STALL", "STOP");

    private static final Duration REASK = Duration.ofMillis(250);

    /** The demo's sign-in key: every API call carries it, as a dashboard or script would. */
    private String key;

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private String spoolDepthName;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theServiceSeesEveryFaultAndNoEventIsLost(@TempDir Path dir) throws Exception {
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.CALM);
        DemoSchedule schedule = new DemoSchedule(
                Duration.ofSeconds(5),
                Duration.ofSeconds(4), // the breaker stays open a quarter of it: 1 s
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(20),
                DemoSchedule.DEFAULT_BASE_RATE);
        List<String> said = new ArrayList<>();
        Demo demo =
                Demo.start(new Demo.Options(0, dir, schedule, Duration.ofMillis(250), elapsed -> phase.get()), line -> {
                    synchronized (said) {
                        said.add(line);
                    }
                });
        URI base = demo.uri();
        key = demo.signInKey();
        assertThat(key).startsWith("pacer_");
        Demo.Summary summary;
        try {
            // The service scrapes the pipeline: its batcher and cache meters arrive as history.
            Await.until(
                    WAIT,
                    "the batcher's delivered events in the service's history",
                    () -> last(base, "pacer_batcher_events_total", "outcome", "delivered") > 0);
            assertThat(series(base, "pacer_cache_requests_total", "cache", Pipeline.CACHE))
                    .as("the tiered cache's meters")
                    .isNotEmpty();
            // ...and the gauge naming the pipeline's agent, which answers only to its secret.
            JsonNode agents = get(base, "/api/performance/metrics?hours=1&name=pacer_agent_info");
            assertThat(agents.path("series")).as("the agent's info gauge").hasSize(1);
            URI agent = URI.create(
                    agents.path("series").get(0).path("labels").path("url").asText());
            assertThat(agent.getHost()).isEqualTo("127.0.0.1");
            HttpResponse<String> anonymous = client.send(
                    HttpRequest.newBuilder(agent.resolve("/pacer/agent/v1/tunables"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            Await.until(WAIT, "the consumer group evaluated OK", () -> "OK".equals(lagStatus(base)));

            phase.set(Phase.SINK_OUTAGE);
            Await.until(
                    WAIT,
                    "the breaker open in the service's history",
                    () -> last(base, "pacer_batcher_breaker_state", "batcher", Pipeline.BATCHER) == 2);
            Await.until(WAIT, "the spool filling", () -> last(base, spoolDepth(base), "batcher", Pipeline.BATCHER) > 0);

            phase.set(Phase.CALM);
            Await.until(
                    WAIT,
                    "the breaker closed again",
                    () -> last(base, "pacer_batcher_breaker_state", "batcher", Pipeline.BATCHER) == 0);
            Await.until(
                    WAIT, "the spool drained", () -> last(base, spoolDepth(base), "batcher", Pipeline.BATCHER) == 0);
            assertThat(last(base, "pacer_batcher_breaker_trips", "batcher", Pipeline.BATCHER))
                    .isGreaterThanOrEqualTo(1);
            for (String lost : List.of("failed", "dropped", "rejected")) {
                assertThat(last(base, "pacer_batcher_events_total", "outcome", lost))
                        .as("events " + lost)
                        .isZero();
            }

            phase.set(Phase.SLOW_CONSUMER);
            Await.until(
                    WAIT,
                    "the slowed group's lag evaluated as lagging",
                    () -> lagStatus(base),
                    LAGGING::contains,
                    () -> "lag " + lastLag);
            Await.until(
                    WAIT,
                    "the lag alert firing",
                    () -> get(base, "/api/alerts").toString().contains("kafka-group-status"));
            // Stopped with the consumer still slowed, as a user's Ctrl-C may come: the stop ends the fault.
        } finally {
            summary = demo.stop();
        }

        assertThat(summary.accepted()).isPositive();
        assertThat(summary.lossless()).as(summary.toString()).isTrue();
        assertThat(said).contains(Phase.SINK_OUTAGE.narration(), Phase.SLOW_CONSUMER.narration());
        assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", base.getPort()), 1_000))
                .as("the service's port is released")
                .isInstanceOf(ConnectException.class);
        Await.until(Duration.ofSeconds(10), "the demo's threads ended", DemoTest::demoThreads, List::isEmpty, () -> "");
    }

    private static List<String> demoThreads() {
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (t.isAlive()
                    && (name.startsWith("pacer-demo")
                            || name.startsWith("pacer-http")
                            || name.startsWith("pacer-agent")
                            || name.startsWith("pacer-alert-evaluator")
                            || name.contains("pacer-demo-pipeline")
                            || name.contains("pacer-demo-consumer"))) {
                alive.add(name);
            }
        }
        return alive;
    }

    /** The spool depth's name as Micrometer's Prometheus registry writes it (with its unit). */
    private String spoolDepth(URI base) throws Exception {
        if (spoolDepthName != null) {
            return spoolDepthName;
        }
        JsonNode all = get(base, "/api/performance/metrics?hours=1");
        for (JsonNode s : all.path("series")) {
            if (s.path("name").asText().startsWith("pacer_batcher_spool_depth")) {
                spoolDepthName = s.path("name").asText();
                return spoolDepthName;
            }
        }
        throw new AssertionError("no spool depth series yet");
    }

    /** The newest value of the series {@code name} whose label {@code key} is {@code value}. */
    private double last(URI base, String name, String key, String value) throws Exception {
        List<JsonNode> found = series(base, name, key, value);
        assertThat(found).as(name + "{" + key + "=" + value + "}").hasSize(1);
        JsonNode points = found.get(0).path("points");
        return points.get(points.size() - 1).path("last").asDouble();
    }

    private List<JsonNode> series(URI base, String name, String key, String value) throws Exception {
        JsonNode answer = get(
                base,
                "/api/performance/metrics?hours=1&name=" + name + "&label." + key + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
        List<JsonNode> found = new ArrayList<>();
        answer.path("series").forEach(found::add);
        return found;
    }

    private volatile JsonNode lastLag;

    private String lagStatus(URI base) throws Exception {
        lastLag = get(base, "/api/lag");
        for (JsonNode g : lastLag.path("groups")) {
            if (g.path("group").path("name").asText().equals(DemoConsumer.GROUP)) {
                return g.path("group").path("status").asText();
            }
        }
        return null;
    }

    /**
     * The answer for {@code path}, asked at most every {@link #REASK} (the service collects every 250 ms; asking more
     * often would learn nothing and spend the service's per-address rate limit, 600 requests a minute).
     */
    private JsonNode get(URI base, String path) throws IOException, InterruptedException {
        Answer last = answers.get(path);
        if (last != null && System.nanoTime() - last.at() < REASK.toNanos()) {
            return last.json();
        }
        JsonNode json = fetch(base, path);
        answers.put(path, new Answer(System.nanoTime(), json));
        return json;
    }

    private record Answer(long at, JsonNode json) {}

    private JsonNode fetch(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + key)
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.documentReader().readTree(response.body());
    }
}
