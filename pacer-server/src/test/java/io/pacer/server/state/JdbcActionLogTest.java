package io.pacer.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.analysis.action.ActionLog;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.ActionStatus;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.Verification;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.PostgresExtension;
import io.pacer.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The actions' history in the service's database, on SQLite and PostgreSQL: a record reads back equal to what was
 * saved (plan, changes, verification, every instant and null), saving again replaces it, the newest come first, and a
 * reopened database still has the scheduled and verifying records a restarted service resumes.
 */
@ExtendWith(PostgresExtension.class)
class JdbcActionLogTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void savesReplacesListsAndSurvivesAReopen(boolean sqlite, PostgresServer postgres) {
        StoreConfig config = sqlite
                ? StoreConfig.sqlite(dir)
                : StoreConfig.postgres(postgres.newDatabase(), postgres.user(), postgres.password());
        MetricStore.migrate(config);
        ActionRecord scheduled = record("act-1", ActionStatus.SCHEDULED, T0, verification());
        ActionRecord verifying = record("act-2", ActionStatus.VERIFYING, T0.plusSeconds(10), null);
        ActionRecord failed = new ActionRecord(
                "act-3",
                plan(null),
                "alice",
                ActionStatus.FAILED,
                T0.plusSeconds(20),
                T0.plusSeconds(20),
                null,
                null,
                null,
                null,
                null,
                null,
                "topic t: segment.ms was '1' when planned but is '2' now; plan again");
        try (ServerDatabase database = ServerDatabase.open(config)) {
            ActionLog log = new JdbcActionLog(database);
            assertThat(log.recent(10)).isEmpty();
            assertThat(log.find("act-1")).isEmpty();
            log.save(scheduled);
            log.save(verifying);
            log.save(failed);
            assertThat(log.find("act-1")).contains(scheduled);
            assertThat(log.find("act-3")).contains(failed);
            assertThat(log.recent(10)).containsExactly(failed, verifying, scheduled);
            assertThat(log.recent(2)).containsExactly(failed, verifying);
            assertThat(log.withStatus(EnumSet.of(ActionStatus.SCHEDULED, ActionStatus.VERIFYING)))
                    .containsExactly(scheduled, verifying);
            assertThat(log.withStatus(Set.of())).isEmpty();
            assertThatThrownBy(() -> log.recent(0)).hasMessageContaining("history limit");
        }
        ActionRecord reverted = new ActionRecord(
                "act-2",
                verifying.plan(),
                "alice",
                ActionStatus.REVERTED,
                verifying.createdAt(),
                verifying.scheduledFor(),
                T0.plusSeconds(10),
                "regressed",
                "redis.evicted.keys.total: median 0 before, 40.0 after; significant (p < 0.0001)",
                T0.plusSeconds(310),
                "auto-revert",
                "the verification found it worse",
                null);
        try (ServerDatabase database = ServerDatabase.open(config)) {
            ActionLog log = new JdbcActionLog(database);
            assertThat(log.withStatus(EnumSet.of(ActionStatus.SCHEDULED, ActionStatus.VERIFYING)))
                    .as("what a restarted service resumes")
                    .containsExactly(scheduled, verifying);
            log.save(reverted);
            assertThat(log.find("act-2")).contains(reverted);
            assertThat(log.recent(10)).containsExactly(failed, reverted, scheduled);
            assertThat(log.withStatus(EnumSet.of(ActionStatus.VERIFYING))).isEmpty();
            assertThat(log.withStatus(EnumSet.of(ActionStatus.REVERTED))).containsExactly(reverted);
        }
    }

    private static ActionRecord record(String id, ActionStatus status, Instant created, Verification verification) {
        return new ActionRecord(
                id,
                plan(verification),
                "alice",
                status,
                created,
                created.plusSeconds(600),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static Plan plan(Verification verification) {
        ActionRequest request =
                new ActionRequest("redis.config", "127.0.0.1:6379", Map.of("parameter", "maxmemory", "value", "2mb"));
        List<Change> changes = List.of(new Change("redis 127.0.0.1:6379: maxmemory", "1048576", "2097152"));
        return new Plan(
                Plan.idOf(request, changes),
                request,
                "CONFIG SET maxmemory 2097152 on Redis 127.0.0.1:6379 (now 1048576)",
                changes,
                true,
                verification,
                T0.minusMillis(1));
    }

    private static Verification verification() {
        return new Verification(
                "redis.evicted.keys.total",
                Map.of("target", "127.0.0.1:6379"),
                false,
                Duration.ofMinutes(5),
                Verification.DEFAULT_TOLERANCE);
    }
}
