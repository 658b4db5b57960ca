package io.pacer.analysis.action.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.ActionStatus;
import io.pacer.analysis.action.Actions;
import io.pacer.analysis.action.ActionsConfig;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.RedisExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code redis.config} through {@link Actions} on a real Redis: the plan shows the exact change, apply applies it,
 * revert restores it; a plan whose value moved behind its back is refused and the refusal is in the history; and a
 * change that really degrades Redis — {@code maxmemory} shrunk under a write load, so keys are evicted — is measured
 * by the monitor's collector into a real store and rolled back automatically when its verification window ends.
 */
@ExtendWith(RedisExtension.class)
class RedisConfigActionsTest {

    static final Duration WINDOW = Duration.ofMinutes(2);
    static final int STEPS_PER_WINDOW = (int) (WINDOW.toSeconds() / RedisLoad.STEP.toSeconds());
    static final String ORIGINAL = Long.toString(256L << 20);

    @TempDir
    Path dir;

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void reset(EmbeddedRedis redis) throws Exception {
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir.resolve("reset")));
                RedisLoad load = new RedisLoad(redis, store)) {
            load.commands().flushall();
            load.commands().configSet("maxmemory-policy", "allkeys-lru");
            load.commands().configSet("maxmemory", ORIGINAL);
        }
    }

    static ActionsConfig config(boolean auto, int changesPerHour) {
        return new ActionsConfig(auto, Duration.ofMinutes(1), changesPerHour, ActionsConfig.DEFAULT_PLAN_TTL, WINDOW);
    }

    static ActionRequest maxmemory(EmbeddedRedis redis, String value) {
        return new ActionRequest(
                "redis.config", redis.host() + ":" + redis.port(), Map.of("parameter", "maxmemory", "value", value));
    }

    @Test
    @Timeout(120)
    void aChangeThatRaisesEvictionsIsRevertedAutomatically(EmbeddedRedis redis) throws Exception {
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir));
                RedisLoad load = new RedisLoad(redis, store)) {
            ActionLog log = ActionLog.inMemory();
            Actions actions = Actions.create(
                    config(false, 2), List.of(RedisExecutors.config(Duration.ofSeconds(10))), log, store, List::of);
            Instant appliedAt = load.run(start, STEPS_PER_WINDOW);
            assertThat(load.info("evicted_keys")).isZero();
            String shrunk = Long.toString(load.info("used_memory") * 7 / 10);

            Plan plan = actions.plan(maxmemory(redis, shrunk), appliedAt);
            assertThat(plan.changes())
                    .containsExactly(
                            new Change("redis " + redis.host() + ":" + redis.port() + ": maxmemory", ORIGINAL, shrunk));
            assertThat(plan.safe()).as("a lower limit evicts data").isFalse();
            assertThat(plan.verification().series()).isEqualTo("redis.evicted.keys.total");
            ActionRecord applied = actions.apply(plan.id(), "alice", appliedAt);
            assertThat(applied.status()).isEqualTo(ActionStatus.VERIFYING);
            assertThat(load.config("maxmemory")).isEqualTo(shrunk);

            load.run(appliedAt, STEPS_PER_WINDOW);
            assertThat(load.info("evicted_keys")).as("the change really evicts").isPositive();
            actions.tick(appliedAt.plus(WINDOW).minusSeconds(1));
            assertThat(actions.find(applied.id()).orElseThrow().status()).isEqualTo(ActionStatus.VERIFYING);
            actions.tick(appliedAt.plus(WINDOW));

            ActionRecord done = actions.find(applied.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(ActionStatus.REVERTED);
            assertThat(done.verdict()).isEqualTo("regressed");
            assertThat(done.revertedBy()).isEqualTo(Actions.AUTO_REVERT);
            assertThat(done.revertedAt()).isEqualTo(appliedAt.plus(WINDOW));
            assertThat(done.revertReason()).startsWith("the verification found it worse: significant");
            assertThat(done.verdictDetail()).contains("redis.evicted.keys.total", "samples");
            assertThat(load.config("maxmemory")).isEqualTo(ORIGINAL);
            assertThat(actions.history(10)).containsExactly(done);
        }
    }

    @Test
    @Timeout(120)
    void aHarmlessChangeIsKeptWithItsVerdict(EmbeddedRedis redis) throws Exception {
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir));
                RedisLoad load = new RedisLoad(redis, store)) {
            Actions actions = Actions.create(
                    config(false, 2),
                    List.of(RedisExecutors.config(Duration.ofSeconds(10))),
                    ActionLog.inMemory(),
                    store,
                    List::of);
            Instant appliedAt = load.run(start, STEPS_PER_WINDOW);
            Plan plan = actions.plan(maxmemory(redis, "512mb"), appliedAt);
            assertThat(plan.changes().get(0).after()).isEqualTo(Long.toString(512L << 20));
            assertThat(plan.safe()).as("raising the limit 2x").isTrue();
            ActionRecord applied = actions.apply(plan.id(), "alice", appliedAt);
            load.run(appliedAt, STEPS_PER_WINDOW);
            actions.tick(appliedAt.plus(WINDOW));

            ActionRecord done = actions.find(applied.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(ActionStatus.KEPT);
            assertThat(done.verdict()).isEqualTo("unchanged");
            assertThat(done.revertedBy()).isNull();
            assertThat(load.config("maxmemory")).isEqualTo(Long.toString(512L << 20));
        }
    }

    @Test
    void planApplyRevertRoundTripAndAStalePlanIsRefused(EmbeddedRedis redis) throws Exception {
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir));
                RedisLoad load = new RedisLoad(redis, store)) {
            Actions actions = Actions.create(
                    config(false, 2),
                    List.of(RedisExecutors.config(Duration.ofSeconds(10))),
                    ActionLog.inMemory(),
                    store,
                    List::of);
            Plan plan = actions.plan(maxmemory(redis, "300mb"), start);
            assertThat(actions.plan(maxmemory(redis, "300mb"), start).id())
                    .as("the same request over the same state plans to the same id")
                    .isEqualTo(plan.id());
            ActionRecord applied = actions.apply(plan.id(), "alice", start);
            assertThat(load.config("maxmemory")).isEqualTo(Long.toString(300L << 20));
            assertThatThrownBy(() -> actions.apply(plan.id(), "alice", start))
                    .isInstanceOf(NoSuchElementException.class)
                    .hasMessageContaining("already used");
            ActionRecord reverted = actions.revert(applied.id(), "bob", "trying something else", start.plusSeconds(9));
            assertThat(reverted.status()).isEqualTo(ActionStatus.REVERTED);
            assertThat(reverted.revertedBy()).isEqualTo("bob");
            assertThat(reverted.revertReason()).isEqualTo("trying something else");
            assertThat(load.config("maxmemory")).isEqualTo(ORIGINAL);
            assertThatThrownBy(() -> actions.revert(applied.id(), "bob", null, start.plusSeconds(10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is reverted");

            Plan stale = actions.plan(maxmemory(redis, "400mb"), start.plusSeconds(20));
            load.commands().configSet("maxmemory", "200mb"); // someone else, meanwhile
            assertThatThrownBy(() -> actions.apply(stale.id(), "alice", start.plusSeconds(30)))
                    .isInstanceOf(StalePlanException.class)
                    .hasMessageContaining("maxmemory was '" + ORIGINAL + "' when planned")
                    .hasMessageContaining("is '" + (200L << 20) + "' now");
            assertThat(load.config("maxmemory")).isEqualTo(Long.toString(200L << 20));
            ActionRecord failed = actions.history(1).get(0);
            assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
            assertThat(failed.plan()).isEqualTo(stale);
            assertThat(failed.error()).contains("is '" + (200L << 20) + "' now");
        }
    }

    @Test
    void wrongRequestsAreRefusedNamingWhatIsWrong(EmbeddedRedis redis) {
        var executor = RedisExecutors.config(Duration.ofSeconds(10));
        String target = redis.host() + ":" + redis.port();
        assertThatThrownBy(() -> executor.plan(
                        new ActionRequest("redis.config", target, Map.of("parameter", "no-such-knob", "value", "1")),
                        start))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown Redis parameter 'no-such-knob'");
        assertThatThrownBy(() -> executor.plan(
                        new ActionRequest("redis.config", target, Map.of("parameter", "max*", "value", "1")), start))
                .hasMessageContaining("no patterns");
        assertThatThrownBy(() -> executor.plan(
                        new ActionRequest("redis.config", target, Map.of("parameter", "hz", "value", "10", "ttl", "5")),
                        start))
                .hasMessageEndingWith("not: ttl");
        assertThatThrownBy(() -> executor.plan(maxmemory(redis, "lots"), start))
                .hasMessageContaining("maxmemory must be bytes");
        assertThatThrownBy(() -> executor.plan(maxmemory(redis, "256mb"), start))
                .hasMessageContaining("has maxmemory " + ORIGINAL + " already");
        assertThatThrownBy(() -> executor.plan(new ActionRequest("redis.config", target, Map.of("value", "1")), start))
                .hasMessage("redis.config needs the parameter 'parameter'");
    }

    @Test
    void safeIsRaisingTheLimitModestlyOrObservability() {
        assertThat(RedisConfigExecutor.safe("maxmemory", "100", "200")).isTrue();
        assertThat(RedisConfigExecutor.safe("maxmemory", "100", "400")).isTrue();
        assertThat(RedisConfigExecutor.safe("maxmemory", "100", "401")).isFalse();
        assertThat(RedisConfigExecutor.safe("maxmemory", "100", "50")).isFalse();
        assertThat(RedisConfigExecutor.safe("maxmemory", "0", "50"))
                .as("from no limit")
                .isFalse();
        assertThat(RedisConfigExecutor.safe("slowlog-log-slower-than", "10000", "1000"))
                .isTrue();
        assertThat(RedisConfigExecutor.safe("maxmemory-policy", "noeviction", "allkeys-lru"))
                .isFalse();
        assertThat(RedisConfigExecutor.bytes("1kb")).isEqualTo("1024");
        assertThat(RedisConfigExecutor.bytes("1k")).isEqualTo("1000");
        assertThat(RedisConfigExecutor.bytes("2GB")).isEqualTo(Long.toString(2L << 30));
    }
}
