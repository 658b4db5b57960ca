package io.pacer.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.analysis.action.ActionsConfig;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.server.OptimizationConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.ServerConfig;
import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.testing.RedisExtension;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's recommendations and action history against the whole service and a real redis-server whose
 * {@code maxmemory} is too small for what a writer puts in it, so it evicts: the service collects Redis, the analysis
 * recommends a larger {@code maxmemory}, a person clicks Apply, sees the plan (the dry run: maxmemory now and after),
 * confirms it, and the action history shows the action verified — judged over a short verification window — with its
 * verdict, while Redis runs with the planned value (or its old one again, if the verdict reverted it).
 */
@ExtendWith({ChromiumExtension.class, RedisExtension.class})
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class OptimizationBrowserTest {

    /** What the writer adds to Redis each round: far more than the small maxmemory holds. */
    private static final int KEYS_PER_ROUND = 20;

    private static final String APPLY = "#recommendations-list li[data-kind='redis.config'] button[data-role='apply']";
    private static final String CONFIRM = "#recommendations-list .plan button[data-role='confirm']";
    private static final Duration VERIFY_WINDOW = Duration.ofSeconds(8);

    private static PacerServer server;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;
    private static RedisCommands<String, String> redis;
    private static ScheduledExecutorService writer;
    private static String smallMaxmemory;

    @BeforeAll
    static void start(EmbeddedRedis embedded, @TempDir Path dir) {
        client = RedisClient.create(embedded.uri());
        connection = client.connect();
        redis = connection.sync();
        redis.configSet("maxmemory-policy", "allkeys-lru");
        long used = Long.parseLong(redis.info("memory")
                .lines()
                .filter(l -> l.startsWith("used_memory:"))
                .findFirst()
                .orElseThrow()
                .substring("used_memory:".length())
                .strip());
        smallMaxmemory = Long.toString(used + 1024 * 1024);
        redis.configSet("maxmemory", smallMaxmemory);
        String value = "x".repeat(2048);
        AtomicLong key = new AtomicLong();
        writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(
                () -> {
                    for (int i = 0; i < KEYS_PER_ROUND; i++) {
                        redis.set("key-" + key.incrementAndGet(), value);
                    }
                },
                0,
                20,
                TimeUnit.MILLISECONDS);
        ActionsConfig d = ActionsConfig.ofDefaults();
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
                .withOptimization(OptimizationConfig.DEFAULTS
                        .withAnalysisMaxAge(Duration.ofSeconds(1))
                        .withActions(new ActionsConfig(
                                false, d.checkInterval(), d.changesPerHour(), d.planTtl(), VERIFY_WINDOW)));
        server = PacerServer.start(config);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (writer != null) {
            writer.shutdownNow();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
    }

    @Test
    void applyingARecommendationShowsThePlanThenTheActionVerified(Browser browser) {
        browser.open(URI.create(server.uri() + DashboardRoutes.PATH));
        browser.await(Duration.ofSeconds(120), "document.querySelector(\"" + APPLY + "\") !== null");
        browser.screenshot("optimization-recommended");

        // the buttons are rendered again with every analysis: find and click in one step in the page
        browser.script("document.querySelector(arguments[0]).click();", APPLY);
        browser.await(Duration.ofSeconds(30), "document.querySelector(\"" + CONFIRM + "\") !== null");
        String plan =
                (String) browser.script("return document.querySelector('#recommendations-list .plan').innerText;");
        assertThat(plan)
                .as("the dry run shows the setting, its value now and after")
                .contains("maxmemory");
        assertThat(plan).contains(smallMaxmemory);
        String planId =
                (String) browser.script("return document.querySelector('#recommendations-list .plan').dataset.plan;");

        browser.script("document.querySelector(arguments[0]).click();", CONFIRM);
        browser.await(Duration.ofSeconds(30), "document.querySelector('#actions-rows tr[data-status]') !== null");
        String status = (String) browser.script("return document.querySelector('#actions-rows tr').dataset.status;");
        assertThat(status).as("applied, its verification window running").isIn("verifying", "kept", "reverted");
        assertThat(redis.configGet("maxmemory").get("maxmemory"))
                .as("Redis runs with the planned value")
                .isNotEqualTo(smallMaxmemory);

        browser.await(
                VERIFY_WINDOW.plusSeconds(60),
                "['kept', 'reverted'].includes(document.querySelector('#actions-rows tr').dataset.status)");
        String verdict =
                (String) browser.script("return document.querySelector('#actions-rows tr .verdict').innerText;");
        assertThat(verdict.strip())
                .as("the verdict of the comparison, with its statistic")
                .matches("(?s)(improved|unchanged|regressed|inconclusive).*");
        String row = (String) browser.script("return document.querySelector('#actions-rows tr').innerText;");
        assertThat(row).contains("maxmemory").contains("anonymous");
        String finalStatus =
                (String) browser.script("return document.querySelector('#actions-rows tr').dataset.status;");
        String maxmemory = redis.configGet("maxmemory").get("maxmemory");
        if (finalStatus.equals("kept")) {
            assertThat(maxmemory).as("kept: the planned value stays").isNotEqualTo(smallMaxmemory);
        } else {
            assertThat(maxmemory).as("reverted: the value before").isEqualTo(smallMaxmemory);
        }
        assertThat(planId).startsWith("plan-");
        browser.screenshot("optimization-verified");
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
