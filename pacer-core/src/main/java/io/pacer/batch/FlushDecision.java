package io.pacer.batch;

import java.util.concurrent.TimeUnit;

/**
 * What the flusher does next, and how long until it must look again: a pure function of {@code now} and the state
 * it is shown (the shape of Kafka's {@code RecordAccumulator.ready(nowMs)} and its {@code nextReadyCheckDelayMs}),
 * so linger, backoff and the window are tested by giving it numbers, never by waiting. The first rule that applies
 * wins:
 *
 * <pre>
 *  situation                                                   action                       wait (ticker nanos)
 *  ──────────────────────────────────────────────────────────  ───────────────────────────  ─────────────────────
 *  backing off or breaker denied, deadline T not reached       BACK_OFF                     T - now
 *  batch due — full by count or bytes, its first event has     SEND                         0
 *    lingered long enough, or a flush is waiting — and the
 *    window has room and no failure round is draining
 *  batches in flight, sending blocked (the batch is due but    AWAIT_SETTLEMENT             min(5 ms, head's delivery
 *    the window is full, or a failure round is draining)                                      deadline - now), &gt;= 1
 *  batches in flight, batch not due                            AWAIT_SETTLEMENT_OR_EVENTS   the same, and no later
 *                                                                                             than the batch's linger
 *                                                                                             deadline
 *  nothing in flight, batch not due                            AWAIT_EVENTS                 linger deadline - now
 *  nothing at all                                              AWAIT_EVENTS                 NO_DEADLINE
 * </pre>
 *
 * <p>While it waits for events, {@link #wakeThreshold()} says how many events in the ring should cut the wait
 * short: enough to fill the batch, or one when it is empty. The flusher caps every park at
 * {@link Flusher#MAX_PARK_NANOS} whatever the wait, so it still notices tunables, adaptive windows and
 * {@code close}.
 *
 * <p>Notes: the decision is written into this object, which the flusher reuses, so deciding allocates nothing on
 * the hot path. The 5 ms slice while batches are in flight exists so {@code DROP_OLDEST} keeps shedding between
 * parks; a sink's completion unparks the flusher earlier.
 */
final class FlushDecision {
    /** Nothing waits on time: only events (or a settlement) move things on. */
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** While batches are in flight the flusher looks at least this often. */
    static final long SETTLEMENT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    /** What to do. */
    enum Action {
        /** Hold sending until the retry state's deadline, absorbing events under the overflow policy meanwhile. */
        BACK_OFF,
        /** Send the open batch (if the breaker permits). */
        SEND,
        /** Only a settlement can move things on. */
        AWAIT_SETTLEMENT,
        /** A settlement, more events or the open batch's linger deadline can move things on. */
        AWAIT_SETTLEMENT_OR_EVENTS,
        /** More events or the open batch's linger deadline can move things on. */
        AWAIT_EVENTS
    }

    private Action action = Action.AWAIT_EVENTS;
    private long waitNanos = NO_DEADLINE;
    private int wakeThreshold = 1;

    /**
     * Decides.
     *
     * @param now the ticker's reading
     * @param limits batch size, bytes, linger and window size now in force
     * @param retry the retry state (and its deadline when it holds sending)
     * @param batch the open batch (its size, bytes and first event's offer time)
     * @param flushRequested whether {@code flush} or {@code close} waits for events not yet settled
     * @param inFlight batches in flight
     * @param headDeadline when the oldest batch in flight times out (ignored when none is in flight)
     * @return this, holding the decision
     */
    FlushDecision decide(
            long now,
            FlushLimits limits,
            RetryStateMachine retry,
            OpenBatch<?> batch,
            boolean flushRequested,
            int inFlight,
            long headDeadline) {
        RetryStateMachine.State state = retry.state();
        if (state.waits() && retry.deadline() - now > 0) {
            return set(Action.BACK_OFF, retry.deadline() - now, 0);
        }
        int size = batch.size();
        long lingerDeadline = batch.firstStamp() + limits.lingerNanos();
        boolean due = size > 0
                && (size >= limits.maxEvents()
                        || batch.bytes() >= limits.maxBytes()
                        || now - lingerDeadline >= 0
                        || flushRequested);
        boolean failing = state == RetryStateMachine.State.FAILING;
        if (due && !failing && inFlight < limits.maxInFlight()) {
            return set(Action.SEND, 0, 0);
        }
        int fillThreshold = size > 0 ? Math.max(1, limits.maxEvents() - size) : 1;
        if (inFlight > 0) {
            long settlementWait = settlementWait(now, headDeadline);
            if (due || failing) {
                return set(Action.AWAIT_SETTLEMENT, settlementWait, 0);
            }
            long wait = size > 0 ? Math.max(1, Math.min(settlementWait, lingerDeadline - now)) : settlementWait;
            return set(Action.AWAIT_SETTLEMENT_OR_EVENTS, wait, fillThreshold);
        }
        return set(Action.AWAIT_EVENTS, size > 0 ? lingerDeadline - now : NO_DEADLINE, fillThreshold);
    }

    /** How long to wait for the oldest batch in flight: a slice, or less when its delivery deadline comes first. */
    static long settlementWait(long now, long headDeadline) {
        return Math.max(1, Math.min(SETTLEMENT_SLICE_NANOS, headDeadline - now));
    }

    Action action() {
        return action;
    }

    /** How long until the flusher must look again (0 for {@link Action#SEND}). */
    long waitNanos() {
        return waitNanos;
    }

    /** Events in the ring that should end the wait early (while awaiting events; 0 otherwise). */
    int wakeThreshold() {
        return wakeThreshold;
    }

    private FlushDecision set(Action next, long wait, int threshold) {
        this.action = next;
        this.waitNanos = wait;
        this.wakeThreshold = threshold;
        return this;
    }

    @Override
    public String toString() {
        return action + " wait " + waitNanos + " ns" + (wakeThreshold > 0 ? ", wake at " + wakeThreshold : "");
    }
}
