package io.pacer.batch;

import io.github.resilience4j.core.IntervalFunction;
import io.pacer.breaker.BreakerPolicy;
import java.util.concurrent.TimeUnit;

/**
 * Whether the flusher may send, and from when it may send again after a failure or a refusal: an explicit state
 * machine (the shape of Resilience4j's {@code CircuitBreakerStateMachine}: the legal transitions are listed in
 * {@link State#mayMoveTo}, an illegal one throws).
 *
 * <pre>
 *  state           sends   leaves for        when
 *  ──────────────  ──────  ────────────────  ─────────────────────────────────────────────────────────────────
 *  SENDING         yes     FAILING           a batch failed retriably, as a whole or some of its events
 *                          BREAKER_DENIED    the breaker refused a batch with nothing in flight (or the spool
 *                                            could not be read): poll again in 10 ms
 *  FAILING         no      BACKING_OFF       the last batch in flight settled and there are events to retry
 *                          SENDING           the last batch in flight settled and there is nothing to retry
 *  BACKING_OFF     no      SENDING           its deadline passed: now + backoff(attempt) when the round ended
 *  BREAKER_DENIED  no      SENDING           its deadline passed (the breaker is asked again)
 * </pre>
 *
 * <p>A <em>round</em> runs from the first settlement after the in-flight window was empty until it is empty again
 * (a batch replayed from the spool is a round of its own). Two attempt counters set the backoff and cap per-event
 * retries; each counts at most once per round, so batches in flight that fail together are one attempt:
 * <ul>
 *   <li>whole-batch attempts: rounds in a row in which a batch failed as a whole; reset when the sink answers
 *       a batch (unless this round already had a whole failure);</li>
 *   <li>partial attempts: for a batch replayed from the spool (retried as a whole), rounds in a row in which
 *       events of it failed; reset by a batch delivered in full (unless this round had a partial failure) and
 *       when the retries give up at {@link BreakerPolicy#maxAttempts()}. Events of batches from memory are
 *       retried one by one, each until it has been rejected {@code maxAttempts} times ({@code Settlement} counts
 *       per event); a round's partial attempt, for its backoff, is then the most-rejected retried event's.</li>
 * </ul>
 *
 * <p>Notes: in {@code BACKING_OFF} and {@code BREAKER_DENIED} nothing is in flight (a round ends only when the
 * window is empty; the breaker is asked only for a batch about to be sent), so the flusher spends those states
 * absorbing events under the overflow policy; {@code SPILL} spools only in {@code BREAKER_DENIED}. Whole-batch
 * failures are retried without a cap (the breaker bounds them); per-event retries are capped. Flusher thread
 * only.
 */
final class RetryStateMachine {
    /** How soon a refused breaker is asked again. */
    static final long BREAKER_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Backoff stops growing after this many attempts (the interval function is capped anyway). */
    private static final int MAX_BACKOFF_ATTEMPT = 30;

    /** The states; see the class comment for what each means. */
    enum State {
        SENDING,
        FAILING,
        BACKING_OFF,
        BREAKER_DENIED;

        /** The transition table. */
        boolean mayMoveTo(State next) {
            return switch (this) {
                case SENDING -> next == FAILING || next == BREAKER_DENIED;
                case FAILING -> next == BACKING_OFF || next == SENDING;
                case BACKING_OFF, BREAKER_DENIED -> next == SENDING;
            };
        }

        /** Whether this state holds sending until a deadline. */
        boolean waits() {
            return this == BACKING_OFF || this == BREAKER_DENIED;
        }
    }

    private final IntervalFunction backoff;
    private final boolean noBackoff;

    private State state = State.SENDING;
    private long deadline;
    private int wholeAttempts;
    private int partialAttempts;
    private boolean roundWhole;
    private boolean roundPartial;

    /** Backoff from {@code policy}: exponential from its initial to its max backoff (Resilience4j's interval function). */
    RetryStateMachine(BreakerPolicy policy) {
        this.noBackoff = policy.initialBackoff().isZero();
        this.backoff = IntervalFunction.ofExponentialBackoff(
                Math.max(1, policy.initialBackoff().toMillis()),
                2.0,
                Math.max(1, policy.maxBackoff().toMillis()));
    }

