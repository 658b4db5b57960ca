package io.pacer.batch;

import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The flusher's view of the sink, so that nothing the sink does escapes: a throw or a null stage becomes a
 * failed stage, and a throwing retriable predicate counts as retriable.
 */
final class GuardedSink<O> {
    private final BatchSink<O> sink;

    GuardedSink(BatchSink<O> sink) {
        this.sink = sink;
    }

    CompletableFuture<BatchResult> deliver(List<O> batch) {
        try {
            CompletionStage<BatchResult> stage = sink.deliver(batch);
            return stage != null
                    ? stage.toCompletableFuture()
                    : CompletableFuture.failedFuture(new IllegalStateException("sink returned a null stage"));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    /** Timeouts are retriable; otherwise the sink decides (for the cause of an {@link ExecutionException}). */
    boolean isRetriable(Throwable failure) {
        Throwable cause =
                failure instanceof ExecutionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            return true;
        }
        try {
            return sink.isRetriable(cause);
        } catch (RuntimeException e) {
            return true;
        }
    }
}
