package io.pacer.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.kafka.LagHistory.Commit;
import io.pacer.monitor.kafka.LagHistory.LogEndOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where Pacer's answer differs from Burrow's on purpose ({@code docs/lag-history.md}, "Where Pacer differs"), and the
 * neighbouring cases where it must not. Each row is one timeline seen by both tools as each stores it: Burrow keeps
 * its last ten broker offsets, untimed (refreshed every 30 s); Pacer keeps timed log-end offsets, a run of equal
 * ones as its first and last. Both see the same commits.
 *
 * <p>The window: a consumer that commits only when it consumes committed offsets 100..109 once a minute from t=0 to
 * t=540 s, caught up each time (lag 0), so the window spans 540 s. Then the topic fell idle.
 */
class PacerDeviationTest {

    private static final long S = 1000;
    private static final long LAST_COMMIT = 540 * S;
    private static final long COMMITTED = 109;

    record Row(
            String name,
            List<Commit> commits,
            List<Long> burrowRing,
            List<LogEndOffset> pacerLogEnd,
            long currentLag,
            long now,
            LagStatus burrow,
            LagStatus pacer) {
        @Override
        public String toString() {
            return name + ": Burrow " + burrow + ", Pacer " + pacer;
        }
    }

    static Stream<Row> deviations() {
        List<Commit> caughtUp = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            caughtUp.add(new Commit(100 + i, 0L, i * 60 * S));
        }
        List<Row> rows = new ArrayList<>();

        // Burrow#38, #140, #303: idle for two hours, then one record lands at t=7200 s. Six minutes later the consumer
        // (which polls every 15 minutes) has not committed. Burrow's ring holds only offsets past the commit: STOP.
        // The record waited 360 s, less than the window's 540 s: Pacer says OK.
        long arrival = 7200 * S;
        rows.add(new Row(
                "idle topic, a record waited 6 min (< window 9 min)",
                caughtUp,
                ring(COMMITTED + 1),
                idleThen(arrival, arrival + 360 * S, COMMITTED + 1),
                1,
                arrival + 360 * S,
                LagStatus.STOP,
                LagStatus.OK));

        // The same record, still waiting after 10 minutes (> the window): now the consumer has stopped for both.
        rows.add(new Row(
                "idle topic, a record waited 10 min (> window 9 min)",
                caughtUp,
                ring(COMMITTED + 1),
                idleThen(arrival, arrival + 600 * S, COMMITTED + 1),
                1,
                arrival + 600 * S,
                LagStatus.STOP,
                LagStatus.STOP));

        // Nothing arrived: caught up, however long the silence. Both OK.
        rows.add(new Row(
                "idle topic, nothing new",
                caughtUp,
                ring(COMMITTED),
                List.of(new LogEndOffset(COMMITTED, LAST_COMMIT), new LogEndOffset(COMMITTED, arrival)),
                0,
                arrival,
                LagStatus.OK,
                LagStatus.OK));

        // A busy topic whose consumer died at its last commit, behind: records waited since before the last commit,
        // so Pacer's silence is Burrow's and both say STOP as soon as it exceeds the window.
        List<Commit> behind = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            behind.add(new Commit(1000 + i * 600, 50L, i * 60 * S));
        }
        long busyNow = LAST_COMMIT + 541 * S;
        rows.add(new Row(
                "busy topic, consumer dead for 541 s (> window 540 s)",
                behind,
                ring(7000 + 541 * 10),
                List.of(new LogEndOffset(6450, LAST_COMMIT), new LogEndOffset(6450 + 5410, busyNow)),
                5460,
                busyNow,
                LagStatus.STOP,
                LagStatus.STOP));

        // Burrow#303 (detect a stop in reasonable time): the consumer died caught up at t=540 s, a record arrived at
        // t=600 s and waited 10 min. Burrow's untimed ring still shows an offset <= the commit from before the
        // record, and its "recent lag zero" exception says OK until the ring rolls over. Pacer times the wait: STOP.
        long slowNow = 1200 * S;
        List<Long> staleRing = new ArrayList<>(ring(COMMITTED + 1).subList(0, 9));
        staleRing.add(0, COMMITTED);
        rows.add(new Row(
                "caught up, then a record waited 10 min; Burrow's ring still holds the old offset",
                caughtUp,
                staleRing,
                List.of(
                        new LogEndOffset(COMMITTED, LAST_COMMIT),
                        new LogEndOffset(COMMITTED, 600 * S),
                        new LogEndOffset(COMMITTED + 1, 630 * S),
                        new LogEndOffset(COMMITTED + 1, slowNow)),
                1,
                slowNow,
                LagStatus.OK,
                LagStatus.STOP));

        // The first commit seen of a lagging partition, fresh: Burrow's STALL and WARN loops hold vacuously for one
        // commit, so it says STALL; Pacer waits for a second commit (the live window gets one per collection).
        rows.add(new Row(
                "one commit so far, lagging, fresh",
                List.of(new Commit(500, 40L, LAST_COMMIT)),
                ring(540),
                List.of(new LogEndOffset(540, LAST_COMMIT)),
                40,
                LAST_COMMIT,
                LagStatus.STALL,
                LagStatus.OK));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deviations")
    void pacerAndBurrowAnswerAsTheTableSays(Row row) {
        LagStatus burrow = BurrowRules.status(
                row.commits(), row.burrowRing(), row.currentLag(), row.now(), LagHistory.DEFAULT_ALLOWED_LAG);
        LagResult.Partition pacer = LagEvaluator.partition(
                new LagHistory.Partition("t", 0, row.commits(), row.pacerLogEnd(), row.currentLag()), row.now(), 0);

        assertThat(burrow).as("Burrow").isEqualTo(row.burrow());
        assertThat(pacer.status()).as("Pacer: " + pacer.reason()).isEqualTo(row.pacer());
    }

    /** Burrow's ring: ten broker offsets, all {@code offset}. */
    private static List<Long> ring(long offset) {
        return LongStream.range(0, 10).map(i -> offset).boxed().toList();
    }

    /** Pacer's timed log-end offsets: idle at the commit until just before {@code arrival}, then one more record. */
    private static List<LogEndOffset> idleThen(long arrival, long now, long after) {
        return List.of(
                new LogEndOffset(COMMITTED, LAST_COMMIT),
                new LogEndOffset(COMMITTED, arrival - 10 * S),
                new LogEndOffset(after, arrival + 20 * S),
                new LogEndOffset(after, now));
    }
}
