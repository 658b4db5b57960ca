package io.pacer.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pacer.batch.Batcher;
import io.pacer.internal.Json;
import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import io.pacer.tune.TunablesDirectory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real agent over real batchers, spoken to over real HTTP. */
class PacerAgentTest {

    private static final String SECRET = "s3cret-for-the-agent-test-0123456789";
    private static final String MAX_EVENTS = "batcher.agent-orders.batch.maxEvents";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private InMemorySink<String> sink;
    private Batcher<String> batcher;
    private PacerAgent agent;

    @BeforeEach
    void start() {
        sink = InMemorySink.create();
        batcher = Batcher.<String>builder().name("agent-orders").build(sink);
        agent = PacerAgent.start(PacerAgentConfig.loopback(SECRET)).watch(batcher);
    }

    @AfterEach
    void stop() {
        agent.close();
        batcher.close();
    }

    @Test
    void refusesAMissingOrWrongSecretOnEveryRoute() throws Exception {
        for (String path : List.of("/tunables", "/tunables/" + MAX_EVENTS, "/snapshot", "/nowhere")) {
            HttpResponse<String> missing = call("GET", path, null, null);
            HttpResponse<String> wrong = call("GET", path, null, SECRET + "x");
            HttpResponse<String> prefix = call("GET", path, null, SECRET.substring(0, SECRET.length() - 1));

            for (HttpResponse<String> refused : List.of(missing, wrong, prefix)) {
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"pacer-agent\"");
                assertThat(json(refused).path("status").asInt()).isEqualTo(401);
                assertThat(refused.body()).doesNotContain(SECRET);
            }
        }
        assertThat(json(missing("/tunables")).path("detail").asText()).contains("Authorization: Bearer");
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(50);
        HttpResponse<String> put =
                call("PUT", "/tunables/" + MAX_EVENTS, "{\"value\": 7}", "wrong-secret-wrong-secret");
        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(50);
    }

    @Test
    void listsEveryLiveTunableWithItsTypeDomainAndValue() throws Exception {
        HttpResponse<String> response = call("GET", "/tunables", null, SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode maxEvents = find(json(response).path("tunables"), MAX_EVENTS);
        assertThat(maxEvents.path("namespace").asText()).isEqualTo("batcher.agent-orders");
        assertThat(maxEvents.path("tunable").asText()).isEqualTo("batch.maxEvents");
        assertThat(maxEvents.path("type").asText()).isEqualTo("Integer");
        assertThat(maxEvents.path("value").asInt()).isEqualTo(50);
        assertThat(maxEvents.path("domain").path("min").asInt()).isEqualTo(1);
        assertThat(maxEvents.path("domain").path("max").isInt()).isTrue();
        assertThat(maxEvents.path("doc").asText()).isNotBlank();
        JsonNode linger = find(json(response).path("tunables"), "batcher.agent-orders.batch.linger");
        assertThat(linger.path("type").asText()).isEqualTo("Duration");
        assertThat(linger.path("value").asText()).isEqualTo("100ms");
        assertThat(linger.path("domain").path("min").asText()).isEqualTo("0ms");

        JsonNode one = json(call("GET", "/tunables/" + MAX_EVENTS, null, SECRET));
        assertThat(one).isEqualTo(maxEvents);
    }

    @Test
    void aChangeReachesTheRealBatcherWhichThenBatchesDifferently() throws Exception {
        HttpResponse<String> response =
                call("PUT", "/tunables/" + MAX_EVENTS, "{\"value\": 3, \"source\": \"test\"}", SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode change = json(response);
        assertThat(change.path("old_value").asInt()).isEqualTo(50);
        assertThat(change.path("new_value").asInt()).isEqualTo(3);
        assertThat(change.path("applied").asBoolean()).isTrue();
        assertThat(change.path("source").asText()).isEqualTo("test");
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(3);

        for (int i = 0; i < 9; i++) {
            assertThat(batcher.offer("e" + i)).isTrue();
        }
        assertThat(batcher.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(sink.delivered()).hasSize(9);
        assertThat(sink.batchesDelivered())
                .allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));

        JsonNode snapshot =
                json(call("GET", "/snapshot", null, SECRET)).path("batchers").path("agent-orders");
        assertThat(snapshot.path("maxEvents").asInt()).isEqualTo(3);
        assertThat(snapshot.path("delivered").asLong()).isEqualTo(9);
        assertThat(snapshot.path("batchSize").path("max").asLong()).isLessThanOrEqualTo(3);

        HttpResponse<String> linger =
                call("POST", "/tunables/batcher.agent-orders.batch.linger", "{\"value\": \"250ms\"}", SECRET);
        assertThat(linger.statusCode()).isEqualTo(200);
        assertThat(json(linger).path("new_value").asText()).isEqualTo("250ms");
        assertThat(batcher.snapshot().lingerMicros()).isEqualTo(250_000);
    }

    @Test
    void refusesAValueOutsideTheDomainNamingIt() throws Exception {
        HttpResponse<String> zero = call("PUT", "/tunables/" + MAX_EVENTS, "{\"value\": 0}", SECRET);
        HttpResponse<String> text = call("PUT", "/tunables/" + MAX_EVENTS, "{\"value\": \"many\"}", SECRET);
        HttpResponse<String> linger =
                call("PUT", "/tunables/batcher.agent-orders.batch.linger", "{\"value\": \"3h\"}", SECRET);

        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).path("detail").asText())
                .contains(MAX_EVENTS)
                .contains("must be in [1, ")
                .contains("but was 0");
        assertThat(json(zero).path("domain").path("min").asInt()).isEqualTo(1);
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).path("detail").asText())
                .contains("must be a Integer")
                .contains("'many'");
        assertThat(linger.statusCode()).isEqualTo(400);
        assertThat(json(linger).path("detail").asText()).contains("allowed: [0ms, ");
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(50);
    }

    @Test
    void anUnknownNameIsNotFoundAndListsTheNamespaces() throws Exception {
        HttpResponse<String> set = call("PUT", "/tunables/batcher.nobody.batch.maxEvents", "{\"value\": 5}", SECRET);
        HttpResponse<String> get = call("GET", "/tunables/batcher.agent-orders.batch.nothing", null, SECRET);

        assertThat(set.statusCode()).isEqualTo(404);
        assertThat(json(set).path("detail").asText()).contains("batcher.nobody.batch.maxEvents");
        assertThat(json(set).path("namespaces").toString()).contains("batcher.agent-orders");
        assertThat(get.statusCode()).isEqualTo(404);
    }

    @Test
    void anExpectedValueThatMovedIsAConflictAndADryRunChangesNothing() throws Exception {
        HttpResponse<String> dry = call("PUT", "/tunables/" + MAX_EVENTS, "{\"value\": 80, \"dry_run\": true}", SECRET);
        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(json(dry).path("new_value").asInt()).isEqualTo(80);
        assertThat(json(dry).path("applied").asBoolean()).isFalse();
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(50);

        TunablesDirectory.global().set(MAX_EVENTS, 60, "someone else");
        HttpResponse<String> stale =
                call("PUT", "/tunables/" + MAX_EVENTS, "{\"value\": 80, \"expected\": 50}", SECRET);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).path("value").asInt()).isEqualTo(60);
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(60);

        HttpResponse<String> current =
                call("PUT", "/tunables/" + MAX_EVENTS, "{\"value\": 80, \"expected\": \"60\"}", SECRET);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(80);
    }

    @Test
    void refusesBadBodiesMethodsAndPaths() throws Exception {
        String path = "/tunables/" + MAX_EVENTS;
        assertThat(call("PUT", path, "not json", SECRET).statusCode()).isEqualTo(400);
        assertThat(call("PUT", path, "", SECRET).statusCode()).isEqualTo(400);
        assertThat(call("PUT", path, "[1]", SECRET).statusCode()).isEqualTo(400);
        assertThat(call("PUT", path, "{\"value\": {\"a\": 1}}", SECRET).statusCode())
                .isEqualTo(400);
        HttpResponse<String> unknown = call("PUT", path, "{\"value\": 5, \"vaule\": 6}", SECRET);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("detail").asText()).contains("[vaule]");
        HttpResponse<String> large =
                call("PUT", path, "{\"value\": 5, \"source\": \"" + "x".repeat(20_000) + "\"}", SECRET);
        assertThat(large.statusCode()).isEqualTo(413);
        HttpResponse<String> delete = call("DELETE", "/tunables", null, SECRET);
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).contains("GET");
        assertThat(call("GET", "/elsewhere", null, SECRET).statusCode()).isEqualTo(404);
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(50);
    }

    @Test
    void publishesItsUrlAsADescribedGaugeAndStopsItsThreadsOnClose() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        agent.bindTo(registry);
        Gauge info = registry.get("pacer.agent.info").gauge();
        assertThat(info.getId().getTag("url")).isEqualTo(agent.uri().toString());
        assertThat(agent.uri().toString()).startsWith("http://127.0.0.1:");
        assertThat(info.getId().getDescription()).isNotBlank();
        assertThat(info.value()).isEqualTo(1.0);
        assertThat(call("GET", "/snapshot", null, SECRET).statusCode()).isEqualTo(200);
        String prefix = AgentServer.THREAD_PREFIX + agent.uri().getPort() + "-";
        assertThat(threadsNamed(prefix)).isNotEmpty();
        int dispatchers = threadsNamed("HTTP-Dispatcher").size();

        agent.close();
        agent.close();

        assertThat(info.value()).isEqualTo(0.0);
        Await.until(
                Duration.ofSeconds(10),
                "the agent's threads to end",
                () -> threadsNamed(prefix).isEmpty());
        assertThatThrownBy(() -> call("GET", "/snapshot", null, SECRET)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseOrAnUnknownHostFailsAtStartSayingWhy() {
        PacerAgentConfig taken =
                PacerAgentConfig.loopback(SECRET).withPort(agent.uri().getPort());
        assertThatThrownBy(() -> PacerAgent.start(taken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "could not listen on 127.0.0.1:" + agent.uri().getPort());
        assertThatThrownBy(
                        () -> PacerAgent.start(PacerAgentConfig.loopback(SECRET).withHost("no-such-host.invalid")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no such address here");
    }

    @Test
    void itsConfigWantsAStrongSecretAndNeverShowsIt() {
        assertThatThrownBy(() -> PacerAgentConfig.loopback("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("agent secret must be at least 16 characters without surrounding white space (e.g. 32"
                        + " random bytes in base64), but was 'a secret of 5 characters'");
        assertThatThrownBy(() -> PacerAgentConfig.loopback(null)).hasMessageContaining("but was null");
        assertThatThrownBy(() -> PacerAgentConfig.loopback(SECRET).withThreads(0))
                .hasMessage("agent threads must be in [1, 16], but was 0");
        assertThat(PacerAgentConfig.loopback(SECRET).toString())
                .doesNotContain(SECRET)
                .contains("secret=***");
    }

    private List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .toList();
    }

    private HttpResponse<String> missing(String path) throws IOException, InterruptedException {
        return call("GET", path, null, null);
    }

    private HttpResponse<String> call(String method, String path, String body, String secret)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(agent.uri() + PacerAgent.BASE_PATH + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("Authorization", "Bearer " + secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.valueReader(JsonNode.class).readTree(response.body());
    }

    private static JsonNode find(JsonNode tunables, String name) {
        for (JsonNode t : tunables) {
            if (t.path("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError(name + " not listed in " + tunables);
    }
}
