package io.pacer.batch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.breaker.BreakerTransitions;
import io.pacer.breaker.Breakers;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.sink.BatchSink;
import io.pacer.time.Ticker;
import io.pacer.tune.Tunables;
import io.pacer.tune.TunablesDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Batcher}: producers offer into a lock-free ring; one {@link Flusher} thread does the rest.
 *
 * <p>Time: decisions (linger, backoff, breaker, delivery timeout, latency) follow the injected ticker; the
 * bounds on how long a caller may wait ({@code flush}, {@code close}, a blocked {@code offer}) are real time,
 * so a test that freezes the ticker can never hang its own thread.
 */
final class DefaultBatcher<I, O> implements Batcher<I>, FlusherContext<O> {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);
    private static final long PRODUCER_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    private final String name;
    private final Function<I, O> stages;
    private final boolean identity;
    private final Ticker ticker;
    private final BatchSink<O> sink;
    private final StampedRing<O> ring;
    private final BatcherStats stats;
    private final Overflow overflow;
    /** How long a producer may wait for room in the ring (real time); 0 under DROP_NEWEST, which never waits. */
    private final long offerWaitNanos;

    private final int bufferCapacity;
    private final ToLongFunction<? super O> sizer;
    private final BatcherListener listener;
    private final DeliveryListener<? super O> deliveryListener;
    private final BatcherTunables tunables;
    private final Adaptive adaptive;
    private final SpoolBridge<O> spool;
    private final Flusher<O> flusher;
    /** The flusher's signals, held here so producers never read the Flusher object, whose fields it writes all the time. */
    private final FlusherSignals signals;

    private final Thread thread;
    private final Duration closeTimeout;

    /** Replaced as a whole (under {@link #tuning}) when a tunable changes; the flusher reads it once per pass. */
    private volatile FlushLimits limits;

    private final Object tuning = new Object();
    private volatile BreakerPolicy breakerPolicy;
    private volatile CircuitBreaker breaker;
    private volatile BreakerTransitions transitions;
    private volatile boolean closed;
    private CloseReport report;

    DefaultBatcher(BatcherBuilder<I, O> b, BatchSink<O> sink, Spool<O> spoolOrNull, int maxInFlight) {
        this.name = b.name;
        this.stages = b.stages();
        this.identity = b.identityStages();
        this.ticker = b.ticker;
        this.sink = sink;
        this.overflow = b.overflow;
        this.offerWaitNanos = offerWait(b.overflow).toNanos();
        this.bufferCapacity = b.policy.bufferCapacity();
        this.sizer = b.sizer;
        this.listener = b.listener;
        this.deliveryListener = b.deliveryListener;
        this.closeTimeout = b.closeTimeout;
        this.limits = new FlushLimits(
                b.policy.maxEvents(), b.policy.maxBytes(), b.policy.linger().toNanos(), maxInFlight);
        this.breakerPolicy = b.breaker;
        this.stats = new BatcherStats(ticker);
        this.ring = new StampedRing<>(bufferCapacity);
        this.breaker = newBreaker(b.breaker);
        this.transitions = watch(breaker);
        this.spool = spoolOrNull == null ? SpoolBridge.none() : SpoolBridge.of(spoolOrNull, this);
        this.adaptive = b.adaptive == null ? null : new Adaptive(b.adaptive, this);
        this.tunables =
                new BatcherTunables(this, adaptive, TunablesDirectory.global().register("batcher", name));
        this.flusher = new Flusher<>(this);
        this.signals = flusher.signals();
        this.thread = new Thread(flusher, "pacer-flusher-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    // ---- producer side ----

    @Override
    public boolean offer(I event) {
        Objects.requireNonNull(event, "event must not be null");
        if (closed) {
            throw new IllegalStateException("batcher " + name + " is closed: offer() after close()");
        }
        O out = identity ? cast(event) : transform(event);
        long stamp = signals.offerTime();
        if (ring.offer(out, stamp)) {
            long threshold = signals.wakeThreshold();
            if (threshold != FlusherSignals.AWAKE && ring.size() >= threshold) {
                wakeFlusher();
            }
            return true;
        }
        return offerWhenFull(out, stamp);
    }

    @SuppressWarnings("unchecked")
    private O cast(I event) {
        return (O) event;
    }

    private O transform(I event) {
        O out = stages.apply(event);
        if (out == null) {
            throw new NullPointerException("a stage of batcher " + name + " returned null for an event");
        }
        return out;
    }

    /** How long {@code offer} may wait for room under {@code overflow} (see {@link Overflow}). */
    private static Duration offerWait(Overflow overflow) {
        if (overflow instanceof Overflow.Block block) {
            return block.timeout();
        }
        return overflow instanceof Overflow.DropNewest ? Duration.ZERO : Overflow.DEFAULT_BLOCK_TIMEOUT;
    }

    private boolean offerWhenFull(O event, long stamp) {
        if (overflow instanceof Overflow.DropNewest) {
            stats.droppedNewest.increment();
            return false;
        }
        // BLOCK waits for room; DROP_OLDEST and SPILL wait the short while the flusher needs to make room.
        long deadline = System.nanoTime() + offerWaitNanos;
        do {
            wakeFlusher();
            LockSupport.parkNanos(PRODUCER_PARK_NANOS);
            if (ring.offer(event, stamp)) {
                return true;
            }
        } while (System.nanoTime() - deadline < 0 && !closed);
        stats.rejected.increment();
        return false;
    }

    private void wakeFlusher() {
        signals.wakeAt(FlusherSignals.AWAKE);
        LockSupport.unpark(thread);
    }

    @Override
    public boolean flush(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long target = ring.offered();
        flusher.requestFlush(target);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (flusher.settled() < target) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (System.nanoTime() - deadline >= 0 || !thread.isAlive()) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
        }
        return true;
    }

    // ---- lifecycle ----

    @Override
    public synchronized CloseReport shutdown() {
        if (report != null) {
            return report;
        }
        closed = true;
        TunablesDirectory.global().unregister(tunables.registry());
        boolean drained;
        try {
            drained = flush(closeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            drained = false;
        }
        flusher.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<O> leftovers = new ArrayList<>();
        if (!thread.isAlive()) {
            flusher.leftoversTo(leftovers);
        }
        long spilledNow = spool.spillAtClose(leftovers);
        long spooled = spool.depth();
        spool.close();
        try {
            sink.close();
        } catch (Exception e) {
            LOG.warn("batcher {}: closing sink failed: {}", name, e.toString());
        }
        report = new CloseReport(stats.delivered.get(), leftovers.size() - spilledNow, spooled, !drained);
        return report;
    }

    @Override
    public void close() {
        CloseReport r = shutdown();
        if (!r.clean()) {
            LOG.warn("batcher {} closed with events not delivered: {}", name, r);
        }
    }

    // ---- metrics and tuning ----

    @Override
    public BatcherSnapshot snapshot() {
        FlushLimits current = limits;
        long buffered = ring.size() + flusher.held();
        return stats.snapshot(
                ring.offered(),
                spool.depth(),
                buffered,
                breaker.getState().name(),
                current.maxEvents(),
                current.lingerNanos());
    }

    @Override
    public Tunables tunables() {
        return tunables.registry();
    }

    void setMaxEvents(int value) {
        synchronized (tuning) {
            limits = limits.withMaxEvents(value);
        }
        LockSupport.unpark(thread);
    }

    void setMaxInFlight(int value) {
        synchronized (tuning) {
            limits = limits.withMaxInFlight(value);
        }
        LockSupport.unpark(thread);
    }

    void setLingerNanos(long value) {
        synchronized (tuning) {
            limits = limits.withLingerNanos(value);
        }
        LockSupport.unpark(thread);
    }

    void setBreakerPolicy(BreakerPolicy policy) {
        CircuitBreaker old = breaker;
        CircuitBreaker fresh = newBreaker(policy);
        if (old.getState() == CircuitBreaker.State.OPEN) {
            fresh.transitionToOpenState();
        }
        breakerPolicy = policy;
        breaker = fresh;
        transitions = watch(fresh);
    }

    BreakerPolicy currentBreakerPolicy() {
        return breakerPolicy;
    }

    private CircuitBreaker newBreaker(BreakerPolicy policy) {
        return Breakers.create(name, policy, ticker);
    }

    private BreakerTransitions watch(CircuitBreaker watched) {
        return new BreakerTransitions(watched, (from, to) -> {
            if (to == CircuitBreaker.State.OPEN) {
                stats.breakerTrips.incrementAndGet();
            }
            emit(new BatcherEvent.BreakerTransition(name, from.name(), to.name()));
        });
    }

    @Override
    public void watchBreaker() {
        transitions.check();
    }

    // ---- FlusherContext ----

    @Override
    public String name() {
        return name;
    }

    @Override
    public Ticker ticker() {
        return ticker;
    }

    @Override
    public BatcherStats stats() {
        return stats;
    }

    @Override
    public StampedRing<O> ring() {
        return ring;
    }

    @Override
    public BatchSink<O> sink() {
        return sink;
    }

    @Override
    public SpoolBridge<O> spool() {
        return spool;
    }

    @Override
    public BreakerPolicy breakerPolicy() {
        return breakerPolicy;
    }

    @Override
    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public Logger log() {
        return LOG;
    }

    @Override
    public FlushLimits limits() {
        return limits;
    }

    int maxEvents() {
        return limits.maxEvents();
    }

    int maxInFlight() {
        return limits.maxInFlight();
    }

    long lingerNanos() {
        return limits.lingerNanos();
    }

    @Override
    public int bufferCapacity() {
        return bufferCapacity;
    }

    @Override
    public Overflow overflow() {
        return overflow;
    }

    @Override
    public boolean sizesEvents() {
        return sizer != null;
    }

    @Override
    public long sizeOf(O event) {
        if (sizer == null) {
            return 1;
        }
        try {
            return Math.max(0, sizer.applyAsLong(event));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void emit(BatcherEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.debug("batcher {}: listener threw on {}", name, event, e);
        }
    }

    @Override
    public DeliveryListener<? super O> deliveryListener() {
        return deliveryListener;
    }

    @Override
    public void recordAdaptiveSample(long[] stamps, int count, long ackNanos) {
        if (adaptive != null) {
            adaptive.record(stamps, count, ackNanos);
        }
    }

    @Override
    public void adapt(long now) {
        if (adaptive != null) {
            adaptive.maybeDecide(now);
        }
    }
}
