package io.pacer.sink;

import io.pacer.sink.BatchResult.EventFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Collects the per-event acknowledgements of one batch, which arrive on transport threads in any order, and
 * completes {@link #result()} once every event has one: {@link BatchResult#ok()} or the failures by index.
 *
 * <p>Each event counts once: a second report for the same index (say, a timeout racing a late reply) is
 * ignored, so the first word wins.
 */
final class BatchOutcome {

    private static final Throwable ACKNOWLEDGED = new Throwable("acknowledged", null, false, false) {};

    private final AtomicReferenceArray<Throwable> outcomes;
    private final AtomicInteger remaining;
    private final CompletableFuture<BatchResult> result = new CompletableFuture<>();

    BatchOutcome(int size) {
        outcomes = new AtomicReferenceArray<>(size);
        remaining = new AtomicInteger(size);
        if (size == 0) {
            result.complete(BatchResult.ok());
        }
    }

    /** Records event {@code index} as acknowledged ({@code failure == null}) or failed. */
    void report(int index, Throwable failure) {
        if (outcomes.compareAndSet(index, null, failure == null ? ACKNOWLEDGED : failure)
                && remaining.decrementAndGet() == 0) {
            result.complete(BatchResult.partial(failures()));
        }
    }

    boolean isReported(int index) {
        return outcomes.get(index) != null;
    }

    CompletableFuture<BatchResult> result() {
        return result;
    }

    /** The failure inside {@link CompletionException} and {@link ExecutionException} wrappers. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private List<EventFailure> failures() {
        List<EventFailure> failures = new ArrayList<>();
        for (int i = 0; i < outcomes.length(); i++) {
            Throwable outcome = outcomes.get(i);
            if (outcome != ACKNOWLEDGED) {
                failures.add(new EventFailure(i, outcome));
            }
        }
        return failures;
    }
}
