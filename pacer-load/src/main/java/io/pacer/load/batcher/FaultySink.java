package io.pacer.load.batcher;

import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import io.pacer.time.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays {@link SinkFaults} in front of a real sink: a call inside an outage, or drawn to fail, fails at once with a
 * retriable {@link InjectedFault} and never reaches the sink; otherwise it reaches the sink after the scripted
 * latency (on the scheduler's single thread, so the sink still sees one caller at a time). Counts what it did.
 */
final class FaultySink<T> implements BatchSink<T> {

    /** A failure the script made up: retriable, like a broken connection. */
    static final class InjectedFault extends IOException {
        private static final long serialVersionUID = 1L;

        InjectedFault(String message) {
            super(message, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private final BatchSink<T> sink;
    private final SinkFaults faults;
    private final Ticker ticker;
    private final long originNanos;
    private final ScheduledExecutorService scheduler;
    private final SplittableRandom random; // flusher thread only
    final AtomicLong randomFailures = new AtomicLong();
    final AtomicLong outageFailures = new AtomicLong();
    final AtomicLong failedEvents = new AtomicLong();

    /** @param originNanos the run's start on {@code ticker}: outages are timed from it */
    FaultySink(
            BatchSink<T> sink, SinkFaults faults, Ticker ticker, long originNanos, ScheduledExecutorService scheduler) {
        this.sink = sink;
        this.faults = faults;
        this.ticker = ticker;
        this.originNanos = originNanos;
        this.scheduler = scheduler;
        this.random = new SplittableRandom(faults.seed());
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<T> batch) {
        Duration sinceStart = Duration.ofNanos(ticker.nanos() - originNanos);
        SinkFaults.Outage outage = faults.outageAt(sinceStart);
        // Draw for every call, outage or not, so the draws do not depend on when the outages fall.
        boolean drawnToFail = faults.failRate() > 0 && random.nextDouble() < faults.failRate();
        if (outage != null) {
            outageFailures.incrementAndGet();
            failedEvents.addAndGet(batch.size());
            return CompletableFuture.failedFuture(new InjectedFault("sink down (scripted outage " + outage + ")"));
        }
        if (drawnToFail) {
            randomFailures.incrementAndGet();
            failedEvents.addAndGet(batch.size());
            return CompletableFuture.failedFuture(
                    new InjectedFault("sink call failed (scripted fail-rate " + faults.failRate() + ")"));
        }
        if (faults.latency().isZero()) {
            return sink.deliver(batch);
        }
        CompletableFuture<BatchResult> result = new CompletableFuture<>();
        scheduler.schedule(
                () -> {
                    try {
                        sink.deliver(batch).whenComplete((r, failure) -> {
                            if (failure != null) {
                                result.completeExceptionally(failure);
                            } else {
                                result.complete(r);
                            }
                        });
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                },
                faults.latency().toNanos(),
                TimeUnit.NANOSECONDS);
        return result;
    }

    @Override
    public boolean isRetriable(Throwable failure) {
        return failure instanceof InjectedFault || sink.isRetriable(failure);
    }

    @Override
    public int defaultMaxInFlight() {
        return sink.defaultMaxInFlight();
    }

    @Override
    public void close() throws Exception {
        sink.close();
    }

    @Override
    public String toString() {
        return "FaultySink[" + faults + " in front of " + sink + "]";
    }
}
