package io.pacer.batch;

import io.pacer.sink.BatchResult;
import io.pacer.time.Ticker;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a sink's acknowledgement of a batch replayed from the spool (replay is strictly one batch at a
 * time; batches from memory go through {@link InFlightBatches}) with a timeout measured on the injected ticker,
 * so a hanging sink becomes a failure (and trips the breaker) instead of stalling the flusher forever. The wait parks the flusher,
 * which the acknowledgement and producers needing room both unpark.
 */
final class DeliveryAwaiter {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Ticker ticker;
    private final BooleanSupplier halted;
    private final Runnable whileWaiting;

    /**
     * @param whileWaiting runs every few milliseconds while a delivery is outstanding (the flusher keeps
     *     applying its overflow policy meanwhile)
     */
    DeliveryAwaiter(Ticker ticker, BooleanSupplier halted, Runnable whileWaiting) {
        this.ticker = ticker;
        this.halted = halted;
        this.whileWaiting = whileWaiting;
    }

    /** The result, the failure (a {@link TimeoutException} on timeout), or halted when the batcher is stopping. */
    record Outcome(BatchResult result, Throwable failure, boolean halted) {}

    Outcome await(CompletionStage<BatchResult> stage, Duration timeout) {
        CompletableFuture<BatchResult> future = stage.toCompletableFuture();
        if (!future.isDone()) {
            Thread waiter = Thread.currentThread();
            future.whenComplete((result, failure) -> LockSupport.unpark(waiter));
            long deadline = ticker.nanos() + timeout.toNanos();
            while (!future.isDone()) {
                whileWaiting.run();
                if (halted.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    return new Outcome(null, null, true);
                }
                long left = deadline - ticker.nanos();
                if (left <= 0) {
                    return new Outcome(null, new TimeoutException("sink did not acknowledge within " + timeout), false);
                }
                LockSupport.parkNanos(this, Math.min(left, SLICE_NANOS));
            }
        }
        try {
            BatchResult result = future.join();
            return result == null
                    ? new Outcome(null, new IllegalStateException("sink completed with a null BatchResult"), false)
                    : new Outcome(result, null, false);
        } catch (CompletionException | CancellationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return new Outcome(null, cause, false);
        }
    }
}
