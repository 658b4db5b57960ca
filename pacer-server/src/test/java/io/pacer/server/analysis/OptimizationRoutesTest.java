package io.pacer.server.analysis;

import static io.pacer.server.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.analysis.action.ActionsConfig;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.server.OptimizationConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.testing.Await;
import io.pacer.testing.RedisExtension;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimisation routes against a real service and a real redis-server, through the {@code redis.config} executor:
 * the dry run shows the exact change, apply carries out exactly that plan, a plan whose target moved is refused with a
 * 409 problem and recorded, seed 002's body plans and applies in one step, scheduling applies at its time, revert
 * restores the value — and every refusal is a problem naming what was wrong.
 */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptimizationRoutesTest {

    private static final long MIB = 1024L * 1024L;

    @TempDir
    static Path dir;

    private PacerServer server;
    private TestClient client;
    private RedisClient redisClient;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private String target;

    @BeforeAll
    void start(EmbeddedRedis embedded) {
        target = embedded.host() + ":" + embedded.port();
        redisClient = RedisClient.create(embedded.uri());
        connection = redisClient.connect();
        redis = connection.sync();
        ActionsConfig actions = ActionsConfig.ofDefaults();
        ServerConfig config = ServerConfig.forTests(dir)
                .withTargets(TargetsConfig.ofDefaults()
                        .withFlags(List.of(), List.of(target), List.of(), List.of(), List.of(), List.of()))
                .withInterval(Duration.ofMillis(500))
                .withOptimization(OptimizationConfig.DEFAULTS.withActions(new ActionsConfig(
                        false,
                        actions.checkInterval(),
                        actions.changesPerHour(),
                        actions.planTtl(),
                        Duration.ofSeconds(2))));
        server = PacerServer.start(config);
        client = new TestClient(server.uri());
    }

    @BeforeEach
    void knownMaxmemory() {
        redis.configSet("maxmemory", Long.toString(32 * MIB));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (connection != null) {
            connection.close();
            redisClient.shutdown();
        }
    }

    private String maxmemory() {
        return redis.configGet("maxmemory").get("maxmemory");
    }

    private JsonNode plan(long bytes) {
        HttpResponse<String> planned = client.post(
                "/api/optimization/plan",
                "{\"kind\":\"redis.config\",\"target\":\"" + target
                        + "\",\"parameters\":{\"parameter\":\"maxmemory\",\"value\":\"" + bytes + "\"}}");
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);
        return json(planned);
    }

    @Test
    void theDryRunShowsTheExactChangeAndApplyCarriesOutThatPlanThenRevertRestoresIt() {
        JsonNode plan = plan(64 * MIB);
        assertThat(plan.path("changes").get(0).path("before").asText()).isEqualTo(Long.toString(32 * MIB));
        assertThat(plan.path("changes").get(0).path("after").asText()).isEqualTo(Long.toString(64 * MIB));
        assertThat(maxmemory()).as("a dry run changes nothing").isEqualTo(Long.toString(32 * MIB));

        HttpResponse<String> applied = client.post(
                "/api/optimization/apply", "{\"plan_id\":\"" + plan.path("id").asText() + "\"}");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode record = json(applied);
        assertThat(record.path("plan").path("id").asText())
                .isEqualTo(plan.path("id").asText());
        assertThat(record.path("status").asText()).isEqualTo("verifying");
        assertThat(record.path("requested_by").asText()).isEqualTo("anonymous (--no-auth)");
        assertThat(maxmemory()).isEqualTo(Long.toString(64 * MIB));

        JsonNode history = json(client.get("/api/optimization/history?limit=5"));
        assertThat(history.path("actions").get(0).path("id").asText())
                .isEqualTo(record.path("id").asText());

        HttpResponse<String> reverted =
                client.delete("/api/optimization/revert?id=" + record.path("id").asText() + "&reason=test");
        assertThat(reverted.statusCode()).as(reverted.body()).isEqualTo(200);
        assertThat(json(reverted).path("status").asText()).isEqualTo("reverted");
        assertThat(json(reverted).path("revert_reason").asText()).isEqualTo("test");
        assertThat(maxmemory()).isEqualTo(Long.toString(32 * MIB));
    }

    @Test
    void aPlanWhoseTargetMovedIsRefusedWith409AndRecordedAsFailed() {
        JsonNode plan = plan(48 * MIB);
        redis.configSet("maxmemory", Long.toString(40 * MIB));

        HttpResponse<String> refused = client.post(
                "/api/optimization/apply", "{\"plan_id\":\"" + plan.path("id").asText() + "\"}");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(refused).path("type").asText()).isEqualTo(OptimizationRoutes.STALE_PLAN);
        assertThat(json(refused).path("detail").asText()).contains("maxmemory").contains("plan again");
        assertThat(maxmemory()).as("nothing changed").isEqualTo(Long.toString(40 * MIB));
        JsonNode latest = json(client.get("/api/optimization/history?limit=1"))
                .path("actions")
                .get(0);
        assertThat(latest.path("status").asText()).isEqualTo("failed");
        assertThat(latest.path("plan").path("id").asText())
                .isEqualTo(plan.path("id").asText());
    }

    @Test
    void seed002sBodyPlansAndAppliesInOneStep() {
        HttpResponse<String> applied = client.post(
                "/api/optimization/apply",
                "{\"service_name\":\"" + target + "\",\"optimization_type\":\"redis.config\","
                        + "\"action_parameters\":{\"parameter\":\"maxmemory\",\"value\":\"96mb\"}}");

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode change = json(applied).path("plan").path("changes").get(0);
        assertThat(change.path("after").asText()).isEqualTo(Long.toString(96 * MIB));
        assertThat(maxmemory()).isEqualTo(Long.toString(96 * MIB));
        client.delete("/api/optimization/revert?id=" + json(applied).path("id").asText());
    }

    @Test
    void aScheduledPlanIsAppliedAtItsTime() {
        JsonNode plan = plan(80 * MIB);
        Instant at = Instant.now().plusSeconds(2);

        HttpResponse<String> scheduled = client.post(
                "/api/optimization/schedule",
                "{\"plan_id\":\"" + plan.path("id").asText() + "\",\"at\":\"" + at + "\"}");

        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
        assertThat(json(scheduled).path("status").asText()).isEqualTo("scheduled");
        assertThat(maxmemory()).as("not before its time").isEqualTo(Long.toString(32 * MIB));
        String id = json(scheduled).path("id").asText();
        Await.until(
                Duration.ofSeconds(20),
                "the scheduled action applied",
                () -> maxmemory().equals(Long.toString(80 * MIB)));
        client.delete("/api/optimization/revert?id=" + id);
    }

    @Test
    void refusalsAreProblemsNamingWhatWasWrong() {
        record Case(String method, String path, String body, int status, String says) {}
        List<Case> cases = List.of(
                new Case("POST", "/api/optimization/plan", "{\"kind\":\"redis.config\",\"taget\":\"x\"}", 400, "taget"),
                new Case("POST", "/api/optimization/plan", "{}", 400, "says nothing to do"),
                new Case("POST", "/api/optimization/plan", "{\"kind\":\"nope\",\"target\":\"x\"}", 400, "redis.config"),
                new Case(
                        "POST",
                        "/api/optimization/plan",
                        "{\"kind\":\"redis.config\",\"target\":\"" + target
                                + "\",\"parameters\":{\"parameter\":\"no-such-parameter\",\"value\":\"1\"}}",
                        400,
                        "no-such-parameter"),
                new Case(
                        "POST",
                        "/api/optimization/plan",
                        "{\"kind\":\"redis.config\",\"target\":\"127.0.0.1:1\","
                                + "\"parameters\":{\"parameter\":\"maxmemory\",\"value\":\"1\"}}",
                        400,
                        "not a target of this service"),
                new Case(
                        "POST",
                        "/api/optimization/plan",
                        "{\"kind\":\"agent.tunable\",\"target\":\"http://evil.example:80\","
                                + "\"parameters\":{\"name\":\"a\",\"value\":\"1\"}}",
                        400,
                        "no agent at http://evil.example:80"),
                new Case("POST", "/api/optimization/apply", "{\"plan_id\":\"plan-0000000000000000\"}", 404, "plan"),
                new Case(
                        "POST",
                        "/api/optimization/apply",
                        "{\"plan_id\":\"p\",\"kind\":\"redis.config\",\"target\":\"x\"}",
                        400,
                        "not both"),
                new Case("POST", "/api/optimization/apply", "{\"recommendation_id\":\"nope\"}", 404, "nope"),
                new Case(
                        "POST",
                        "/api/optimization/schedule",
                        "{\"plan_id\":\"p\",\"at\":\"tomorrow\"}",
                        400,
                        "ISO-8601"),
                new Case(
                        "POST",
                        "/api/optimization/schedule",
                        "{\"plan_id\":\"p\",\"at\":\"2000-01-01T00:00:00Z\"}",
                        400,
                        "from now"),
                new Case("DELETE", "/api/optimization/revert", "", 400, "id"),
                new Case("DELETE", "/api/optimization/revert?id=nope", "", 404, "nope"),
                new Case("GET", "/api/optimization/history?limit=0", "", 400, "limit"));
        for (Case c : cases) {
            HttpResponse<String> r = switch (c.method()) {
                case "POST" -> client.post(c.path(), c.body());
                case "DELETE" -> client.delete(c.path());
                default -> client.get(c.path());
            };
            assertThat(r.statusCode())
                    .as(c.method() + " " + c.path() + " " + c.body() + ": " + r.body())
                    .isEqualTo(c.status());
            assertThat(json(r).path("detail").asText() + json(r).path("errors"))
                    .as(c.path() + " " + c.body())
                    .contains(c.says());
        }
        assertThat(maxmemory()).isEqualTo(Long.toString(32 * MIB));
    }
}
