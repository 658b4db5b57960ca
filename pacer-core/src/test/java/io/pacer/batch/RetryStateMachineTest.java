package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.batch.RetryStateMachine.State;
import io.pacer.breaker.BreakerPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RetryStateMachineTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    /** 50 ms, doubling up to 400 ms; three attempts per event. */
    private static final BreakerPolicy POLICY =
            BreakerPolicy.ofDefaults().withRetries(3, Duration.ofMillis(50), Duration.ofMillis(400));

    private final RetryStateMachine retries = new RetryStateMachine(POLICY);

    @Test
    void theTransitionTableAllowsExactlyTheDocumentedMoves() {
        List<String> legal = new ArrayList<>();
        for (State from : State.values()) {
            for (State to : State.values()) {
                if (from.mayMoveTo(to)) {
                    legal.add(from + "->" + to);
                }
            }
        }
        assertThat(legal)
                .containsExactlyInAnyOrder(
                        "SENDING->FAILING",
                        "SENDING->BREAKER_DENIED",
                        "FAILING->BACKING_OFF",
                        "FAILING->SENDING",
                        "BACKING_OFF->SENDING",
                        "BREAKER_DENIED->SENDING");
    }

    @Test
    void anIllegalTransitionThrowsAndNamesBothStates() {
        retries.onBreakerDenied(0);
        assertThatThrownBy(retries::onBatchFailed)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("retry state cannot move from BREAKER_DENIED to FAILING");
        assertThat(retries.state()).isEqualTo(State.BREAKER_DENIED);

        RetryStateMachine sending = new RetryStateMachine(POLICY);
        assertThatThrownBy(() -> sending.onRoundEnd(0, true))
                .as("events to retry without a failure")
                .hasMessage("retry state cannot move from SENDING to BACKING_OFF");
    }

    @Test
    void wholeBatchFailuresBackOffExponentiallyAndAnAnswerResetsTheCount() {
        long[] backoffs = new long[5];
        long now = 0;
        for (int round = 0; round < backoffs.length; round++) {
            retries.onBatchFailed();
            assertThat(retries.state()).isEqualTo(State.FAILING);
            retries.onRoundEnd(now, true);
            assertThat(retries.state()).isEqualTo(State.BACKING_OFF);
            backoffs[round] = retries.deadline() - now;
            retries.wake(retries.deadline() - 1);
            assertThat(retries.state()).as("not before its deadline").isEqualTo(State.BACKING_OFF);
            now = retries.deadline();
            retries.wake(now);
            assertThat(retries.state()).isEqualTo(State.SENDING);
        }
        assertThat(backoffs).containsExactly(50 * MS, 100 * MS, 200 * MS, 400 * MS, 400 * MS);

        retries.onAnswered();
        retries.onBatchFailed();
        retries.onRoundEnd(now, true);
        assertThat(retries.deadline() - now).as("back to the first attempt").isEqualTo(50 * MS);
    }

    @Test
    void batchesFailingInOneRoundAreOneAttempt() {
        retries.onBatchFailed();
        retries.onBatchFailed();
        retries.onAnswered(); // a batch behind them succeeded in the same round: the failures still count
        retries.onBatchFailed();
        retries.onRoundEnd(0, true);
        assertThat(retries.deadline()).isEqualTo(50 * MS);

        retries.wake(50 * MS);
        retries.onBatchFailed();
        retries.onRoundEnd(50 * MS, true);
        assertThat(retries.deadline() - 50 * MS)
                .as("the second round is the second attempt")
                .isEqualTo(100 * MS);
    }

    @Test
    void perEventRetriesStopAtMaxAttempts() {
        assertThat(retries.onEventsFailed(true, POLICY.maxAttempts()))
                .as("attempt 1")
                .isTrue();
        retries.onRoundEnd(0, true);
        assertThat(retries.deadline()).isEqualTo(50 * MS);
        retries.wake(50 * MS);

        assertThat(retries.onEventsFailed(true, POLICY.maxAttempts()))
                .as("attempt 2")
                .isTrue();
        retries.onRoundEnd(50 * MS, true);
        assertThat(retries.deadline() - 50 * MS).isEqualTo(100 * MS);
        retries.wake(150 * MS);

        assertThat(retries.onEventsFailed(true, POLICY.maxAttempts()))
                .as("the third attempt was the last")
                .isFalse();
        retries.onRoundEnd(150 * MS, false);
        assertThat(retries.state()).isEqualTo(State.SENDING);

        assertThat(retries.onEventsFailed(true, POLICY.maxAttempts()))
                .as("giving up reset the count")
                .isTrue();
    }

    @Test
    void eventsRetriedOneByOneBackOffAsTheMostRejectedOfThem() {
        retries.onEventsRetried(2); // an event on its second rejection
        retries.onEventsRetried(1); // a batch in flight with it: an event on its first
        assertThat(retries.state()).isEqualTo(State.FAILING);
        retries.onRoundEnd(0, true);
        assertThat(retries.state()).isEqualTo(State.BACKING_OFF);
        assertThat(retries.deadline()).as("the backoff of a second attempt").isEqualTo(100 * MS);

        retries.wake(100 * MS);
        retries.onEventsRetried(1);
        retries.onRoundEnd(100 * MS, true);
        assertThat(retries.deadline() - 100 * MS)
                .as("a new round: its own most-rejected event")
                .isEqualTo(50 * MS);
    }

    @Test
    void permanentEventFailuresAreNotRetriedAndABatchDeliveredInFullResetsTheCount() {
        assertThat(retries.onEventsFailed(false, POLICY.maxAttempts())).isFalse();
        assertThat(retries.state()).isEqualTo(State.SENDING);
        retries.onRoundEnd(0, false);

        assertThat(retries.onEventsFailed(true, POLICY.maxAttempts())).isTrue();
        retries.onRoundEnd(0, true);
        retries.wake(50 * MS);
        retries.onDeliveredInFull();
        assertThat(retries.onEventsFailed(true, POLICY.maxAttempts())).isTrue();
        retries.onRoundEnd(50 * MS, true);
        assertThat(retries.deadline() - 50 * MS).as("a first attempt again").isEqualTo(50 * MS);
    }

    @Test
    void aRoundThatGaveUpOnSomeEventsAndRetriesOthersBacksOffAsAFirstAttempt() {
        // two batches in flight: the first's events fail permanently (retries give up, the count resets), the
        // second's retriably; the backoff is that of a first attempt, not of attempt zero
        assertThat(retries.onEventsFailed(false, POLICY.maxAttempts())).isFalse();
        assertThat(retries.onEventsFailed(true, POLICY.maxAttempts())).isTrue();
        retries.onRoundEnd(0, true);
        assertThat(retries.state()).isEqualTo(State.BACKING_OFF);
        assertThat(retries.deadline()).isEqualTo(50 * MS);
    }

    @Test
    void aRoundWithNothingLeftToRetryGoesBackToSending() {
        retries.onBatchFailed();
        retries.onRoundEnd(0, false);
        assertThat(retries.state()).isEqualTo(State.SENDING);
    }

    @Test
    void aRefusedBreakerIsPolledEveryTenMilliseconds() {
        retries.onBreakerDenied(3 * MS);
        assertThat(retries.state()).isEqualTo(State.BREAKER_DENIED);
        assertThat(retries.deadline()).isEqualTo(13 * MS);
        retries.wake(12 * MS);
        assertThat(retries.state()).isEqualTo(State.BREAKER_DENIED);
        retries.wake(13 * MS);
        assertThat(retries.state()).isEqualTo(State.SENDING);
    }

    @Test
    void zeroInitialBackoffRetriesAtOnce() {
        RetryStateMachine atOnce =
                new RetryStateMachine(BreakerPolicy.ofDefaults().withRetries(3, Duration.ZERO, Duration.ZERO));
        atOnce.onBatchFailed();
        atOnce.onRoundEnd(7 * MS, true);
        assertThat(atOnce.deadline()).isEqualTo(7 * MS);
        atOnce.wake(7 * MS);
        assertThat(atOnce.state()).isEqualTo(State.SENDING);
    }
}
