package io.pacer.server.analysis;

import static io.pacer.server.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.analysis.action.Actions;
import io.pacer.analysis.action.ActionsConfig;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.server.OptimizationConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.testing.Await;
import io.pacer.testing.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 002's {@code ENABLE_AUTO_OPTIMIZATION} through the whole service: a real redis-server evicts under a too-small
 * {@code maxmemory}, the service's own analysis recommends a larger one (a safe change), and auto-optimisation applies
 * it unattended, within the change budget, and verifies it — all visible in the history as {@code auto-optimisation}.
 */
@ExtendWith(RedisExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class AutoOptimizationTest {

    @TempDir
    static Path dir;

    @Test
    void aSafeRecommendationIsAppliedAndVerifiedUnattendedWithinTheBudget(EmbeddedRedis embedded) throws Exception {
        RedisClient client = RedisClient.create(embedded.uri());
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            redis.configSet("maxmemory-policy", "allkeys-lru");
            long used = Long.parseLong(redis.info("memory")
                    .lines()
                    .filter(l -> l.startsWith("used_memory:"))
                    .findFirst()
                    .orElseThrow()
                    .substring("used_memory:".length())
                    .strip());
            String small = Long.toString(used + 1024 * 1024);
            redis.configSet("maxmemory", small);
            String value = "x".repeat(2048);
            AtomicLong key = new AtomicLong();
            writer.scheduleAtFixedRate(
                    () -> {
                        for (int i = 0; i < 20; i++) {
                            redis.set("key-" + key.incrementAndGet(), value);
                        }
                    },
                    0,
                    20,
                    TimeUnit.MILLISECONDS);
            ActionsConfig auto = new ActionsConfig(
                    true, Duration.ofSeconds(2), 1, ActionsConfig.DEFAULT_PLAN_TTL, Duration.ofSeconds(4));
            ServerConfig config = ServerConfig.forTests(dir)
                    .withTargets(TargetsConfig.ofDefaults()
                            .withFlags(
                                    List.of(),
                                    List.of(embedded.host() + ":" + embedded.port()),
                                    List.of(),
                                    List.of(),
                                    List.of(),
                                    List.of()))
                    .withInterval(Duration.ofMillis(500))
                    .withOptimization(
                            OptimizationConfig.DEFAULTS.withActions(auto).withAnalysisMaxAge(Duration.ofSeconds(1)));
            try (PacerServer server = PacerServer.start(config)) {
                TestClient http = new TestClient(server.uri());
                JsonNode[] action = new JsonNode[1];
                Await.until(Duration.ofSeconds(120), "auto-optimisation applied and verified an action", () -> {
                    for (JsonNode a :
                            json(http.get("/api/optimization/history?limit=10")).path("actions")) {
                        if (a.path("requested_by").asText().equals(Actions.AUTO_OPTIMISATION)
                                && List.of("kept", "reverted")
                                        .contains(a.path("status").asText())) {
                            action[0] = a;
                            return true;
                        }
                    }
                    return false;
                });
                assertThat(action[0].path("plan").path("request").path("kind").asText())
                        .isEqualTo("redis.config");
                assertThat(action[0].path("plan").path("safe").asBoolean()).isTrue();
                assertThat(action[0].path("verdict").asText()).isNotBlank();
                long auto1 = 0;
                for (JsonNode a :
                        json(http.get("/api/optimization/history?limit=50")).path("actions")) {
                    if (a.path("requested_by").asText().equals(Actions.AUTO_OPTIMISATION)
                            && !a.path("status").asText().equals("failed")) {
                        auto1++;
                    }
                }
                assertThat(auto1).as("a change budget of one per hour").isEqualTo(1);
            }
        } finally {
            writer.shutdownNow();
            writer.awaitTermination(5, TimeUnit.SECONDS);
            client.shutdown();
        }
    }
}
