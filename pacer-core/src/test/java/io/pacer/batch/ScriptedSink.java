package io.pacer.batch;

import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A test sink whose answer to each batch follows a script (default: acknowledge); records what it acknowledged. */
final class ScriptedSink<T> implements BatchSink<T> {
    private final ConcurrentLinkedQueue<Function<List<T>, CompletionStage<BatchResult>>> script = new ConcurrentLinkedQueue<>();
    private final List<List<T>> acknowledged = new ArrayList<>();
    private volatile Function<List<T>, CompletionStage<BatchResult>> fallback = batch -> CompletableFuture.completedFuture(BatchResult.ok());
    volatile int calls;

    /** The next {@code n} deliveries fail with {@code failure}. */
    ScriptedSink<T> failNext(int n, RuntimeException failure) {
        for (int i = 0; i < n; i++) {
            script.add(batch -> CompletableFuture.failedFuture(failure));
        }
        return this;
    }

    /** The next delivery throws from deliver() itself. */
    ScriptedSink<T> throwNext(Throwable failure) {
        script.add(batch -> {
            throw ScriptedSink.<RuntimeException>sneaky(failure);
        });
        return this;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /** Every delivery from now on fails (until {@link #recover}). */
    ScriptedSink<T> down(RuntimeException failure) {
        fallback = batch -> CompletableFuture.failedFuture(failure);
        return this;
    }

    /** Every delivery from now on hangs: its stage never completes. */
    ScriptedSink<T> hang() {
        fallback = batch -> new CompletableFuture<>();
        return this;
    }

    ScriptedSink<T> recover() {
        fallback = batch -> CompletableFuture.completedFuture(BatchResult.ok());
        return this;
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<T> batch) {
        calls++;
        Function<List<T>, CompletionStage<BatchResult>> next = script.poll();
        CompletionStage<BatchResult> stage = (next != null ? next : fallback).apply(batch);
        return stage.thenApply(result -> {
            synchronized (acknowledged) {
                acknowledged.add(List.copyOf(batch));
                acknowledged.notifyAll();
            }
            return result;
        });
    }

    List<List<T>> batches() {
        synchronized (acknowledged) {
            return List.copyOf(acknowledged);
        }
    }

    List<T> events() {
        List<T> all = new ArrayList<>();
        batches().forEach(all::addAll);
        return all;
    }

    /** Waits, at most {@code timeout}, until at least {@code n} events were acknowledged. */
    boolean awaitEvents(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (acknowledged) {
            while (acknowledged.stream().mapToInt(List::size).sum() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(acknowledged, left);
            }
            return true;
        }
    }
}
