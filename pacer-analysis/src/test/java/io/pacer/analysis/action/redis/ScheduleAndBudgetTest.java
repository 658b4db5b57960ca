package io.pacer.analysis.action.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.ActionStatus;
import io.pacer.analysis.action.Actions;
import io.pacer.analysis.action.Plan;
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
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time in {@link Actions}, on a real Redis with time injected: a scheduled plan is applied at its time (and not
 * before), also by a new instance over the same log (a restarted service), which also finishes the verification the
 * old one started; auto-optimisation applies only safe plans, one at a time, within the change budget of a rolling
 * hour.
 */
@ExtendWith(RedisExtension.class)
class ScheduleAndBudgetTest {

    static final String ORIGINAL = Long.toString(64L << 20);
    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private MetricStore store;
    private RedisLoad load;
    private final ActionExecutor executor = RedisExecutors.config(Duration.ofSeconds(10));

    @BeforeEach
    void reset(EmbeddedRedis redis) {
        store = MetricStore.open(StoreConfig.sqlite(dir));
        load = new RedisLoad(redis, store);
        load.commands().flushall();
        load.commands().configSet("maxmemory", ORIGINAL);
    }

    @AfterEach
    void close() throws Exception {
        load.close();
        store.close();
    }

    @Test
    void aScheduledPlanIsAppliedAtItsTimeEvenAfterARestart(EmbeddedRedis redis) {
        ActionLog log = ActionLog.inMemory();
        Actions first = actions(log, false, 2, List::of);
        Plan plan = first.plan(RedisConfigActionsTest.maxmemory(redis, "128mb"), T0);
        assertThatThrownBy(() -> first.schedule(plan.id(), T0.minusSeconds(1), "alice", T0))
                .hasMessageContaining("now or later");
        ActionRecord scheduled = first.schedule(plan.id(), T0.plus(Duration.ofMinutes(10)), "alice", T0);
        assertThat(scheduled.status()).isEqualTo(ActionStatus.SCHEDULED);
        assertThat(first.tick(T0.plus(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(1));
        assertThat(load.config("maxmemory")).isEqualTo(ORIGINAL);
        assertThat(first.find(scheduled.id()).orElseThrow().status()).isEqualTo(ActionStatus.SCHEDULED);

        Actions restarted = actions(log, false, 2, List::of);
        assertThat(restarted.tick(T0.plus(Duration.ofMinutes(10)).minusMillis(300)))
                .isEqualTo(Duration.ofMillis(300));
        restarted.tick(T0.plus(Duration.ofMinutes(10)));
        ActionRecord applied = restarted.find(scheduled.id()).orElseThrow();
        assertThat(applied.status()).isEqualTo(ActionStatus.VERIFYING);
        assertThat(applied.appliedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(applied.requestedBy()).isEqualTo("alice");
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(128L << 20));

        Actions again = actions(log, false, 2, List::of);
        again.tick(applied.appliedAt().plus(RedisConfigActionsTest.WINDOW));
        ActionRecord judged = again.find(scheduled.id()).orElseThrow();
        assertThat(judged.status()).isEqualTo(ActionStatus.KEPT);
        assertThat(judged.verdict()).as("nothing was collected").isEqualTo("inconclusive");
        assertThat(judged.verdictDetail()).contains("too few values");
    }

    @Test
    void aScheduledPlanCanBeCancelledAndAStaleOneFailsAtItsTime(EmbeddedRedis redis) {
        ActionLog log = ActionLog.inMemory();
        Actions actions = actions(log, false, 2, List::of);
        Plan plan = actions.plan(RedisConfigActionsTest.maxmemory(redis, "128mb"), T0);
        ActionRecord scheduled = actions.schedule(plan.id(), T0.plusSeconds(60), "alice", T0);
        ActionRecord cancelled = actions.revert(scheduled.id(), "bob", "not tonight", T0.plusSeconds(30));
        assertThat(cancelled.status()).isEqualTo(ActionStatus.CANCELLED);
        actions.tick(T0.plusSeconds(60));
        assertThat(load.config("maxmemory")).isEqualTo(ORIGINAL);
        assertThatThrownBy(() -> actions.revert("act-none", "bob", null, T0))
                .isInstanceOf(NoSuchElementException.class);

        Plan other = actions.plan(RedisConfigActionsTest.maxmemory(redis, "96mb"), T0);
        ActionRecord due = actions.schedule(other.id(), T0.plusSeconds(60), "alice", T0);
        load.commands().configSet("maxmemory", "80mb");
        actions.tick(T0.plusSeconds(60));
        ActionRecord failed = actions.find(due.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.error()).contains("when planned", "is '" + (80L << 20) + "' now");
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(80L << 20));
    }

    @Test
    void autoOptimisationAppliesSafePlansOneAtATimeWithinTheBudget(EmbeddedRedis redis) {
        String target = redis.host() + ":" + redis.port();
        Supplier<List<ActionRequest>> candidates = () -> {
            long now = Long.parseLong(load.config("maxmemory"));
            return List.of(
                    RedisConfigActionsTest.maxmemory(redis, Long.toString(now / 2)), // unsafe: evicts
                    new ActionRequest("redis.config", target, Map.of("parameter", "no-such", "value", "1")),
                    RedisConfigActionsTest.maxmemory(redis, Long.toString(now * 2)));
        };
        ActionLog log = ActionLog.inMemory();
        Actions actions = actions(log, true, 2, candidates);
        Duration window = RedisConfigActionsTest.WINDOW;

        actions.tick(T0);
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(128L << 20));
        actions.tick(T0.plus(Duration.ofMinutes(1))); // budget left, but the first is verifying
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(128L << 20));
        actions.tick(T0.plus(window)); // judged, then the next check applies the second
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(256L << 20));
        actions.tick(T0.plus(window).plus(window));
        actions.tick(T0.plus(Duration.ofMinutes(30))); // two in the last hour: the budget is spent
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(256L << 20));

        Actions restarted = actions(log, true, 2, candidates); // the budget is read back from the history
        restarted.tick(T0.plus(Duration.ofMinutes(59)));
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(256L << 20));
        restarted.tick(T0.plus(Duration.ofMinutes(61))); // the first left the rolling hour
        assertThat(load.config("maxmemory")).isEqualTo(Long.toString(512L << 20));

        List<ActionRecord> history = restarted.history(10);
        assertThat(history).hasSize(3).allSatisfy(r -> {
            assertThat(r.requestedBy()).isEqualTo(Actions.AUTO_OPTIMISATION);
            assertThat(r.plan().safe()).isTrue();
        });
        assertThat(history)
                .extracting(ActionRecord::appliedAt)
                .containsExactly(T0.plus(Duration.ofMinutes(61)), T0.plus(window), T0);
    }

    private Actions actions(ActionLog log, boolean auto, int perHour, Supplier<List<ActionRequest>> candidates) {
        return Actions.create(RedisConfigActionsTest.config(auto, perHour), List.of(executor), log, store, candidates);
    }
}
