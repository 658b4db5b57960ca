package io.pacer.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.kafka.LagHistory.Commit;
import io.pacer.monitor.kafka.LagHistory.LogEndOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Burrow's correctness table, row for row: {@code var tests} in {@code core/internal/evaluator/caching_test.go} of
 * linkedin/Burrow at commit ced55ba90f6b833a45a124d411fd5eef63a70933 (2025-10-03), with the same inputs, the same
 * expected answer of every predicate and the same status. Burrow's {@code timeNow} is in seconds; it is multiplied by
 * 1000 here, as Burrow does inside {@code checkIfOffsetsStopped}. Each row also runs through Pacer's evaluator, which
 * must agree with Burrow on every row of Burrow's own table (Pacer's deviations are pinned in
 * {@link PacerDeviationTest}).
 */
class BurrowRulesTest {

    /** One row: Burrow's {@code testset}. */
    record Row(
            int index,
            List<Commit> offsets,
            List<Long> brokerOffsets,
            long currentLag,
            long timeNowSeconds,
            long allowedLag,
            boolean isLagAlwaysNotZero,
            int checkIfOffsetsRewind,
            boolean checkIfOffsetsStopped,
            boolean checkIfOffsetsStalled,
            boolean checkIfLagNotDecreasing,
            boolean checkIfRecentLagZero,
            LagStatus status) {
        @Override
        public String toString() {
            return "Burrow test " + index + " -> " + status;
        }
    }

