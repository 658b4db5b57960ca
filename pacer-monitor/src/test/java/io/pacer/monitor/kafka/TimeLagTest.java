package io.pacer.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.kafka.LagHistory.Commit;
import io.pacer.monitor.kafka.LagHistory.LogEndOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lag in seconds and the catch-up estimate, against figures worked out by hand. */
class TimeLagTest {

    private static final long S = 1000;

    @Test
    void lagInSecondsIsWhenTheLogEndPassedTheCommittedOffsetInterpolated() {
        // Producers write 10 records/s from offset 0 at t=0; the consumer committed 500 at t=100 s (lag 500 then).
        // The log-end offset passed 500 at t=50 s, so at t=100 s the consumer is 50 s behind, and at t=110 s 60 s.
        var p = new LagHistory.Partition(
                "t",
                0,
                List.of(new Commit(400, 400L, 80 * S), new Commit(500, 500L, 100 * S)),
                List.of(new LogEndOffset(0, 0L), new LogEndOffset(1000, 100 * S)),
                600);

        TimeLag lag = TimeLag.of(p, 110 * S);

        assertThat(lag.lagSeconds()).isEqualTo(60.0);
        assertThat(lag.lagIsLowerBound()).isFalse();
        assertThat(lag.behindSince()).isEqualTo(50 * S);
    }

    @Test
    void lagOlderThanTheHistoryIsALowerBoundAndSaysSo() {
        var p = new LagHistory.Partition(
                "t", 0, List.of(new Commit(10, 990L, 100 * S), new Commit(10, 1090L, 110 * S)), List.of(), 1190);

        // Behind at every point known, the oldest at t=100 s: at t=125 s the consumer is at least 25 s behind.
        TimeLag lag = TimeLag.of(p, 125 * S);
        LagResult.Partition result = LagEvaluator.partition(p, 125 * S, 0);

        assertThat(lag.lagIsLowerBound()).isTrue();
        assertThat(lag.lagSeconds()).isEqualTo(25.0);
        assertThat(result.status()).isEqualTo(LagStatus.STOP);
        assertThat(result.reason())
                .isEqualTo("no commit for 15 s, longer than the window's 10 s, while 1190 records wait, the oldest for"
                        + " at least 25 s");
    }

    @Test
    void catchUpIsTheLagOverTheNetRateAtWhichTheConsumerGains() {
        // Consumer: 0 -> 200 in 10 s = 20/s. Producers: log end 500 -> 600 in 10 s = 10/s. Gains 10/s on lag 400.
        var p = new LagHistory.Partition(
                "t", 0, List.of(new Commit(0, 500L, 0), new Commit(200, 400L, 10 * S)), List.of(), 400);

        TimeLag lag = TimeLag.of(p, 10 * S);

        assertThat(lag.consumeRate()).isEqualTo(20.0);
        assertThat(lag.produceRate()).isEqualTo(10.0);
        assertThat(lag.catchUpSeconds()).isEqualTo(40.0);
    }

    @Test
    void aConsumerNotGainingHasNoCatchUpEstimateAndACaughtUpOneNeedsNone() {
        var losing = new LagHistory.Partition(
                "t", 0, List.of(new Commit(0, 100L, 0), new Commit(100, 200L, 10 * S)), List.of(), 200);
        var caughtUp = new LagHistory.Partition(
                "t", 0, List.of(new Commit(0, 100L, 0), new Commit(300, 0L, 10 * S)), List.of(), 0);

        assertThat(TimeLag.of(losing, 10 * S).catchUpSeconds()).isNull();
        assertThat(TimeLag.of(caughtUp, 10 * S).catchUpSeconds()).isZero();
        assertThat(TimeLag.of(caughtUp, 10 * S).lagSeconds()).isZero();
    }

    @Test
    void groupStatusIsTheWorstPartitionsWhereBurrowSaysErr() {
        var ok = new LagHistory.Partition("t", 0, List.of(new Commit(5, 0L, 0)), List.of(), 0);
        var stalled = new LagHistory.Partition(
                "t", 1, List.of(new Commit(7, 10L, 0), new Commit(7, 20L, 10 * S)), List.of(), 20);

        LagResult result = LagEvaluator.evaluate(new LagHistory("g", 11 * S, 0, List.of(ok, stalled)));

        assertThat(result.group().status()).isEqualTo(LagStatus.STALL);
        assertThat(result.group().burrowStatus()).isEqualTo(LagStatus.ERR);
        assertThat(result.group().totalLag()).isEqualTo(20);
        assertThat(result.ok()).isFalse();
        assertThat(LagEvaluator.evaluate(new LagHistory("g", 0, 0, List.of()))
                        .group()
                        .status())
                .isEqualTo(LagStatus.NOTFOUND);
    }
}
