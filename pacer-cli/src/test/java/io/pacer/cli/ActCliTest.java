package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.internal.Json;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.server.PacerServer;
import io.pacer.server.SecurityConfig;
import io.pacer.server.ServerConfig;
import io.pacer.testing.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pacer act} against an in-process service that requires credentials, acting on a real redis-server through the
 * {@code redis.config} executor: plan shows the change, apply carries out that plan, history lists it, revert undoes
 * it; a stale plan and an unknown plan exit 1 with the service's reason; bad usage and a missing key exit 2.
 */
@ExtendWith(RedisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActCliTest {

    private static final String KEY = "pacer_" + "k".repeat(43);
    private static final long MIB = 1024L * 1024L;
    private static final Pattern PLAN = Pattern.compile("plan (plan-[0-9a-f]+)");
    private static final Pattern ACTION = Pattern.compile("action (\\S+): (\\w+)");

    @TempDir
    static Path dir;

    private PacerServer server;
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
        server = PacerServer.start(new ServerConfig("127.0.0.1", 0, dir, StoreConfig.sqlite(dir), false, null)
                .withSecurity(SecurityConfig.DEFAULTS.withAdminKey(KEY))
                .withTargets(TargetsConfig.ofDefaults()
                        .withFlags(List.of(), List.of(target), List.of(), List.of(), List.of(), List.of()))
                .withShutdownTimeout(Duration.ofSeconds(5)));
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

    private Cli act(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = server.uri().toString();
        all[args.length + 2] = "--api-key";
        all[args.length + 3] = KEY;
        String[] full = new String[all.length + 1];
        full[0] = "act";
        System.arraycopy(all, 0, full, 1, all.length);
        return Cli.run(full);
    }

    private String maxmemory() {
        return redis.configGet("maxmemory").get("maxmemory");
    }

    private String plan(String value) {
        Cli plan = act(
                "plan",
                "--kind",
                "redis.config",
                "--target",
                target,
                "-p",
                "parameter=maxmemory",
                "-p",
                "value=" + value);
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        Matcher m = PLAN.matcher(plan.out());
        assertThat(m.find()).as(plan.out()).isTrue();
        return m.group(1);
    }

    @Test
    void planApplyHistoryRevert() throws Exception {
        Cli plan = act(
                "plan", "--kind", "redis.config", "--target", target, "-p", "parameter=maxmemory", "-p", "value=64mb");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("maxmemory").contains(32 * MIB + " -> " + 64 * MIB);
        assertThat(plan.out()).contains("apply it: pacer act apply --plan plan-");
        assertThat(maxmemory()).as("a plan changes nothing").isEqualTo(Long.toString(32 * MIB));
        Matcher planned = PLAN.matcher(plan.out());
        assertThat(planned.find()).isTrue();

        Cli apply = act("apply", "--plan", planned.group(1));
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        Matcher action = ACTION.matcher(apply.out());
        assertThat(action.find()).as(apply.out()).isTrue();
        assertThat(action.group(2)).isEqualTo("verifying");
        assertThat(apply.out()).contains("by admin");
        assertThat(maxmemory()).isEqualTo(Long.toString(64 * MIB));

        Cli history = act("history", "--limit", "5");
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains(action.group(1)).contains("verifying");
        Cli json = act("history", "--json");
        assertThat(Json.documentReader()
                        .readTree(json.out())
                        .path("actions")
                        .get(0)
                        .path("id")
                        .asText())
                .isEqualTo(action.group(1));

        Cli revert = act("revert", action.group(1), "--reason", "cli test");
        assertThat(revert.exitCode()).as(revert.err()).isZero();
        assertThat(revert.out()).contains("reverted").contains("cli test");
        assertThat(maxmemory()).isEqualTo(Long.toString(32 * MIB));
    }

    @Test
    void aStalePlanExitsOneWithTheServicesReasonAndChangesNothing() {
        String id = plan("48mb");
        redis.configSet("maxmemory", Long.toString(40 * MIB));

        Cli apply = act("apply", "--plan", id);

        assertThat(apply.exitCode()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(apply.err()).startsWith("pacer: ").contains("maxmemory").contains("plan again");
        assertThat(maxmemory()).isEqualTo(Long.toString(40 * MIB));
        assertThat(act("apply", "--plan", "plan-0000000000000000").exitCode()).isEqualTo(ExitCode.FAILED_RUN);
    }

    @Test
    void applyFromFlagsPlansAndAppliesInOneStep() {
        Cli apply = act(
                "apply", "--kind", "redis.config", "--target", target, "-p", "parameter=maxmemory", "-p", "value=96mb");

        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(maxmemory()).isEqualTo(Long.toString(96 * MIB));
        Matcher action = ACTION.matcher(apply.out());
        assertThat(action.find()).isTrue();
        assertThat(act("revert", action.group(1)).exitCode()).isZero();
    }

    @Test
    void scheduleTakesATimeFromNow() {
        String id = plan("80mb");
        Cli scheduled = act("schedule", "--plan", id, "--at", "1h");
        assertThat(scheduled.exitCode()).as(scheduled.err()).isZero();
        Matcher action = ACTION.matcher(scheduled.out());
        assertThat(action.find()).isTrue();
        assertThat(action.group(2)).isEqualTo("scheduled");
        assertThat(maxmemory()).isEqualTo(Long.toString(32 * MIB));
        Cli cancelled = act("revert", action.group(1));
        assertThat(cancelled.exitCode()).as(cancelled.err()).isZero();
        assertThat(cancelled.out()).contains("cancelled");
    }

    @Test
    void badUsageAndMissingCredentialsExitTwoWithOneLine() {
        record Case(List<String> args, String says) {}
        String url = server.uri().toString();
        List<Case> cases = List.of(
                new Case(List.of("act", "plan", "--server", url, "--api-key", KEY), "say what to change"),
                new Case(List.of("act", "apply", "--plan", "p", "--kind", "redis.config"), "not both"),
                new Case(List.of("act", "schedule", "--plan", "p", "--at", "tomorrow"), "--at 'tomorrow'"),
                new Case(List.of("act", "history", "--limit", "0"), "--limit must be from 1 to 1000"),
                new Case(List.of("act", "history", "--server", "ftp://x"), "--server 'ftp://x' must be a URL"),
                new Case(List.of("act", "history", "--server", "http://127.0.0.1:1"), "cannot reach pacer serve"),
                new Case(List.of("act", "history", "--server", url, "--api-key", ""), "--api-key"),
                new Case(
                        List.of("act", "plan", "--server", url, "--api-key", KEY, "--kind", "nope", "--target", "t"),
                        "redis.config"),
                new Case(List.of("act"), "choose what to do"));
        for (Case c : cases) {
            Cli cli = Cli.run(c.args().toArray(String[]::new));
            assertThat(cli.exitCode()).as(c.args() + ": " + cli.err()).isEqualTo(ExitCode.USAGE);
            assertThat(cli.err())
                    .as(c.args().toString())
                    .startsWith("pacer: ")
                    .contains(c.says())
                    .doesNotContain("\tat ");
            assertThat(cli.out()).as(c.args().toString()).isEmpty();
        }
    }
}