    static Stream<Row> burrowTable() {
        List<Row> rows = new ArrayList<>();
        List<Commit> rising = commits(
                new long[] {1000, 2000, 3000, 4000, 5000},
                new long[] {100000, 200000, 300000, 400000, 500000},
                new Long[] {0L, 50L, 100L, 150L, 200L});
        // 0 - returns OK because there is zero lag somewhere
        rows.add(new Row(0, rising, List.of(5200L), 200, 600, 0, false, -1, false, false, true, false, LagStatus.OK));
        // 1 - same status: the time since the last commit (400 s) equals the window (500-100), not greater
        rows.add(new Row(1, rising, List.of(5200L), 200, 900, 0, false, -1, false, false, true, false, LagStatus.OK));
        // 2 - STOP: the time since the last commit is great enough (500 s), although lag is zero at the start (#290)
        rows.add(new Row(2, rising, List.of(5200L), 200, 1000, 0, false, -1, true, false, true, false, LagStatus.STOP));
        // 3 - STOP when lag is always non-zero as well
        List<Commit> risingLag = commits(
                new long[] {1000, 2000, 3000, 4000, 5000},
                new long[] {100000, 200000, 300000, 400000, 500000},
                new Long[] {50L, 100L, 150L, 200L, 250L});
        rows.add(new Row(
                3, risingLag, List.of(5250L), 250, 1000, 0, true, -1, true, false, true, false, LagStatus.STOP));
        // 4 - OK because of zero lag, though stall is true (offset always the same, with lag)
        List<Commit> stuckFromZero = commits(
                new long[] {1000, 1000, 1000, 1000, 1000},
                new long[] {100000, 200000, 300000, 400000, 500000},
                new Long[] {0L, 50L, 100L, 150L, 200L});
        rows.add(new Row(
                4, stuckFromZero, List.of(1200L), 200, 600, 0, false, -1, false, true, true, false, LagStatus.OK));
        // 5 - STALL because the lag is always non-zero
        List<Commit> stuck = commits(
                new long[] {1000, 1000, 1000, 1000, 1000},
                new long[] {100000, 200000, 300000, 400000, 500000},
                new Long[] {100L, 150L, 200L, 250L, 300L});
        rows.add(new Row(5, stuck, List.of(1300L), 300, 600, 0, true, -1, false, true, true, false, LagStatus.STALL));
        // 6 - still STALL when the lag stays the same
        List<Commit> stuckSameLag = commits(
                new long[] {1000, 1000, 1000, 1000, 1000},
                new long[] {100000, 200000, 300000, 400000, 500000},
                new Long[] {100L, 100L, 100L, 100L, 100L});
        rows.add(new Row(
                6, stuckSameLag, List.of(1100L), 100, 600, 0, true, -1, false, true, true, false, LagStatus.STALL));
        // 7 - OK: the offsets go backwards, but the consumer caught up past the rewind within the window
        List<Commit> rewindRecovered = commits(
                new long[] {1000, 2000, 3000, 2000, 4000},
                new long[] {100000, 200000, 300000, 400000, 500000},
                new Long[] {100L, 150L, 200L, 1250L, 300L});
        rows.add(new Row(
                7, rewindRecovered, List.of(4300L), 300, 600, 0, true, 3, false, false, false, false, LagStatus.OK));
        // 8 - OK because the current lag is 0, though the timestamps say stopped
        rows.add(new Row(8, risingLag, List.of(5250L), 0, 1000, 0, true, -1, true, false, true, false, LagStatus.OK));
        // 9 - STOP: current lag non-zero, lag zero at every commit, only because there is new data (#290)
        List<Commit> everySecond = commits(
                new long[] {
                    792748079, 792748080, 792748081, 792748082, 792748083, 792748084, 792748085, 792748086, 792748087,
                    792748088, 792748089, 792748090, 792748091, 792748092, 792748093
                },
                new long[] {
                    1512224618356L, 1512224619362L, 1512224620366L, 1512224621367L, 1512224622370L, 1512224623373L,
                    1512224624378L, 1512224625379L, 1512224626383L, 1512224627383L, 1512224628383L, 1512224629388L,
                    1512224630391L, 1512224631394L, 1512224632397L
                },
                new Long[] {0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L});
        rows.add(new Row(
                9,
                everySecond,
                List.of(792749024L, 792749000L, 792748800L, 792748600L, 792748500L),
                931,
                1512224650L,
                0,
                false,
                -1,
                true,
                false,
                true,
                false,
                LagStatus.STOP));
        // 10 - OK, though stopped by the timestamps: within the recent broker offsets the lag was zero (#303)
        rows.add(new Row(
                10,
                everySecond,
                List.of(792748094L, 792748093L, 792748093L, 792748093L),
                1,
                1512224650L,
                0,
                false,
                -1,
                true,
                false,
                true,
                true,
                LagStatus.OK));
        // 11 - test 0 with extra null lags, which must not change the result
        List<Commit> withNulls = commits(
                new long[] {1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000, 5500},
                new long[] {100000, 150000, 200000, 250000, 300000, 350000, 400000, 450000, 500000, 550000},
                new Long[] {0L, null, 50L, null, 100L, null, 150L, null, 200L, null});
        rows.add(new Row(
                11, withNulls, List.of(5700L), 200, 600, 0, false, -1, false, false, true, false, LagStatus.OK));
        // 12 - OK: current lag > 0 and stopped by the timestamps, but within the configured allowed lag
        List<Commit> allowed =
                commits(new long[] {1000, 2000, 2000}, new long[] {100000, 200000, 300000}, new Long[] {2L, 1L, 1L});
        rows.add(new Row(12, allowed, List.of(2001L), 1, 550, 1, false, -1, true, false, false, false, LagStatus.OK));
        // 13 - 5 with an allowed lag
        rows.add(new Row(13, stuck, List.of(1300L), 300, 600, 99, true, -1, false, true, true, false, LagStatus.STALL));
        // 14 - 7 with an allowed lag
        rows.add(new Row(
                14, rewindRecovered, List.of(4300L), 300, 600, 99, true, 3, false, false, false, false, LagStatus.OK));
        // 15 - rewind, and the consumer did not catch up to the previous point
        List<Commit> rewound = commits(
                new long[] {1000, 2000, 3000, 2000, 2500},
                new long[] {100000, 200000, 300000, 400000, 500000},
                new Long[] {100L, 150L, 200L, 1250L, 300L});
        rows.add(new Row(
                15, rewound, List.of(4300L), 300, 600, 0, true, 3, false, false, false, false, LagStatus.REWIND));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("burrowTable")
    void everyPredicateAndTheStatusAsBurrowsTableSays(Row row) {
        long now = row.timeNowSeconds() * 1000;
        assertThat(BurrowRules.isLagAlwaysNotZero(row.offsets(), row.allowedLag()))
                .as("isLagAlwaysNotZero")
                .isEqualTo(row.isLagAlwaysNotZero());
        assertThat(BurrowRules.checkIfOffsetsRewind(row.offsets()))
                .as("checkIfOffsetsRewind")
                .isEqualTo(row.checkIfOffsetsRewind());
        assertThat(BurrowRules.checkIfOffsetsStopped(row.offsets(), now))
                .as("checkIfOffsetsStopped")
                .isEqualTo(row.checkIfOffsetsStopped());
        assertThat(BurrowRules.checkIfOffsetsStalled(row.offsets()))
                .as("checkIfOffsetsStalled")
                .isEqualTo(row.checkIfOffsetsStalled());
        assertThat(BurrowRules.checkIfLagNotDecreasing(row.offsets()))
                .as("checkIfLagNotDecreasing")
                .isEqualTo(row.checkIfLagNotDecreasing());
        assertThat(BurrowRules.checkIfRecentLagZero(row.offsets(), row.brokerOffsets()))
                .as("checkIfRecentLagZero")
                .isEqualTo(row.checkIfRecentLagZero());
        assertThat(BurrowRules.status(row.offsets(), row.brokerOffsets(), row.currentLag(), now, row.allowedLag()))
                .as("calculatePartitionStatus")
                .isEqualTo(row.status());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("burrowTable")
    void pacerAgreesWithBurrowOnBurrowsOwnTable(Row row) {
        LagHistory.Partition partition = new LagHistory.Partition(
                "t",
                0,
                row.offsets(),
                row.brokerOffsets().stream().map(LogEndOffset::untimed).toList(),
                row.currentLag());
        LagResult.Partition result = LagEvaluator.partition(partition, row.timeNowSeconds() * 1000, row.allowedLag());

        assertThat(result.status()).as(result.reason()).isEqualTo(row.status());
        assertThat(result.burrowStatus()).isEqualTo(row.status());
    }

    static List<Commit> commits(long[] offsets, long[] timestamps, Long[] lags) {
        List<Commit> commits = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            commits.add(new Commit(offsets[i], lags[i], timestamps[i]));
        }
        return commits;
    }
}
