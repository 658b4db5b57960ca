package io.pacer.load;

import io.pacer.time.Ticker;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Issues the operations of one run from a single pacing thread and takes their completions from any thread.
 *
 * <p>Every operation gets an intended start from the run's {@link Schedule}, one per {@link Pacing} variant: the open
 * schedule, the recorded timeline, the moment a closed user became ready, or (unlimited) the moment just before it is
 * handed to the driver. The reporter tells the loop when the measured part begins through one call,
 * {@link #measureFrom}; {@link #run} returns the measured operations' {@link MeasuredSpan}. The pacing thread waits
 * until that time, then for a free slot under {@link Workload#maxOutstanding()}; when it is late it issues at once,
 * catching up in a burst, and the lateness is recorded as schedule lag. The completion callback records latency
 * from the intended start into the {@link Tally}: no lock, no thread hop, one small allocation per operation.
 *
 * <p>Notes: outstanding = issued − completed, both counted without a shared lock. The pacing thread parks while
 * it waits; a completion wakes it only when it is parked and, for a slot, only once outstanding has fallen a
 * little below the bound (so a saturated run is not a park/unpark ping-pong per operation). Parks are capped at
 * {@link #MAX_PARK_NANOS} so stop() and an injected ticker are always honoured.
 */
final class PacingLoop {

    static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Workload workload;
    private final Driver driver;
    private final Timeline timeline;
    private final Ticker ticker;
    private final Tally tally;
    private final Schedule schedule;
    private final long resumeLevel;
    private final AtomicReference<Thread> waiter = new AtomicReference<>();
    /** Operations handed to the driver so far; written by the pacing thread only. */
    private final AtomicLong started = new AtomicLong();
    /** Largest schedule lag since the reporter last took it, ns. */
    private final AtomicLong intervalLag = new AtomicLong();
    /** The reporter's hand-over; null until it knows when the measured part begins. */
    private volatile MeasuredStart measuredStart;

    private volatile boolean stopping;
    private volatile boolean abandonDrain;

    // Pacing thread only: the run's start and the measured span so far (returned by run()).
    private long t0;
    private long firstMeasuredSeq = -1;
    private long firstMeasuredIntended;
    private long firstMeasuredIssue;
    private long lastIntended;
    private long lastIssue;

    PacingLoop(Workload workload, Driver driver, Ticker ticker, Tally tally) {
        this.workload = workload;
        this.driver = driver;
        this.timeline = driver instanceof Timeline t ? t : null;
        this.ticker = ticker;
        this.tally = tally;
        this.schedule = Schedule.of(workload.pacing());
        this.resumeLevel = workload.maxOutstanding() - Math.max(1, workload.maxOutstanding() / 8);
    }

    /**
     * The reporter's hand-over: the measured part begins at {@code at} (absolute ticker time), after
     * {@code recordsBase} completed records ({@link MeasuredStart#RECORDS_UNKNOWN} while a fixed warm-up still
     * runs; call again with the same time once it is known). Any thread; published as one immutable value.
     */
    void measureFrom(long at, long recordsBase) {
        measuredStart = new MeasuredStart(at, recordsBase);
    }

    /** The last hand-over, or null before the first. */
    MeasuredStart measuredStart() {
        return measuredStart;
    }

    /** The schedule's rate at {@code offset} from the run's start, with steps from {@code stepOrigin}; any thread. */
    double targetRate(long offset, long stepOrigin) {
        return schedule.rateAt(offset, stepOrigin);
    }

    /** Whether the run reports a target rate (open and recorded timing). */
    boolean hasTargetRate() {
        return schedule.hasTargetRate();
    }

    /** Operations handed to the driver so far; any thread. */
    long started() {
        return started.get();
    }

    /** The largest schedule lag since the last call, ns, starting afresh; any thread. */
    long takeIntervalLag() {
        return intervalLag.getAndSet(0);
    }

    /**
     * Issues operations on the calling thread until a limit, the end of the timeline or {@link #stop()}.
     *
     * @return the measured operations' span
     */
    MeasuredSpan run(long startNanos) {
        t0 = startNanos;
        if (schedule instanceof Schedule.Closed closed) {
            runClosed(closed);
        } else {
            runTimed((Schedule.Timed) schedule);
        }
        return new MeasuredSpan(
                firstMeasuredSeq,
                started.get() - 1,
                firstMeasuredIntended,
                lastIntended,
                firstMeasuredIssue,
                lastIssue);
    }

    private void runTimed(Schedule.Timed timed) {
        int users = workload.users();
        for (long seq = 0; !stopping; seq++) {
            long offset = timeline == null ? 0 : timeline.nextOffsetNanos();
            if (offset == Timeline.END) {
                return;
            }
            MeasuredStart origin = measuredStart;
            long stepOrigin = origin == null ? Schedule.UNKNOWN : origin.at() - t0;
            long intended = t0 + timed.next(offset, stepOrigin, ticker.nanos() - t0);
            if (limitReached(seq, intended)) {
                if (timed.paced()) {
                    awaitDurationEnd(intended);
                }
                return;
            }
            if (timed.paced() && !awaitTime(intended) || !awaitSlot(seq)) {
                return;
            }
            long now = ticker.nanos();
            issue((int) (seq % users), seq, timed.paced() ? intended : now, now);
        }
    }

    private void runClosed(Schedule.Closed closed) {
        closed.begin(workload.users(), t0);
        long seq = 0;
        while (!stopping) {
            Schedule.Closed.Ready next = closed.peek();
            long now = ticker.nanos();
            if (next == null || next.at() > now) {
                waiter.set(Thread.currentThread());
                if (!closed.hasReturned()) {
                    LockSupport.parkNanos(next == null ? MAX_PARK_NANOS : Math.min(next.at() - now, MAX_PARK_NANOS));
                }
                waiter.set(null);
                continue;
            }
            if (timeline != null && timeline.nextOffsetNanos() == Timeline.END || limitReached(seq, now)) {
                return;
            }
            closed.take();
            issue(next.user(), seq++, next.at(), now);
        }
    }

    /** Whether the operation {@code seq}, due at {@code time}, is past a limit of the measured part. */
    private boolean limitReached(long seq, long time) {
        MeasuredStart origin = measuredStart;
        if (origin == null || time < origin.at()) {
            return false;
        }
        if (firstMeasuredSeq < 0) {
            firstMeasuredSeq = seq;
        }
        Limit limit = workload.limit();
        if (limit.operations() > 0 && seq - firstMeasuredSeq >= limit.operations()) {
            return true;
        }
        if (!limit.duration().isZero() && time - origin.at() >= limit.duration().toNanos()) {
            return true;
        }
        long base = origin.recordsBase();
        return limit.records() > 0
                && base != MeasuredStart.RECORDS_UNKNOWN
                && tally.records() - base >= limit.records();
    }

    /** A scheduled run bounded by time lasts its whole duration, not only until its last operation's start. */
    private void awaitDurationEnd(long nextIntended) {
        long duration = workload.limit().duration().toNanos();
        if (duration > 0) {
            awaitTime(Math.min(nextIntended, measuredStart.at() + duration));
        }
    }

    private boolean awaitTime(long deadline) {
        while (!stopping) {
            long remaining = deadline - ticker.nanos();
            if (remaining <= 0) {
                return true;
            }
            LockSupport.parkNanos(Math.min(remaining, MAX_PARK_NANOS));
        }
        return false;
    }

    private boolean awaitSlot(long seq) {
        int max = workload.maxOutstanding();
        while (seq - tally.completed() >= max) {
            if (stopping) {
                return false;
            }
            waiter.set(Thread.currentThread());
            if (seq - tally.completed() >= max) {
                LockSupport.parkNanos(MAX_PARK_NANOS);
            }
            waiter.set(null);
        }
        return true;
    }

    private void issue(int user, long seq, long intended, long now) {
        started.lazySet(seq + 1);
        long lag = now - intended;
        if (lag > intervalLag.get()) {
            intervalLag.accumulateAndGet(lag, Math::max);
        }
        if (seq == firstMeasuredSeq) {
            firstMeasuredIntended = intended;
            firstMeasuredIssue = now;
        }
        lastIntended = intended;
        lastIssue = now;
        CompletionStage<Outcome> stage;
        try {
            stage = driver.start(new Call(user, seq, intended));
        } catch (RuntimeException e) {
            complete(user, intended, null, e);
            return;
        }
        if (stage == null) {
            complete(user, intended, null, new NullPointerException("Driver.start returned null"));
        } else {
            stage.whenComplete((outcome, error) -> complete(user, intended, outcome, error));
        }
    }

    private void complete(int user, long intended, Outcome outcome, Throwable error) {
        long now = ticker.nanos();
        if (error == null && outcome == null) {
            error = new NullPointerException("Driver completed with a null Outcome");
        }
        if (error != null) {
            tally.record(now - intended, false, failureStatus(error), "", 0, 0);
        } else {
            tally.record(
                    now - intended,
                    outcome.ok(),
                    outcome.status(),
                    outcome.label(),
                    outcome.records(),
                    outcome.bytes());
        }
        if (schedule instanceof Schedule.Closed closed) {
            closed.returned(user, now);
            wake();
        } else if (waiter.get() != null && started.get() - tally.completed() <= resumeLevel) {
            wake();
        }
    }

    private void wake() {
        if (waiter.get() == null) {
            return;
        }
        Thread parked = waiter.getAndSet(null);
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }

    /** The simple class name of the failure's cause, unwrapped from completion wrappers. */
    static String failureStatus(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String name = cause.getClass().getSimpleName();
        return name.isEmpty() ? cause.getClass().getName() : name;
    }

    /** Waits up to {@code timeoutNanos} for outstanding operations; returns how many are still outstanding. */
    long drain(long timeoutNanos) {
        long deadline = ticker.nanos() + timeoutNanos;
        while (outstanding() > 0 && !abandonDrain) {
            long remaining = deadline - ticker.nanos();
            if (remaining <= 0) {
                break;
            }
            waiter.set(Thread.currentThread());
            if (outstanding() > 0) {
                LockSupport.parkNanos(Math.min(remaining, MAX_PARK_NANOS));
            }
            waiter.set(null);
        }
        return outstanding();
    }

    long outstanding() {
        return started.get() - tally.completed();
    }

    /** Stops issuing; a second call also stops the drain. */
    void stop(Thread pacingThread) {
        if (stopping) {
            abandonDrain = true;
        }
        stopping = true;
        LockSupport.unpark(pacingThread);
    }

    boolean stopping() {
        return stopping;
    }
}
