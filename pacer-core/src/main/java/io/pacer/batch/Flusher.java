package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pacer.sink.BatchResult;
import io.pacer.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The batcher's one consumer thread. Each pass reads the ticker once, then:
 *
 * <pre>
 *   retry state waits (BACKING_OFF, BREAKER_DENIED)? ──────────────────────────────┐
 *     │ no                                                                           │
 *   settle what in flight is done, in send order (Settlement) ── round ended in a   │
 *     │                                                         backoff? ─▶ next pass
 *   spool holds events? ─▶ append everything new behind them, replay the oldest batch
 *     │ no
 *   fill the open batch: backlog first, then the ring (OpenBatch)                    │
 *     │                                                                              ▼
 *   FlushDecision.decide(now, …) ─▶ SEND · BACK_OFF · AWAIT_SETTLEMENT · AWAIT_SETTLEMENT_OR_EVENTS · AWAIT_EVENTS
 * </pre>
 *
 * <p>Its parts, one job each: {@link OpenBatch} (the batch being filled), {@link InFlightBatches} (the window of
 * batches sent and not settled), {@link RetryStateMachine} (whether it may send, backoff, attempts),
 * {@link Settlement} (what an outcome does to the breaker, the counters and the events to retry — for batches from
 * memory and from the spool alike), {@link FlushDecision} (what to do now and how long until the next look).
 * This class wires them, applies the overflow policy while delivery waits, replays the spool and idles.
 *
 * <p>What other threads may do: ask for a flush ({@link #requestFlush}), stop it ({@link #stop}), read how many
 * events are settled ({@link #settled}) and held ({@link #held}), and, once it has stopped, take what it still
 * holds ({@link #leftoversTo}). Producers read {@link #signals()} only.
 *
 * <p>Notes: events flow ring → (backlog) → open batch → in flight. The backlog is empty while the sink is healthy,
 * so the fast path copies each event once. Up to {@code maxInFlight} batches are in flight at once; they are
 * settled strictly in send order (a sink's completion only wakes this thread). A retriable failure stops sending
 * until every batch in flight has settled; then the failed events go back to the front of the backlog, in send
 * order, ahead of the batch being filled. With one batch in flight that keeps every producer's order exactly;
 * with more, a retried batch lands after the batches that succeeded while it was failing. While the spool holds
 * events, everything new is appended behind them and delivery happens from the spool, one batch at a time,
 * which keeps order across an outage too. Idling: while events flow the thread spins, then yields, before it
 * parks, because a park costs it and the producer that unparks it a system call each.
 */
final class Flusher<O> implements Runnable {
    /** The longest single park: halt, tunables and adaptive windows are noticed at least this often. */
    static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final long ERROR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int IDLE_SPINS = 256;
    private static final int IDLE_YIELDS = 8;

    private final FlusherContext<O> ctx;
    private final Ticker ticker;
    private final StampedRing<O> ring;
    private final GuardedSink<O> sink;
    private final SpoolBridge<O> spool;
    private final boolean dropOldest;
    private final boolean spill;
    /** A {@link DeliveryListener} is set: sent batches keep their list for it. */
    private final boolean reportsOutcomes;
    /** Read by producers on every offer, so it lives on a cache line of its own. */
    private final FlusherSignals signals;

    private final StampedDeque backlog = new StampedDeque();
    /** Failed events of the current failure round, in send order, waiting for the rest in flight to settle. */
    private final StampedDeque retrying = new StampedDeque();

    private final OpenBatch<O> batch;
    private final InFlightBatches inFlight = new InFlightBatches();
    private final RetryStateMachine retries;
    private final Settlement<O> settlement;
    private final FlushDecision decision = new FlushDecision();
    private final DeliveryAwaiter awaiter;
    private final SpoolBridge.Delivery<O> replay = this::deliverReplay;
    private final BiConsumer<Object, Throwable> wake = (result, failure) -> LockSupport.unpark(this.thread);

    private final AtomicLong settled = new AtomicLong();
    private final AtomicLong flushTarget = new AtomicLong();
    private volatile boolean halt;
    private volatile int held;
    private volatile Thread thread;
    /** This pass took events: keep spinning a little before parking. */
    private boolean drained;

    Flusher(FlusherContext<O> ctx) {
        this.ctx = ctx;
        this.ticker = ctx.ticker();
        this.ring = ctx.ring();
        this.signals = new FlusherSignals(ticker);
        this.sink = new GuardedSink<>(ctx.sink());
        this.spool = ctx.spool();
        this.dropOldest = ctx.overflow() instanceof Overflow.DropOldest;
        this.spill = ctx.overflow() instanceof Overflow.Spill;
        this.reportsOutcomes = ctx.deliveryListener() != null;
        this.batch = new OpenBatch<>(ctx.sizesEvents() ? ctx::sizeOf : null);
        this.retries = new RetryStateMachine(ctx.breakerPolicy());
        this.settlement = new Settlement<>(ctx, sink, retries, signals, retrying);
        this.awaiter = new DeliveryAwaiter(ticker, () -> halt, this::shedWhileWaiting);
    }

    // ---- what other threads may do ----

    /** What producers read on every offer: the wake threshold and the cached clock. */
    FlusherSignals signals() {
        return signals;
    }

    /** Events settled so far: delivered, failed for good, dropped or spilled. */
    long settled() {
        return settled.get();
    }

    /** Events the flusher holds in memory, not yet settled: backlog, open batch, in flight, waiting to retry. */
    int held() {
        return held;
    }

    /**
     * Sends what is buffered without waiting for linger until {@code target} events (counted from the ring's
     * start) are settled, and wakes the thread. Safe from any thread; the highest target asked for wins.
     */
    void requestFlush(long target) {
        flushTarget.accumulateAndGet(target, Math::max);
        wakeUp();
    }

    /** Stops the thread after its current pass; what it holds then is handed back by {@link #leftoversTo}. */
    void stop() {
        halt = true;
        wakeUp();
    }

    private void wakeUp() {
        signals.wakeAt(FlusherSignals.AWAKE);
        LockSupport.unpark(thread);
    }

    /** Events still held by the flusher after it stopped (caller: the closing thread, after join). */
    int leftoversTo(List<O> out) {
        batch.requeueTo(backlog);
        Object[] e = new Object[1];
        long[] s = new long[1];
        int n = 0;
        while (backlog.pollTo(e, s, 0, 1) == 1 || ring.drainTo(e, s, 0, 1) == 1) {
            @SuppressWarnings("unchecked")
            O event = (O) e[0];
            out.add(event);
            n++;
        }
        return n;
    }

    // ---- the thread ----

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (!halt) {
            try {
                step();
                signals.stopClock();
            } catch (RuntimeException | Error e) {
                signals.stopClock();
                // A bug or a sink's exception escaping every guard must not kill the flusher.
                ctx.log().error("batcher {}: unexpected error in flusher, continuing", ctx.name(), e);
                park(ERROR_PAUSE_NANOS);
            }
        }
        abandonInFlight();
    }

    private void step() {
        drained = false;
        long now = ticker.nanos();
        ctx.adapt(now);
        publishHeld();
        retries.wake(now);
        FlushLimits limits = ctx.limits();
        if (!retries.state().waits()) {
            settleDone();
            if (retries.state().waits()) {
                return; // a failure round just ended: its backoff comes first
            }
            if (spool.hasData()) {
                replayStep();
                return;
            }
            signals.publishClock();
            drained = batch.fill(backlog, ring, limits.maxEvents(), limits.maxBytes());
            signals.stopClock();
        }
        decision.decide(now, limits, retries, batch, flushRequested(), inFlight.size(), headDeadline());
        switch (decision.action()) {
            case BACK_OFF -> {
                absorb();
                park(decision.waitNanos());
            }
            case SEND -> dispatch();
            case AWAIT_SETTLEMENT -> {
                shedWhileWaiting();
                park(decision.waitNanos());
            }
            case AWAIT_SETTLEMENT_OR_EVENTS -> {
                shedWhileWaiting();
                signals.wakeAt(decision.wakeThreshold());
                parkUnlessWork(decision.waitNanos());
            }
            case AWAIT_EVENTS -> idle(decision.wakeThreshold(), decision.waitNanos());
        }
    }

    private boolean flushRequested() {
        return flushTarget.get() > settled.get();
    }

    /** When the oldest batch in flight times out (0 when none is in flight). */
    private long headDeadline() {
        return inFlight.isEmpty() ? 0 : inFlight.head().sentAt + deliveryTimeoutNanos();
    }

    private long deliveryTimeoutNanos() {
        return ctx.breakerPolicy().deliveryTimeout().toNanos();
    }

    /** The one place {@link #held} is computed: everything in memory that is neither in the ring nor settled. */
    private void publishHeld() {
        int count = backlog.size() + batch.size() + inFlight.events() + retrying.size();
        if (count != held) {
            held = count;
        }
    }

    // ---- sending and settling ----

    /** Sends the open batch if the breaker permits, then settles whatever in flight is already done. */
    private void dispatch() {
        CircuitBreaker breaker = ctx.breaker();
        if (!permitted(breaker)) {
            if (!inFlight.isEmpty()) {
                awaitSettlement(); // let what is in flight settle before holding or spilling
                return;
            }
            batch.requeueTo(backlog);
            holdForBreaker();
            return;
        }
        List<O> list = batch.toList();
        SentBatch sent = batch.sendTo(inFlight, breaker);
        if (reportsOutcomes) {
            sent.list = list;
        }
        sent.sentAt = ticker.nanos();
        CompletableFuture<BatchResult> result = sink.deliver(list);
        sent.result = result;
        if (!result.isDone()) {
            result.whenComplete(wake);
        }
        settleDone();
    }

    /** Settles, in send order, the batches in flight that completed or whose delivery timed out. */
    private void settleDone() {
        if (inFlight.isEmpty()) {
            return;
        }
        long timeout = deliveryTimeoutNanos();
        SentBatch head;
        long now;
        while (!inFlight.isEmpty() && (head = inFlight.settledHead(now = ticker.nanos(), timeout)) != null) {
            Throwable failure = head.result.isDone()
                    ? head.failure()
                    : new TimeoutException("sink did not acknowledge within "
                            + ctx.breakerPolicy().deliveryTimeout());
            BatchResult result = failure == null ? head.result.join() : null;
            int done = settlement.settle(head, failure, result, now, Settlement.Source.MEMORY);
            if (done > 0) {
                settled.addAndGet(done);
            }
            inFlight.removeHead();
            if (inFlight.isEmpty()) {
                endRound(now);
            }
        }
    }

    /**
     * Everything in flight has settled: failed events go back to the front of the backlog, in send order,
     * ahead of the batch being filled, and the retry waits out its backoff.
     */
    private void endRound(long now) {
        boolean retry = !retrying.isEmpty();
        if (retry) {
            batch.requeueTo(backlog);
            backlog.addFirstAll(retrying);
        }
        retries.onRoundEnd(now, retry);
    }

    private boolean permitted(CircuitBreaker breaker) {
        boolean permitted = breaker.tryAcquirePermission();
        ctx.watchBreaker();
        return permitted;
    }

    /** The breaker refused with nothing in flight: hold or shed according to the overflow policy, look again soon. */
    private void holdForBreaker() {
        retries.onBreakerDenied(ticker.nanos());
        absorb();
    }

    /** The batcher is stopping: what is in flight and not settled goes back to the backlog (it may still land). */
    private void abandonInFlight() {
        batch.requeueTo(backlog);
        inFlight.abandonTo(backlog);
        backlog.addFirstAll(retrying);
        publishHeld();
    }

    // ---- the spool ----

    /** Everything new goes behind what the spool holds, and delivery happens from the spool, a batch at a time. */
    private void replayStep() {
        if (!inFlight.isEmpty()) {
            awaitSettlement(); // replay starts once what is in flight has settled
            return;
        }
        addSettled(spool.append(backlog, ring));
        if (!spool.replayOne(replay)) {
            holdForBreaker(); // refused, or the spool could not be read: look again shortly
        }
    }

    /** Delivers a batch read from the spool and settles it as a round of its own. */
    private SpoolBridge.Replay deliverReplay(List<O> events, long[] offerStamps) {
        CircuitBreaker breaker = ctx.breaker();
        if (!permitted(breaker)) {
            return SpoolBridge.Replay.DENIED;
        }
        long bytes = 0;
        for (O event : events) {
            bytes += ctx.sizeOf(event);
        }
        SentBatch sent = new SentBatch().hold(events.toArray(), offerStamps, events.size(), bytes, breaker);
        if (reportsOutcomes) {
            sent.list = events;
        }
        sent.sentAt = ticker.nanos();
        DeliveryAwaiter.Outcome outcome = awaiter.await(
                sink.deliver(new ArrayList<>(events)), ctx.breakerPolicy().deliveryTimeout());
        long end = ticker.nanos();
        if (outcome.halted()) {
            breaker.releasePermission();
            return SpoolBridge.Replay.RETRY;
        }
        settlement.settle(sent, outcome.failure(), outcome.result(), end, Settlement.Source.SPOOL);
        boolean retry = retries.state() == RetryStateMachine.State.FAILING;
        retries.onRoundEnd(end, retry);
        return retry ? SpoolBridge.Replay.RETRY : SpoolBridge.Replay.DONE;
    }

    // ---- the overflow policy while delivery waits ----

    /** While delivery waits, keep taking events from the ring as the overflow policy allows. */
    private void absorb() {
        int capacity = ctx.bufferCapacity();
        if (dropOldest) {
            backlog.takeFrom(ring, Integer.MAX_VALUE);
            int dropped = 0;
            while (backlog.size() > capacity) {
                settlement.forget(backlog.dropFirst());
                ctx.stats().droppedOldest.incrementAndGet();
                dropped++;
            }
            addSettled(dropped);
        } else if (spill && retries.state() == RetryStateMachine.State.BREAKER_DENIED) {
            batch.requeueTo(backlog);
            addSettled(spool.append(backlog, ring));
            if (backlog.isEmpty()) {
                settlement.forgetAll(); // in BREAKER_DENIED nothing is in flight or waits to retry: all was spilled
            }
        } else {
            backlog.takeFrom(ring, capacity);
        }
        publishHeld();
    }

    /** During a slow delivery, {@code DROP_OLDEST} keeps making room so producers never wait on the sink. */
    private void shedWhileWaiting() {
        if (dropOldest) {
            absorb();
        }
    }

    private void addSettled(int events) {
        if (events > 0) {
            settled.addAndGet(events);
        }
    }

    // ---- waiting ----

    /** Waits for the oldest batch in flight to settle, shedding under {@code DROP_OLDEST} meanwhile. */
    private void awaitSettlement() {
        shedWhileWaiting();
        park(FlushDecision.settlementWait(ticker.nanos(), headDeadline()));
    }

    /**
     * Waits until {@code threshold} events are in the ring or {@code nanos} pass. While events are flowing (this
     * pass drained some) it first spins, then yields, briefly: a park costs the flusher and the producer that
     * unparks it a system call each, which at millions of events per second is what would dominate.
     */
    private void idle(int threshold, long nanos) {
        if (drained) {
            for (int i = 0; i < IDLE_SPINS + IDLE_YIELDS; i++) {
                if (ring.size() >= threshold || halt) {
                    return;
                }
                if (i < IDLE_SPINS) {
                    if ((i & 31) == 0) {
                        signals.publishClock(); // spinning is still running: producers may keep the cached clock
                    }
                    Thread.onSpinWait();
                } else {
                    signals.stopClock(); // a yield may deschedule the flusher
                    Thread.yield();
                }
            }
        }
        signals.stopClock();
        signals.wakeAt(threshold);
        parkUnlessWork(nanos);
    }

    /** Parks unless events are already waiting (a producer may have missed the wake-up flag). */
    private void parkUnlessWork(long nanos) {
        if (ring.size() >= signals.wakeThreshold() || halt || flushRequested() && ring.size() > 0) {
            signals.wakeAt(FlusherSignals.AWAKE);
            return;
        }
        park(nanos);
        signals.wakeAt(FlusherSignals.AWAKE);
    }

    private void park(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(this, Math.min(nanos, MAX_PARK_NANOS));
        }
    }
}
