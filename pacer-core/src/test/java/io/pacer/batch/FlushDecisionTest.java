package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.batch.FlushDecision.Action;
import io.pacer.breaker.BreakerPolicy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The flusher's decision as numbers: when a batch leaves, what holds it, and how long until the next look. These
 * are the "not sent yet" cases the batcher tests cannot show without waiting.
 */
class FlushDecisionTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long LINGER = 100 * MS;
    private static final FlushLimits LIMITS = new FlushLimits(5, 1 << 20, LINGER, 1);
    private static final long NO_HEAD = 0;

    private final RetryStateMachine retries = new RetryStateMachine(BreakerPolicy.ofDefaults());
    private final FlushDecision decision = new FlushDecision();

    /** An open batch holding one event per offer time given, filled the way the flusher fills it. */
    private static OpenBatch<String> batchOffered(long... stamps) {
        StampedRing<String> ring = new StampedRing<>(64);
        for (int i = 0; i < stamps.length; i++) {
            ring.offer("e" + i, stamps[i]);
        }
        OpenBatch<String> batch = new OpenBatch<>(null);
        batch.fill(new StampedDeque(), ring, LIMITS.maxEvents(), LIMITS.maxBytes());
        return batch;
    }

    private FlushDecision decide(long now, OpenBatch<String> batch) {
        return decision.decide(now, LIMITS, retries, batch, false, 0, NO_HEAD);
    }

    @Test
    void aBatchShortOfMaxEventsWaitsForTheLingerOfItsFirstEvent() {
        OpenBatch<String> batch = batchOffered(0, 60 * MS);

        assertThat(decide(0, batch).action()).isEqualTo(Action.AWAIT_EVENTS);
        assertThat(decision.waitNanos()).isEqualTo(LINGER);
        assertThat(decision.wakeThreshold()).as("events that would fill it").isEqualTo(3);

        assertThat(decide(99 * MS, batch).action()).isEqualTo(Action.AWAIT_EVENTS);
        assertThat(decision.waitNanos())
                .as("counted from the first event, not the second")
                .isEqualTo(MS);

        assertThat(decide(100 * MS, batch).action()).isEqualTo(Action.SEND);
        assertThat(decision.waitNanos()).isZero();
    }

    @Test
    void aBatchFullByCountOrBytesLeavesAtOnce() {
        assertThat(decide(0, batchOffered(0, 0, 0, 0, 0)).action()).isEqualTo(Action.SEND);

        StampedRing<String> ring = new StampedRing<>(64);
        for (String e : new String[] {"aaaa", "bbbb", "cc", "d"}) {
            ring.offer(e, 0);
        }
        StampedDeque backlog = new StampedDeque();
        OpenBatch<String> bySize = new OpenBatch<>(String::length);
        bySize.fill(backlog, ring, 50, 10);
        assertThat(bySize.size()).as("full at the event that reached 10 bytes").isEqualTo(3);
        assertThat(bySize.bytes()).isEqualTo(10);
        assertThat(backlog.size()).as("the rest waits, first in line").isEqualTo(1);
        FlushLimits tenBytes = new FlushLimits(50, 10, LINGER, 1);
        assertThat(decision.decide(0, tenBytes, retries, bySize, false, 0, NO_HEAD)
                        .action())
                .isEqualTo(Action.SEND);
    }

    @Test
    void aFlushSendsWithoutWaitingForLinger() {
        OpenBatch<String> batch = batchOffered(0);
        assertThat(decision.decide(MS, LIMITS, retries, batch, true, 0, NO_HEAD).action())
                .isEqualTo(Action.SEND);
    }

    @Test
    void nothingToSendWaitsForEventsWithoutADeadline() {
        assertThat(decide(0, batchOffered()).action()).isEqualTo(Action.AWAIT_EVENTS);
        assertThat(decision.waitNanos()).isEqualTo(FlushDecision.NO_DEADLINE);
        assertThat(decision.wakeThreshold()).isEqualTo(1);
    }

    @Test
    void aFullWindowHoldsADueBatchUntilTheHeadSettlesOrTimesOut() {
        OpenBatch<String> due = batchOffered(0, 0, 0, 0, 0);
        long headDeadline = 30_000 * MS;

        decision.decide(MS, LIMITS, retries, due, false, 1, headDeadline);
        assertThat(decision.action()).as("one in flight, maxInFlight 1").isEqualTo(Action.AWAIT_SETTLEMENT);
        assertThat(decision.waitNanos()).isEqualTo(FlushDecision.SETTLEMENT_SLICE_NANOS);

        decision.decide(headDeadline - MS, LIMITS, retries, due, false, 1, headDeadline);
        assertThat(decision.waitNanos())
                .as("no later than the head's delivery deadline")
                .isEqualTo(MS);

        FlushLimits four = new FlushLimits(5, 1 << 20, LINGER, 4);
        assertThat(decision.decide(MS, four, retries, due, false, 3, headDeadline)
                        .action())
                .as("room for a fourth")
                .isEqualTo(Action.SEND);
        assertThat(decision.decide(MS, four, retries, due, false, 4, headDeadline)
                        .action())
                .as("no fifth while four are outstanding")
                .isEqualTo(Action.AWAIT_SETTLEMENT);
    }

    @Test
    void whileBatchesAreInFlightANotYetDueBatchWaitsForTheFirstOfSettlementEventsAndLinger() {
        OpenBatch<String> batch = batchOffered(0, 0);
        FlushLimits four = new FlushLimits(5, 1 << 20, LINGER, 4);

        decision.decide(98 * MS, four, retries, batch, false, 1, 30_000 * MS);
        assertThat(decision.action()).isEqualTo(Action.AWAIT_SETTLEMENT_OR_EVENTS);
        assertThat(decision.waitNanos())
                .as("the linger deadline comes before the slice ends")
                .isEqualTo(2 * MS);
        assertThat(decision.wakeThreshold()).isEqualTo(3);
    }

    @Test
    void aDrainingFailureRoundSendsNothingNewEvenWithRoomInTheWindow() {
        retries.onBatchFailed();
        FlushLimits four = new FlushLimits(5, 1 << 20, LINGER, 4);

        decision.decide(0, four, retries, batchOffered(0, 0, 0, 0, 0), false, 1, 30_000 * MS);

        assertThat(decision.action()).isEqualTo(Action.AWAIT_SETTLEMENT);
    }

    @Test
    void afterAFailedRoundItBacksOffUntilTheDeadlineThenSends() {
        BreakerPolicy policy = BreakerPolicy.ofDefaults().withRetries(3, Duration.ofMillis(50), Duration.ofSeconds(2));
        RetryStateMachine backingOff = new RetryStateMachine(policy);
        backingOff.onBatchFailed();
        backingOff.onRoundEnd(10 * MS, true);
        OpenBatch<String> due = batchOffered(0, 0, 0, 0, 0);

        decision.decide(20 * MS, LIMITS, backingOff, due, true, 0, NO_HEAD);
        assertThat(decision.action()).isEqualTo(Action.BACK_OFF);
        assertThat(decision.waitNanos()).as("50 ms from the end of the round").isEqualTo(40 * MS);

        backingOff.wake(60 * MS);
        assertThat(decision.decide(60 * MS, LIMITS, backingOff, due, true, 0, NO_HEAD)
                        .action())
                .isEqualTo(Action.SEND);
    }

    @Test
    void aRefusingBreakerIsAskedAgainTenMillisecondsLater() {
        retries.onBreakerDenied(5 * MS);

        decision.decide(7 * MS, LIMITS, retries, batchOffered(0), true, 0, NO_HEAD);
        assertThat(decision.action()).isEqualTo(Action.BACK_OFF);
        assertThat(decision.waitNanos()).isEqualTo(8 * MS);

        retries.wake(15 * MS);
        assertThat(retries.state()).isEqualTo(RetryStateMachine.State.SENDING);
        assertThat(decision.decide(15 * MS, LIMITS, retries, batchOffered(0), true, 0, NO_HEAD)
                        .action())
                .isEqualTo(Action.SEND);
    }
}
