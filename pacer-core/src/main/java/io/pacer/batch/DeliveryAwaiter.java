package io.pacer.batch;

import io.pacer.sink.BatchResult;
import io.pacer.time.Ticker;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Waits for a sink's acknowledgement with a timeout measured on the injected ticker, so a hanging sink
 * becomes a failure (and trips the breaker) instead of stalling the flusher forever.
 */
final class DeliveryAwaiter {
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Ticker ticker;
    private final BooleanSupplier halted;

    DeliveryAwaiter(Ticker ticker, BooleanSupplier halted) {
        this.ticker = ticker;
        this.halted = halted;
    }

    /** The result, the failure (a {@link TimeoutException} on timeout), or halted when the batcher is stopping. */
    record Outcome(BatchResult result, Throwable failure, boolean halted) {
    }

    Outcome await(CompletionStage<BatchResult> stage, Duration timeout) {
        CompletableFuture<BatchResult> future = stage.toCompletableFuture();
        long deadline = ticker.nanos() + timeout.toNanos();
        while (true) {
            try {
                BatchResult result = future.get(SLICE_NANOS, TimeUnit.NANOSECONDS);
                return result == null
                        ? new Outcome(null, new IllegalStateException("sink completed with a null BatchResult"), false)
                        : new Outcome(result, null, false);
            } catch (TimeoutException slice) {
                if (halted.getAsBoolean()) {
                    return new Outcome(null, null, true);
                }
                if (ticker.nanos() - deadline >= 0) {
                    return new Outcome(null, new TimeoutException("sink did not acknowledge within " + timeout), false);
                }
            } catch (ExecutionException | CompletionException e) {
                return new Outcome(null, e.getCause() != null ? e.getCause() : e, false);
            } catch (CancellationException e) {
                return new Outcome(null, e, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(null, null, true);
            }
        }
    }
}
