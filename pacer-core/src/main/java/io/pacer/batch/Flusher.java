package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.IntervalFunction;
import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import io.pacer.time.Ticker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The batcher's one consumer thread: takes events from the ring, forms batches, delivers them through the
 * breaker, retries with backoff, and applies the overflow policy while the sink cannot take events.
 *
 * <p>Notes: events flow ring → (backlog) → batch. The backlog is empty while the sink is healthy, so the
 * fast path copies each event once. A failed batch goes back to the front of the backlog, which keeps every
 * producer's order. While the spool holds events, everything new is appended behind them and delivery
 * happens from the spool, which keeps order across an outage too.
 */
final class Flusher<O> implements Runnable {
    static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long OPEN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long NONE = Long.MIN_VALUE;
    private static final int IDLE_SPINS = 256;
    private static final int IDLE_YIELDS = 8;

    private final FlusherContext<O> ctx;
    private final Ticker ticker;
    private final BatcherStats stats;
    private final StampedRing<O> ring;
    private final BatchSink<O> sink;
    private final SpoolBridge<O> spool;
    private final IntervalFunction backoff;
    private final StampedDeque backlog = new StampedDeque();
    private final DeliveryAwaiter awaiter;

    private Object[] batch = new Object[0];
    private long[] stamps = new long[0];
    private int size;
    private long bytes;
    private int failedAttempts;
    private int partialAttempts;
    private long retryAt = NONE;
    private boolean breakerDenied;
    private boolean drained;

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
        this.sink = ctx.sink();
        this.spool = ctx.spool();
        this.backoff = IntervalFunction.ofExponentialBackoff(Math.max(1, ctx.breakerPolicy().initialBackoff().toMillis()),
                2.0, Math.max(1, ctx.breakerPolicy().maxBackoff().toMillis()));
        this.awaiter = new DeliveryAwaiter(ticker, () -> halt, this::shedWhileWaiting);
    }

    @Override
    public void run() {
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
    }

    private void step() {
        drained = false;
        long now = ticker.nanos();
        ctx.adapt(now);
        int nowHeld = backlog.size() + size;
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
        if (spool.hasData()) {
            spool.append(this, backlog, ring);
            if (!spool.replayOne(this)) {
                waitForBreaker(ticker.nanos());
            }
            return;
        }
        signals.publishClock();
        fill();
        signals.stopClock();
        if (size > 0 && (ready(now) || flushTarget > settled.get())) {
            dispatch();
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
            int taken = backlog.isEmpty() ? ring.drainTo(batch, stamps, size, room)
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
                    backlog.addFirst(Arrays.copyOfRange(batch, i + 1, size), Arrays.copyOfRange(stamps, i + 1, size), rest);
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

    private void dispatch() {
        CircuitBreaker breaker = ctx.breaker();
        if (!permitted(breaker)) {
            requeueBatch();
            waitForBreaker(ticker.nanos());
            return;
        }
        breakerDenied = false;
        List<O> list = batchList(size);
        long start = ticker.nanos();
        DeliveryAwaiter.Outcome outcome = awaiter.await(call(list), ctx.breakerPolicy().deliveryTimeout());
        long end = ticker.nanos();
        if (outcome.halted()) {
            breaker.releasePermission();
            requeueBatch();
            return;
        }
        if (outcome.failure() != null) {
            onBatchFailure(breaker, outcome.failure(), end - start, end);
            return;
        }
        breaker.onSuccess(end - start, TimeUnit.NANOSECONDS);
        ctx.watchBreaker();
        failedAttempts = 0;
        BatchResult result = outcome.result();
        if (result.allDelivered()) {
            partialAttempts = 0;
            signals.publishClock();
            acknowledge(end);
            signals.stopClock();
        } else {
            onPartialFailure(result, end);
        }
    }

    /** What became of a batch replayed from the spool. */
    enum Replay { DONE, DENIED, RETRY }

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
        DeliveryAwaiter.Outcome outcome = awaiter.await(call(new ArrayList<>(events)), ctx.breakerPolicy().deliveryTimeout());
        long end = ticker.nanos();
        if (outcome.halted()) {
            breaker.releasePermission();
            return Replay.RETRY;
        }
        if (outcome.failure() != null) {
            if (isRetriable(outcome.failure())) {
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
        boolean retry = failures.stream().anyMatch(f -> isRetriable(f.cause()));
        if (retry && ++partialAttempts < ctx.breakerPolicy().maxAttempts()) {
            retryAt = end + backoffNanos(partialAttempts);
            return Replay.RETRY;
        }
        partialAttempts = 0;
        long failedCount = failures.stream().mapToInt(BatchResult.EventFailure::index).distinct().count();
        if (failedCount > 0) {
            stats.failed.addAndGet(failedCount);
            ctx.emit(new BatcherEvent.EventsFailed(ctx.name(), (int) failedCount, failures.get(0).cause()));
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

    private CompletionStage<BatchResult> call(List<O> list) {
        try {
            CompletionStage<BatchResult> stage = sink.deliver(list);
            return stage != null ? stage
                    : CompletableFuture.failedFuture(new IllegalStateException("sink returned a null stage"));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private void onBatchFailure(CircuitBreaker breaker, Throwable failure, long took, long now) {
        if (isRetriable(failure)) {
            breaker.onError(took, TimeUnit.NANOSECONDS, failure);
            ctx.watchBreaker();
            requeueBatch();
            failedAttempts++;
            retryAt = now + backoffNanos(failedAttempts);
        } else {
            breaker.releasePermission();
            failEvents(size, failure);
            clearBatch();
        }
    }

    private void onPartialFailure(BatchResult result, long now) {
        boolean[] failedAt = new boolean[size];
        Throwable cause = null;
        boolean retriable = true;
        for (BatchResult.EventFailure f : result.failures()) {
            if (f.index() < size && !failedAt[f.index()]) {
                failedAt[f.index()] = true;
                cause = f.cause();
                retriable &= isRetriable(f.cause());
            }
        }
        int failedCount = 0;
        Object[] retryEvents = new Object[size];
        long[] retryStamps = new long[size];
        long[] okStamps = new long[size];
        int okCount = 0;
        int deliveredBytes = 0;
        for (int i = 0; i < size; i++) {
            if (failedAt[i]) {
                retryEvents[failedCount] = batch[i];
                retryStamps[failedCount++] = stamps[i];
            } else {
                okStamps[okCount++] = stamps[i];
                deliveredBytes += ctx.sizeOf(event(i));
            }
        }
        stats.recordLatencies(okStamps, okCount, now);
        int deliveredCount = size - failedCount;
        if (deliveredCount > 0) {
            stats.recordBatch(deliveredCount, deliveredBytes);
            settled.addAndGet(deliveredCount);
        }
        clearBatch();
        partialAttempts++;
        if (retriable && partialAttempts < ctx.breakerPolicy().maxAttempts()) {
            backlog.addFirst(retryEvents, retryStamps, failedCount);
            retryAt = now + backoffNanos(partialAttempts);
        } else {
            partialAttempts = 0;
            failEvents(failedCount, cause);
        }
    }

    /** Exponential backoff from the breaker policy (Resilience4j's interval function); zero means retry at once. */
    private long backoffNanos(int attempt) {
        if (ctx.breakerPolicy().initialBackoff().isZero()) {
            return 0;
        }
        return TimeUnit.MILLISECONDS.toNanos(backoff.apply(Math.min(attempt, 30)));
    }

    private void acknowledge(long now) {
        stats.recordLatencies(stamps, size, now);
        ctx.recordAdaptiveSample(stamps, size, now);
        stats.recordBatch(size, bytes);
        settled.addAndGet(size);
        clearBatch();
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
        switch (ctx.overflowPolicy()) {
            case DROP_OLDEST -> {
                drainRingToBacklog(Integer.MAX_VALUE);
                while (backlog.size() > capacity) {
                    backlog.dropFirst();
                    stats.droppedOldest.incrementAndGet();
                    settled.incrementAndGet();
                }
            }
            case SPILL -> {
                if (breakerDenied) {
                    requeueBatch();
                    spool.append(this, backlog, ring);
                } else {
                    drainRingToBacklog(capacity);
                }
            }
            default -> drainRingToBacklog(capacity);
        }
        held = backlog.size() + size;
    }

    /** During a slow delivery, {@code DROP_OLDEST} keeps making room so producers never wait on the sink. */
    private void shedWhileWaiting() {
        if (ctx.overflowPolicy() == OverflowPolicy.DROP_OLDEST) {
            absorb();
        }
    }

    private void drainRingToBacklog(int limit) {
        Object[] e = new Object[256];
        long[] s = new long[256];
        while (backlog.size() < limit) {
            int n = ring.drainTo(e, s, 0, Math.min(e.length, limit - backlog.size()));
            if (n == 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                backlog.addLast(e[i], s[i]);
            }
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
    private List<O> batchList(int n) {
        return (List<O>) Arrays.asList(Arrays.copyOf(batch, n));
    }

    boolean isRetriable(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return true;
        }
        try {
            return sink.isRetriable(cause);
        } catch (RuntimeException e) {
            return true;
        }
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
        while (backlog.pollTo(e, s, 0, 1) == 1) {
            @SuppressWarnings("unchecked")
            O event = (O) e[0];
            out.add(event);
            n++;
        }
        while (ring.drainTo(e, s, 0, 1) == 1) {
            @SuppressWarnings("unchecked")
            O event = (O) e[0];
            out.add(event);
            n++;
        }
        return n;
    }
}
