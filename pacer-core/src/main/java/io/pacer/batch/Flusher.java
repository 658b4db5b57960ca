package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.pacer.sink.BatchResult;
import io.pacer.time.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * The batcher's one consumer thread: takes events from the ring, forms batches, delivers them through the
 * breaker, retries with backoff, and applies the overflow policy while the sink cannot take events.
 *
 * <p>Notes: events flow ring → (backlog) → batch → in flight. The backlog is empty while the sink is healthy,
 * so the fast path copies each event once. Up to {@code maxInFlight} batches are in flight at once; they are
 * settled strictly in send order (a sink's completion only wakes this thread). A retriable failure stops sending
 * until every batch in flight has settled; then the failed events go back to the front of the backlog, in send
 * order, ahead of the batch being filled. With one batch in flight that keeps every producer's order exactly;
 * with more, a retried batch lands after the batches that succeeded while it was failing. While the spool holds
 * events, everything new is appended behind them and delivery happens from the spool, one batch at a time,
 * which keeps order across an outage too.
 */
final class Flusher<O> implements Runnable {
    static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long OPEN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long NONE = Long.MIN_VALUE;
    private static final int IDLE_SPINS = 256;
    private static final int IDLE_YIELDS = 8;
    /** How long one park lasts at most while batches are in flight (shedding runs between parks). */
    private static final long IN_FLIGHT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final FlusherContext<O> ctx;
    private final Ticker ticker;
    private final BatcherStats stats;
    private final StampedRing<O> ring;
    private final GuardedSink<O> sink;
    private final SpoolBridge<O> spool;
    private final IntervalFunction backoff;
    private final StampedDeque backlog = new StampedDeque();
    private final DeliveryAwaiter awaiter;
    private final InFlightBatches inFlight = new InFlightBatches();
    /** Failed events of the current failure round, in send order, waiting for the rest in flight to settle. */
    private final StampedDeque retrying = new StampedDeque();

    private final BiConsumer<Object, Throwable> wake = (result, failure) -> LockSupport.unpark(this.thread);
    private volatile Thread thread;

    private Object[] batch = new Object[0];
    private long[] stamps = new long[0];
    private int size;
    private long bytes;
    private int failedAttempts;
    private int partialAttempts;
    private long retryAt = NONE;
    private boolean breakerDenied;
    private boolean drained;
    /** A batch failed retriably: send nothing more until every batch in flight has settled. */
    private boolean failing;

    private boolean roundWhole;
    private boolean roundPartial;

    final AtomicLong settled = new AtomicLong();
    volatile long flushTarget;
    volatile boolean halt;
    /** Read by producers on every offer, so it lives on a cache line of its own. */
    final FlusherSignals signals;

    volatile int held;

    Flusher(FlusherContext<O> ctx) {
        this.ctx = ctx;
        this.ticker = ctx.ticker();
        this.stats = ctx.stats();
        this.ring = ctx.ring();
        this.signals = new FlusherSignals(ticker);
        this.sink = new GuardedSink<>(ctx.sink());
        this.spool = ctx.spool();
        this.backoff = IntervalFunction.ofExponentialBackoff(
                Math.max(1, ctx.breakerPolicy().initialBackoff().toMillis()),
                2.0,
                Math.max(1, ctx.breakerPolicy().maxBackoff().toMillis()));
        this.awaiter = new DeliveryAwaiter(ticker, () -> halt, this::shedWhileWaiting);
    }

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
                park(OPEN_POLL_NANOS);
            }
        }
        abandonInFlight();
    }

    private void step() {
        drained = false;
        long now = ticker.nanos();
        ctx.adapt(now);
        int nowHeld = backlog.size() + size + inFlight.events() + retrying.size();
        if (nowHeld != held) {
            held = nowHeld;
        }
        if (retryAt != NONE) {
            if (now < retryAt) {
                absorb();
                park(retryAt - now);
                return;
            }
            retryAt = NONE;
        }
        settleDone();
        if (retryAt != NONE) {
            return; // a failure round just ended: back off first
        }
        if (spool.hasData()) {
            if (!inFlight.isEmpty()) {
                awaitInFlight(true); // replay starts once what is in flight has settled
                return;
            }
            spool.append(this, backlog, ring);
            if (!spool.replayOne(this)) {
                waitForBreaker(ticker.nanos());
            }
            return;
        }
        signals.publishClock();
        fill();
        signals.stopClock();
        boolean due = size > 0 && (ready(now) || flushTarget > settled.get());
        if (due && !failing && inFlight.size() < ctx.maxInFlight()) {
            dispatch();
        } else if (!inFlight.isEmpty()) {
            awaitInFlight(due || failing);
        } else if (size > 0) {
            idle(Math.max(1, ctx.maxEvents() - size), batchDeadline() - now);
        } else {
            idle(1, MAX_PARK_NANOS);
        }
    }

    /** Tops the batch up from the backlog, then from the ring. */
    private void fill() {
        int max = ctx.maxEvents();
        if (batch.length < max) {
            batch = Arrays.copyOf(batch, max);
            stamps = Arrays.copyOf(stamps, max);
        }
        while (size < max && !bytesFull()) {
            int room = max - size;
            int from = size;
            int taken = backlog.isEmpty()
                    ? ring.drainTo(batch, stamps, size, room)
                    : backlog.pollTo(batch, stamps, size, room);
            if (taken == 0) {
                return;
            }
            drained = true;
            size += taken;
            if (!ctx.sizesEvents()) {
                bytes += taken;
                continue;
            }
            for (int i = from; i < size; i++) {
                bytes += ctx.sizeOf(event(i));
                if (bytes >= ctx.maxBytes() && i + 1 < size) {
                    // the batch is full by bytes: return the rest to the front of the backlog, in order
                    int rest = size - (i + 1);
                    backlog.addFirst(
                            Arrays.copyOfRange(batch, i + 1, size), Arrays.copyOfRange(stamps, i + 1, size), rest);
                    Arrays.fill(batch, i + 1, size, null);
                    size = i + 1;
                    return;
                }
            }
        }
    }

    private boolean bytesFull() {
        return bytes >= ctx.maxBytes();
    }

    /** Whether the batch must leave now: full by count or bytes, or its first event has lingered long enough. */
    boolean ready(long now) {
        return size >= ctx.maxEvents() || bytesFull() || now - batchDeadline() >= 0;
    }

    private long batchDeadline() {
        return stamps[0] + ctx.lingerNanos();
    }

    /** Sends the batch if the breaker permits, then settles whatever in flight is already done. */
    private void dispatch() {
        CircuitBreaker breaker = ctx.breaker();
        if (!permitted(breaker)) {
            if (!inFlight.isEmpty()) {
                awaitInFlight(true); // let what is in flight settle before holding or spilling
                return;
            }
            requeueBatch();
            waitForBreaker(ticker.nanos());
            return;
        }
        breakerDenied = false;
        List<O> list = batchList(size);
        InFlightBatches.Sent sent = inFlight.add(batch, stamps, size, bytes, breaker);
        batch = inFlight.spareEvents(); // fill() grows it to the batch size if needed
        stamps = inFlight.spareStamps();
        size = 0;
        bytes = 0;
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
        while (!inFlight.isEmpty()) {
            InFlightBatches.Sent head = inFlight.head();
            long now = ticker.nanos();
            if (head.result.isDone()) {
                settle(head, head.failure(), now);
            } else if (now - head.sentAt
                    >= ctx.breakerPolicy().deliveryTimeout().toNanos()) {
                String why =
                        "sink did not acknowledge within " + ctx.breakerPolicy().deliveryTimeout();
                settle(head, new TimeoutException(why), now);
            } else {
                return;
            }
        }
    }

    private void settle(InFlightBatches.Sent sent, Throwable failure, long end) {
        if (failure != null) {
            onBatchFailure(sent, failure, end - sent.sentAt);
        } else {
            sent.breaker.onSuccess(end - sent.sentAt, TimeUnit.NANOSECONDS);
            ctx.watchBreaker();
            if (!roundWhole) {
                failedAttempts = 0;
            }
            BatchResult result = sent.result.join();
            if (result.allDelivered()) {
                if (!roundPartial) {
                    partialAttempts = 0;
                }
                signals.publishClock();
                acknowledge(sent, end);
                signals.stopClock();
            } else {
                onPartialFailure(sent, result, end);
            }
        }
        inFlight.removeHead();
        if (inFlight.isEmpty()) {
            endRound(end);
        }
    }

    /**
     * Everything in flight has settled: failed events go back to the front of the backlog, in send order,
     * ahead of the batch being filled, and the retry waits out its backoff.
     */
    private void endRound(long now) {
        if (!retrying.isEmpty()) {
            requeueBatch();
            backlog.addFirstAll(retrying);
            retryAt = now + backoffNanos(roundWhole ? failedAttempts : partialAttempts);
        }
        failing = false;
        roundWhole = false;
        roundPartial = false;
    }

    /**
     * Waits for the head of what is in flight to settle, shedding under {@code DROP_OLDEST} meanwhile; unless
     * {@code sendBlocked}, new events (a full batch, or the linger deadline) also end the wait.
     */
    private void awaitInFlight(boolean sendBlocked) {
        shedWhileWaiting();
        long now = ticker.nanos();
        long wait = Math.min(
                IN_FLIGHT_SLICE_NANOS,
                inFlight.head().sentAt + ctx.breakerPolicy().deliveryTimeout().toNanos() - now);
        if (sendBlocked) {
            park(Math.max(1, wait));
        } else {
            signals.wakeAt(size > 0 ? Math.max(1, ctx.maxEvents() - size) : 1);
            parkUnlessWork(Math.max(1, size > 0 ? Math.min(wait, batchDeadline() - now) : wait));
        }
    }

    /** The batcher is stopping: what is in flight and not settled goes back to the backlog (it may still land). */
    private void abandonInFlight() {
        requeueBatch();
        inFlight.abandonTo(backlog);
        backlog.addFirstAll(retrying);
        held = backlog.size();
    }

    /** What became of a batch replayed from the spool. */
    enum Replay {
        DONE,
        DENIED,
        RETRY
    }

    /**
     * Delivers a batch read from the spool. Partial failures: permanent ones are counted as failed; if any is
     * retriable the whole batch stays in the spool and is retried (at-least-once for its delivered part).
     *
     * @param offerStamps the events' offer times, or null when unknown (spilled by an earlier process)
     */
    Replay deliverReplay(List<O> events, long[] offerStamps) {
        CircuitBreaker breaker = ctx.breaker();
        if (!permitted(breaker)) {
            return Replay.DENIED;
        }
        breakerDenied = false;
        long start = ticker.nanos();
        DeliveryAwaiter.Outcome outcome = awaiter.await(
                sink.deliver(new ArrayList<>(events)), ctx.breakerPolicy().deliveryTimeout());
        long end = ticker.nanos();
        if (outcome.halted()) {
            breaker.releasePermission();
            return Replay.RETRY;
        }
        if (outcome.failure() != null) {
            if (sink.isRetriable(outcome.failure())) {
                breaker.onError(end - start, TimeUnit.NANOSECONDS, outcome.failure());
                ctx.watchBreaker();
                failedAttempts++;
                retryAt = end + backoffNanos(failedAttempts);
                return Replay.RETRY;
            }
            breaker.releasePermission();
            stats.failed.addAndGet(events.size());
            ctx.emit(new BatcherEvent.EventsFailed(ctx.name(), events.size(), outcome.failure()));
            return Replay.DONE;
        }
        breaker.onSuccess(end - start, TimeUnit.NANOSECONDS);
        ctx.watchBreaker();
        failedAttempts = 0;
        List<BatchResult.EventFailure> failures = outcome.result().failures();
        boolean retry = failures.stream().anyMatch(f -> sink.isRetriable(f.cause()));
        if (retry && ++partialAttempts < ctx.breakerPolicy().maxAttempts()) {
            retryAt = end + backoffNanos(partialAttempts);
            return Replay.RETRY;
        }
        partialAttempts = 0;
        long failedCount = failures.stream()
                .mapToInt(BatchResult.EventFailure::index)
                .distinct()
                .count();
        if (failedCount > 0) {
            stats.failed.addAndGet(failedCount);
            ctx.emit(new BatcherEvent.EventsFailed(
                    ctx.name(), (int) failedCount, failures.get(0).cause()));
        }
        long deliveredBytes = 0;
        for (O event : events) {
            deliveredBytes += ctx.sizeOf(event);
        }
        if (offerStamps != null) {
            stats.recordLatencies(offerStamps, offerStamps.length, end);
        }
        stats.recordBatch(events.size() - (int) failedCount, deliveredBytes);
        return Replay.DONE;
    }

    private boolean permitted(CircuitBreaker breaker) {
        boolean permitted = breaker.tryAcquirePermission();
        ctx.watchBreaker();
        return permitted;
    }

    private void onBatchFailure(InFlightBatches.Sent sent, Throwable failure, long took) {
        if (sink.isRetriable(failure)) {
            sent.breaker.onError(took, TimeUnit.NANOSECONDS, failure);
            ctx.watchBreaker();
            for (int i = 0; i < sent.size; i++) {
                retrying.addLast(sent.events[i], sent.stamps[i]);
            }
            failing = true;
            if (!roundWhole) {
                roundWhole = true;
                failedAttempts++;
            }
        } else {
            sent.breaker.releasePermission();
            failEvents(sent.size, failure);
        }
    }

    private void onPartialFailure(InFlightBatches.Sent sent, BatchResult result, long now) {
        int n = sent.size;
        boolean[] failedAt = new boolean[n];
        Throwable cause = null;
        boolean retriable = true;
        for (BatchResult.EventFailure f : result.failures()) {
            if (f.index() < n && !failedAt[f.index()]) {
                failedAt[f.index()] = true;
                cause = f.cause();
                retriable &= sink.isRetriable(f.cause());
            }
        }
        if (!roundPartial) {
            roundPartial = true;
            partialAttempts++;
        }
        boolean retry = retriable && partialAttempts < ctx.breakerPolicy().maxAttempts();
        long[] okStamps = new long[n];
        int okCount = 0;
        long deliveredBytes = 0;
        for (int i = 0; i < n; i++) {
            if (!failedAt[i]) {
                okStamps[okCount++] = sent.stamps[i];
                deliveredBytes += ctx.sizeOf(sentEvent(sent, i));
            } else if (retry) {
                retrying.addLast(sent.events[i], sent.stamps[i]);
            }
        }
        stats.recordLatencies(okStamps, okCount, now);
        if (okCount > 0) {
            stats.recordBatch(okCount, deliveredBytes);
            settled.addAndGet(okCount);
        }
        if (retry) {
            failing = true;
        } else {
            partialAttempts = 0;
            failEvents(n - okCount, cause);
        }
    }

    /** Exponential backoff from the breaker policy (Resilience4j's interval function); zero means retry at once. */
    private long backoffNanos(int attempt) {
        if (ctx.breakerPolicy().initialBackoff().isZero()) {
            return 0;
        }
        return TimeUnit.MILLISECONDS.toNanos(backoff.apply(Math.min(attempt, 30)));
    }

    private void acknowledge(InFlightBatches.Sent sent, long now) {
        stats.recordLatencies(sent.stamps, sent.size, now);
        ctx.recordAdaptiveSample(sent.stamps, sent.size, now);
        stats.recordBatch(sent.size, sent.bytes);
        settled.addAndGet(sent.size);
    }

    private void failEvents(int count, Throwable cause) {
        stats.failed.addAndGet(count);
        settled.addAndGet(count);
        ctx.emit(new BatcherEvent.EventsFailed(ctx.name(), count, cause));
    }

    /** The breaker refused: hold or shed according to the overflow policy, and look again shortly. */
    private void waitForBreaker(long now) {
        breakerDenied = true;
        retryAt = now + OPEN_POLL_NANOS;
        absorb();
    }

    /** While delivery waits, keep taking events from the ring as the overflow policy allows. */
    private void absorb() {
        int capacity = ctx.bufferCapacity();
        Overflow overflow = ctx.overflow();
        if (overflow instanceof Overflow.DropOldest) {
            backlog.takeFrom(ring, Integer.MAX_VALUE);
            while (backlog.size() > capacity) {
                backlog.dropFirst();
                stats.droppedOldest.incrementAndGet();
                settled.incrementAndGet();
            }
        } else if (overflow instanceof Overflow.Spill && breakerDenied) {
            requeueBatch();
            spool.append(this, backlog, ring);
        } else {
            backlog.takeFrom(ring, capacity);
        }
        held = backlog.size() + size;
    }

    /** During a slow delivery, {@code DROP_OLDEST} keeps making room so producers never wait on the sink. */
    private void shedWhileWaiting() {
        if (ctx.overflow() instanceof Overflow.DropOldest) {
            absorb();
        }
    }

    private void requeueBatch() {
        if (size > 0) {
            backlog.addFirst(batch, stamps, size);
            clearBatch();
        }
    }

    private void clearBatch() {
        Arrays.fill(batch, 0, size, null);
        size = 0;
        bytes = 0;
    }

    @SuppressWarnings("unchecked")
    private O event(int i) {
        return (O) batch[i];
    }

    @SuppressWarnings("unchecked")
    private O sentEvent(InFlightBatches.Sent sent, int i) {
        return (O) sent.events[i];
    }

    @SuppressWarnings("unchecked")
    private List<O> batchList(int n) {
        return (List<O>) Arrays.asList(Arrays.copyOf(batch, n));
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
        if (ring.size() >= signals.wakeThreshold() || halt || flushTarget > settled.get() && ring.size() > 0) {
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

    /** Events still held by the flusher after it stopped (caller: the closing thread, after join). */
    int leftoversTo(List<O> out) {
        requeueBatch();
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
}