    State state() {
        return state;
    }

    /** Until when {@code BACKING_OFF} or {@code BREAKER_DENIED} hold sending (ticker nanos; meaningless otherwise). */
    long deadline() {
        return deadline;
    }

    /** {@code BACKING_OFF} and {@code BREAKER_DENIED} end once {@code now} reaches their deadline. */
    void wake(long now) {
        if (state.waits() && now - deadline >= 0) {
            moveTo(State.SENDING);
        }
    }

    /** The sink answered a batch (the breaker counted a success), whether or not every event was taken. */
    void onAnswered() {
        if (!roundWhole) {
            wholeAttempts = 0;
        }
    }

    /** The sink took every event of a batch. */
    void onDeliveredInFull() {
        if (!roundPartial) {
            partialAttempts = 0;
        }
    }

    /** A batch failed as a whole, retriably: nothing new is sent until the round ends. */
    void onBatchFailed() {
        fail();
        if (!roundWhole) {
            roundWhole = true;
            wholeAttempts++;
        }
    }

    /**
     * Events of an answered batch failed.
     *
     * @param retriable whether the failures allow a retry at all
     * @return whether they are retried: retriable and fewer than {@code maxAttempts} partial attempts so far
     *     (then nothing new is sent until the round ends); otherwise the retries give up
     */
    boolean onEventsFailed(boolean retriable, int maxAttempts) {
        if (!roundPartial) {
            roundPartial = true;
            partialAttempts++;
        }
        if (retriable && partialAttempts < maxAttempts) {
            fail();
            return true;
        }
        partialAttempts = 0;
        return false;
    }

    /**
     * Events of an answered batch from memory failed retriably and are retried (each has attempts left): nothing new
     * is sent until the round ends, and the backoff is that of the most-rejected one's attempt.
     *
     * @param attempt how often the most-rejected of them has been rejected so far (1 after its first send)
     */
    void onEventsRetried(int attempt) {
        fail();
        partialAttempts = roundPartial ? Math.max(partialAttempts, attempt) : attempt;
        roundPartial = true;
    }

    /**
     * The round ended (nothing is in flight any more).
     *
     * @param retry whether events wait to be retried: then back off, else carry on sending
     */
    void onRoundEnd(long now, boolean retry) {
        if (retry) {
            long until = now + backoffNanos(roundWhole ? wholeAttempts : partialAttempts);
            moveTo(State.BACKING_OFF);
            deadline = until;
        } else if (state == State.FAILING) {
            moveTo(State.SENDING);
        }
        roundWhole = false;
        roundPartial = false;
    }

    /** The breaker refused a batch and nothing is in flight: ask again in {@link #BREAKER_POLL_NANOS}. */
    void onBreakerDenied(long now) {
        moveTo(State.BREAKER_DENIED);
        deadline = now + BREAKER_POLL_NANOS;
    }

    /** Exponential backoff for the {@code attempt}-th attempt; zero when the policy's initial backoff is zero. */
    long backoffNanos(int attempt) {
        if (noBackoff) {
            return 0;
        }
        // attempt is at least 1 whenever there is something to retry, except when a round gave up its per-event
        // retries and then retried another batch's events (the counter was reset): that is a first attempt
        int clamped = Math.max(1, Math.min(attempt, MAX_BACKOFF_ATTEMPT));
        return TimeUnit.MILLISECONDS.toNanos(backoff.apply(clamped));
    }

    private void fail() {
        if (state != State.FAILING) {
            moveTo(State.FAILING);
        }
    }

    private void moveTo(State next) {
        if (!state.mayMoveTo(next)) {
            throw new IllegalStateException("retry state cannot move from " + state + " to " + next);
        }
        state = next;
    }

    @Override
    public String toString() {
        return "RetryStateMachine[" + state + (state.waits() ? " until " + deadline : "") + ", whole attempts "
                + wholeAttempts + ", partial attempts " + partialAttempts + "]";
    }
}
