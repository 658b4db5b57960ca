package io.pacer.load;

import io.pacer.time.Ticker;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Issues the operations of one run from a single pacing thread and takes their completions from any thread.
 *
 * <p>Every operation gets an intended start: from the open schedule, the recorded timeline, the moment a closed
 * user became ready, or (unlimited) the moment just before it is handed to the driver. The pacing thread waits
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
    static final long UNKNOWN = OpenSchedule.UNKNOWN;

    private final Workload workload;
    private final Driver driver;
    private final Timeline timeline;
    private final Ticker ticker;
    private final Tally tally;
    private final OpenSchedule schedule;
    private final long thinkNanos;
    private final long resumeLevel;
    private final Queue<Ready> returned = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Thread> waiter = new AtomicReference<>();

    /** Operations handed to the driver so far; written by the pacing thread only. */
    final AtomicLong started = new AtomicLong();
    /** Largest schedule lag since the reporter last took it, ns. */
    final AtomicLong intervalLag = new AtomicLong();
    /** Absolute ticker time at which the measured part begins (the warm-up ends), or UNKNOWN. */
    volatile long measuredStart = UNKNOWN;
    /** Records completed before the measured part began, or -1 while unknown. */
    volatile long recordsBase = -1;

    private volatile boolean stopping;
    private volatile boolean abandonDrain;

    private long t0;
    // The measured span, for target versus achieved rate; pacing thread only, read after it finished.
    long firstMeasuredSeq = -1;
    long firstMeasuredIntended;
    long firstMeasuredIssue;
    long lastIntended;
    long lastIssue;

    PacingLoop(Workload workload, Driver driver, Ticker ticker, Tally tally) {
        this.workload = workload;
        this.driver = driver;
        this.timeline = driver instanceof Timeline t ? t : null;
        this.ticker = ticker;
        this.tally = tally;
        this.schedule = workload.pacing() instanceof Pacing.Open open ? new OpenSchedule(open) : null;
        this.thinkNanos = workload.pacing() instanceof Pacing.Closed closed
                ? closed.thinkTime().toNanos()
                : -1;
        this.resumeLevel = workload.maxOutstanding() - Math.max(1, workload.maxOutstanding() / 8);
    }

    /** The open schedule's rate at {@code at} (absolute), or 0 without a rate; any thread. */
    double targetRate(long at) {
        if (schedule == null) {
            return 0;
        }
        long origin = measuredStart;
        return schedule.rateAt(at - t0, origin == UNKNOWN ? UNKNOWN : origin - t0);
    }

    /** Issues operations on the calling thread until a limit, the end of the timeline or {@link #stop()}. */
    void run(long startNanos) {
        t0 = startNanos;
        if (thinkNanos >= 0) {
            runClosed();
        } else {
            runScheduled();
        }
    }

    private void runScheduled() {
        Pacing pacing = workload.pacing();
        double speed = pacing instanceof Pacing.Recorded recorded ? recorded.speed() : 0;
        boolean unlimited = pacing instanceof Pacing.Unlimited;
        int users = workload.users();
        for (long seq = 0; !stopping; seq++) {
            long offset = timeline == null ? 0 : timeline.nextOffsetNanos();
            if (offset == Timeline.END) {
                return;
            }
            long intended;
            if (schedule != null) {
                long origin = measuredStart;
                intended = t0 + schedule.next(origin == UNKNOWN ? UNKNOWN : origin - t0);
            } else if (speed > 0) {
                intended = t0 + (long) (offset / speed);
            } else {
                intended = ticker.nanos();
            }
            if (limitReached(seq, intended)) {
                if (!unlimited) {
                    awaitDurationEnd(intended);
                }
                return;
            }
            if (!unlimited && !awaitTime(intended) || !awaitSlot(seq)) {
                return;
            }
            long now = ticker.nanos();
            issue((int) (seq % users), seq, unlimited ? now : intended, now);
        }
    }

    private void runClosed() {
        PriorityQueue<Ready> due = new PriorityQueue<>(Comparator.comparingLong(Ready::at));
        for (int user = 0; user < workload.users(); user++) {
            due.add(new Ready(user, t0));
        }
        long seq = 0;
        while (!stopping) {
            for (Ready r; (r = returned.poll()) != null; ) {
                due.add(r);
            }
            Ready next = due.peek();
            long now = ticker.nanos();
            if (next == null || next.at() > now) {
                waiter.set(Thread.currentThread());
                if (returned.isEmpty()) {
                    LockSupport.parkNanos(next == null ? MAX_PARK_NANOS : Math.min(next.at() - now, MAX_PARK_NANOS));
                }
                waiter.set(null);
                continue;
            }
            if (timeline != null && timeline.nextOffsetNanos() == Timeline.END || limitReached(seq, now)) {
                return;
            }
            due.poll();
            issue(next.user(), seq++, next.at(), now);
        }
    }

    /** Whether the operation {@code seq}, due at {@code time}, is past a limit of the measured part. */
    private boolean limitReached(long seq, long time) {
        long origin = measuredStart;
        if (origin == UNKNOWN || time < origin) {
            return false;
        }
        if (firstMeasuredSeq < 0) {
            firstMeasuredSeq = seq;
        }
        Limit limit = workload.limit();
        if (limit.operations() > 0 && seq - firstMeasuredSeq >= limit.operations()) {
            return true;
        }
        if (!limit.duration().isZero() && time - origin >= limit.duration().toNanos()) {
            return true;
        }
        long base = recordsBase;
        return limit.records() > 0 && base >= 0 && tally.records() - base >= limit.records();
    }

    /** A scheduled run bounded by time lasts its whole duration, not only until its last operation's start. */
    private void awaitDurationEnd(long nextIntended) {
        long origin = measuredStart;
        long duration = workload.limit().duration().toNanos();
        if (duration > 0) {
            awaitTime(Math.min(nextIntended, origin + duration));
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
        if (thinkNanos >= 0) {
            returned.add(new Ready(user, now + thinkNanos));
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

    private record Ready(int user, long at) {}
}
