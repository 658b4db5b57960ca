package io.pacer.analysis.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.Sample;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DefaultActions' rules that no real target makes easy to provoke, with an executor of settings kept in memory (a unit
 * with no I/O of its own) and a real SQLite store holding the verification series: plans expire; a request
 * auto-optimisation saw reverted is not applied again; an automatic revert the target refuses is retried until it
 * works; a plan with no verification is kept as not verified.
 */
class DefaultActionsTest {

    static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    static final Duration WINDOW = Duration.ofMinutes(2);
    static final Duration STEP = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private MetricStore store;
    private final Settings settings = new Settings();

    @BeforeEach
    void open() {
        store = MetricStore.open(StoreConfig.sqlite(dir));
        settings.values.put("threads", "10");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aPlanIsKeptForItsTtlOnly() {
        Actions actions = actions(false, List.of());
        Plan plan = actions.plan(request("20"), T0);
        assertThatThrownBy(() -> actions.apply(
                        plan.id(),
                        "alice",
                        T0.plus(ActionsConfig.DEFAULT_PLAN_TTL).plusSeconds(1)))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("no plan " + plan.id() + ": unknown, already used, or older than 15 min (plans are kept"
                        + " that long); plan again");
        assertThat(settings.values).containsEntry("threads", "10");
        Plan again = actions.plan(request("20"), T0.plus(Duration.ofMinutes(20)));
        assertThat(again.id()).isEqualTo(plan.id());
        assertThat(actions.apply(again.id(), "alice", T0.plus(Duration.ofMinutes(21)))
                        .status())
                .isEqualTo(ActionStatus.VERIFYING);
        assertThatThrownBy(() -> Actions.create(
                        ActionsConfig.ofDefaults(), List.of(settings, settings), ActionLog.inMemory(), store, List::of))
                .hasMessageContaining("one per kind");
    }

    @Test
    void autoOptimisationDoesNotRetryWhatItsVerificationReverted() {
        latency(100, 200);
        Actions actions = actions(true, List.of(request("20")));
        actions.tick(T0);
        assertThat(settings.values).containsEntry("threads", "20");
        actions.tick(T0.plus(WINDOW));
        ActionRecord reverted = actions.history(1).get(0);
        assertThat(reverted.status()).isEqualTo(ActionStatus.REVERTED);
        assertThat(reverted.revertedBy()).isEqualTo(Actions.AUTO_REVERT);
        assertThat(reverted.verdict()).isEqualTo("regressed");
        assertThat(reverted.verdictDetail())
                .contains(
                        "test.latency{name=threads}", "median 99.60 before, 198.2 after (+99.0%)", "24 vs 24 samples");
        assertThat(settings.values).containsEntry("threads", "10");

        actions.tick(T0.plus(WINDOW).plus(Duration.ofMinutes(5)));
        actions.tick(T0.plus(Duration.ofHours(3)));
        assertThat(settings.values).containsEntry("threads", "10");
        assertThat(actions.history(10)).hasSize(1);
    }

    @Test
    void anAutomaticRevertTheTargetRefusesIsRetried() {
        latency(100, 200);
        Actions actions = actions(false, List.of());
        ActionRecord applied = actions.apply(actions.plan(request("20"), T0).id(), "alice", T0);
        settings.unreachable = true;
        actions.tick(T0.plus(WINDOW));
        ActionRecord waiting = actions.find(applied.id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(ActionStatus.VERIFYING);
        assertThat(waiting.verdict()).isEqualTo("regressed");
        assertThat(waiting.error()).startsWith("the automatic revert failed, tried again every 30 s: unreachable");
        assertThat(settings.values).containsEntry("threads", "20");

        settings.unreachable = false;
        assertThat(actions.tick(T0.plus(WINDOW).plusSeconds(29))).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.values).containsEntry("threads", "20");
        actions.tick(T0.plus(WINDOW).plusSeconds(30));
        ActionRecord done = actions.find(applied.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(ActionStatus.REVERTED);
        assertThat(done.error()).isNull();
        assertThat(settings.values).containsEntry("threads", "10");
    }

    @Test
    void aPlanWithNothingToVerifyItByIsKeptUnverified() {
        settings.verified = false;
        Actions actions = actions(false, List.of());
        ActionRecord applied = actions.apply(actions.plan(request("20"), T0).id(), "alice", T0);
        assertThat(applied.status()).isEqualTo(ActionStatus.KEPT);
        assertThat(applied.verdict()).isEqualTo("inconclusive");
        assertThat(applied.verdictDetail()).contains("not verified");
        assertThat(actions.revert(applied.id(), "bob", "", T0.plusSeconds(1)).status())
                .isEqualTo(ActionStatus.REVERTED);
        assertThat(settings.values).containsEntry("threads", "10");
    }

    /** The latency series: around {@code before} ms before T0 and around {@code after} ms from T0, 5 s apart. */
    private void latency(double before, double after) {
        SplittableRandom random = new SplittableRandom(7);
        List<Sample> samples = new ArrayList<>();
        for (Instant t = T0.minus(WINDOW); t.isBefore(T0.plus(WINDOW)); t = t.plus(STEP)) {
            double level = t.isBefore(T0) ? before : after;
            samples.add(Sample.of(
                    "test.latency", Map.of("name", "threads"), t, level * (0.95 + random.nextDouble() * 0.1)));
        }
        store.write(samples);
        store.flush();
    }

    private Actions actions(boolean auto, List<ActionRequest> candidates) {
        return Actions.create(
                new ActionsConfig(auto, Duration.ofMinutes(1), 2, ActionsConfig.DEFAULT_PLAN_TTL, WINDOW),
                List.of(settings),
                ActionLog.inMemory(),
                store,
                () -> candidates);
    }

    private static ActionRequest request(String value) {
        return new ActionRequest("memory.setting", "memory", Map.of("name", "threads", "value", value));
    }

    /** Settings in a map: planned, applied and reverted as a real executor would, and unreachable on demand. */
    static final class Settings implements ActionExecutor {
        final Map<String, String> values = new HashMap<>();
        boolean unreachable;
        boolean verified = true;

        @Override
        public String kind() {
            return "memory.setting";
        }

        @Override
        public Plan plan(ActionRequest request, Instant now) {
            String name = request.parameters().get("name");
            String before = values.get(name);
            String after = request.parameters().get("value");
            if (after.equals(before)) {
                throw new IllegalArgumentException(name + " is " + after + " already");
            }
            List<Change> changes = List.of(new Change(name, before, after));
            Verification verification = verified
                    ? new Verification("test.latency", Map.of("name", name), false, Verification.DEFAULT_WINDOW, 0.05)
                    : null;
            return new Plan(
                    Plan.idOf(request, changes),
                    request,
                    "set " + name,
                    changes,
                    Integer.parseInt(after) > Integer.parseInt(before),
                    verification,
                    now);
        }

        @Override
        public void apply(Plan plan) {
            Change c = plan.changes().get(0);
            if (!c.before().equals(values.get(c.setting()))) {
                throw new StalePlanException(c.setting() + " moved");
            }
            values.put(c.setting(), c.after());
        }

        @Override
        public void revert(Plan plan) {
            if (unreachable) {
                throw new IllegalStateException("unreachable");
            }
            Change c = plan.changes().get(0);
            values.put(c.setting(), c.before());
        }
    }
}
