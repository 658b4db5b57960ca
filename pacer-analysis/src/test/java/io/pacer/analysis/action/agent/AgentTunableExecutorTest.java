package io.pacer.analysis.action.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.agent.PacerAgent;
import io.pacer.agent.PacerAgentConfig;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.batch.Batcher;
import io.pacer.testing.InMemorySink;
import io.pacer.tune.TunablesDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** agent.tunable against a real PacerAgent over a real batcher: plan, apply, revert, and the refusals. */
class AgentTunableExecutorTest {

    private static final String SECRET = "executor-test-secret-0123456789";
    private static final String LINGER = "batcher.exec-orders.batch.linger";
    private static final String MAX_EVENTS = "batcher.exec-orders.batch.maxEvents";
    private static final Instant NOW = Instant.parse("2026-11-29T17:00:00Z");

    private Batcher<String> batcher;
    private PacerAgent agent;
    private final AgentTunableExecutor executor = new AgentTunableExecutor(SECRET);

    @BeforeEach
    void start() {
        batcher = Batcher.<String>builder().name("exec-orders").build(InMemorySink.create());
        agent = PacerAgent.start(PacerAgentConfig.loopback(SECRET)).watch(batcher);
    }

    @AfterEach
    void stop() {
        agent.close();
        batcher.close();
    }

    @Test
    void planShowsTheExactChangeApplyMakesItAndRevertUndoesIt() {
        Plan plan = executor.plan(request(LINGER, "250ms"), NOW);

        assertThat(plan.changes()).containsExactly(new Change(LINGER, "100ms", "250ms"));
        assertThat(plan.summary())
                .contains("from 100ms to 250ms")
                .contains("allowed [0ms, ")
                .contains(agent.uri().toString());
        assertThat(plan.safe()).isTrue();
        assertThat(plan.plannedAt()).isEqualTo(NOW);
        assertThat(plan.verification().series()).isEqualTo("pacer_batcher_batches_rate_batches_s");
        assertThat(plan.verification().labels()).isEqualTo(Map.of("batcher", "exec-orders"));
        assertThat(plan.verification().higherIsBetter()).isFalse();
        assertThat(executor.plan(request(LINGER, "PT0.25S"), NOW).changes()).isEqualTo(plan.changes());
        assertThat(executor.plan(request(LINGER, "250ms"), NOW.plusSeconds(5)).id())
                .as("the same request on the same state plans to the same id")
                .isEqualTo(plan.id());
        assertThat(batcher.snapshot().lingerMicros()).as("a plan is a dry run").isEqualTo(100_000);

        executor.apply(plan);
        assertThat(batcher.snapshot().lingerMicros()).isEqualTo(250_000);

        executor.revert(plan);
        assertThat(batcher.snapshot().lingerMicros()).isEqualTo(100_000);
    }

    @Test
    void aValueThatMovedSinceThePlanIsStaleAndNothingChanges() {
        Plan plan = executor.plan(request(MAX_EVENTS, "200"), NOW);
        TunablesDirectory.global().set(MAX_EVENTS, 120, "an operator");

        assertThatThrownBy(() -> executor.apply(plan))
                .isInstanceOf(StalePlanException.class)
                .hasMessage(MAX_EVENTS + " moved since the plan: the plan saw 50, it is 120 now; plan again");
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(120);

        Plan fresh = executor.plan(request(MAX_EVENTS, "200"), NOW);
        assertThat(fresh.id()).isNotEqualTo(plan.id());
        executor.apply(fresh);
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(200);
    }

    @Test
    void aTunableGoneSinceThePlanIsStale() {
        Plan plan = executor.plan(request(MAX_EVENTS, "200"), NOW);
        batcher.close();

        assertThatThrownBy(() -> executor.apply(plan))
                .isInstanceOf(StalePlanException.class)
                .hasMessageContaining("is gone from the agent");
    }

    @Test
    void refusesAValueOutsideTheDomainWhenPlanning() {
        assertThatThrownBy(() -> executor.plan(request(MAX_EVENTS, "0"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(MAX_EVENTS + " must be in [1, ")
                .hasMessageContaining("but was 0");
        assertThatThrownBy(() -> executor.plan(request(LINGER, "soon"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a Duration");
        assertThat(batcher.snapshot().maxEvents()).isEqualTo(50);
    }

    @Test
    void refusesBadRequestsNamingWhatIsWrong() {
        assertThatThrownBy(() -> executor.plan(request("batcher.nobody.batch.linger", "1s"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no tunable batcher.nobody.batch.linger")
                .hasMessageContaining("batcher.exec-orders");
        assertThatThrownBy(() -> executor.plan(request(MAX_EVENTS, "50"), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(MAX_EVENTS + " is 50 already: nothing to change");
        ActionRequest extra = new ActionRequest(
                AgentTunableExecutor.KIND, agent.uri().toString(), Map.of("name", LINGER, "value", "1s", "vaule", "x"));
        assertThatThrownBy(() -> executor.plan(extra, NOW)).hasMessageContaining("also [vaule]");
        ActionRequest noValue =
                new ActionRequest(AgentTunableExecutor.KIND, agent.uri().toString(), Map.of("name", LINGER));
        assertThatThrownBy(() -> executor.plan(noValue, NOW)).hasMessageContaining("parameter value must be");
        ActionRequest badTarget =
                new ActionRequest(AgentTunableExecutor.KIND, "localhost:1234", Map.of("name", LINGER, "value", "1s"));
        assertThatThrownBy(() -> executor.plan(badTarget, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("action target must be the agent's URL");
        ActionRequest otherKind = new ActionRequest("redis.config", "127.0.0.1:6379", Map.of());
        assertThatThrownBy(() -> executor.plan(otherKind, NOW)).hasMessageContaining("not redis.config");
    }

    @Test
    void aWrongSecretOrAnAgentThatIsGoneIsAFailureToReachIt() {
        AgentTunableExecutor wrong = new AgentTunableExecutor("not-the-secret-0123456789");
        assertThatThrownBy(() -> wrong.plan(request(LINGER, "1s"), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused the secret");
        Plan plan = executor.plan(request(LINGER, "1s"), NOW);
        assertThatThrownBy(() -> wrong.apply(plan)).isInstanceOf(IllegalStateException.class);
        assertThat(batcher.snapshot().lingerMicros()).isEqualTo(100_000);

        agent.close();
        AgentTunableExecutor quick = new AgentTunableExecutor(SECRET, Duration.ofSeconds(2));
        assertThatThrownBy(() -> quick.plan(request(LINGER, "1s"), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void theTargetMayNameTheRoutesBasePath() {
        ActionRequest request = new ActionRequest(
                AgentTunableExecutor.KIND,
                agent.uri() + PacerAgent.BASE_PATH + "/",
                Map.of("name", MAX_EVENTS, "value", "20"));

        Plan plan = executor.plan(request, NOW);
        executor.apply(plan);

        assertThat(batcher.snapshot().maxEvents()).isEqualTo(20);
        assertThat(plan.verification().series()).isEqualTo("pacer_batcher_latency_microseconds");
        assertThat(plan.verification().higherIsBetter()).isFalse();
    }

    private ActionRequest request(String name, String value) {
        return new ActionRequest(
                AgentTunableExecutor.KIND, agent.uri().toString(), Map.of("name", name, "value", value));
    }
}
