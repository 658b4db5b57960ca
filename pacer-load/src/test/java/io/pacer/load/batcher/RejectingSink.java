package io.pacer.load.batcher;

import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

/**
 * In front of a real sink, rejects the events whose id it is told to — every time they come, as a bad record
 * would be — and hands the rest on; remembers which ids it rejected. {@link IllegalArgumentException} is
 * permanent here, everything else is as retriable as the sink under it says.
 */
final class RejectingSink implements BatchSink<Event> {
    private final BatchSink<Event> sink;
    /** The cause to reject an event with, by id; null to let it through. */
    private final LongFunction<Throwable> rejection;

    final Set<Long> rejectedIds = ConcurrentHashMap.newKeySet();

    RejectingSink(BatchSink<Event> sink, LongFunction<Throwable> rejection) {
        this.sink = sink;
        this.rejection = rejection;
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<Event> batch) {
        List<Event> passed = new ArrayList<>(batch.size());
        List<BatchResult.EventFailure> failures = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Event event = batch.get(i);
            Throwable cause = rejection.apply(event.id());
            if (cause == null) {
                passed.add(event);
            } else {
                rejectedIds.add(event.id());
                failures.add(new BatchResult.EventFailure(i, cause));
            }
        }
        if (passed.isEmpty()) {
            return CompletableFuture.completedFuture(BatchResult.partial(failures));
        }
        // The sink under it acknowledges all it is given or fails as a whole (the memory sink, faults).
        return sink.deliver(passed).thenApply(result -> BatchResult.partial(failures));
    }

    @Override
    public boolean isRetriable(Throwable failure) {
        return !(failure instanceof IllegalArgumentException) && sink.isRetriable(failure);
    }

    @Override
    public void close() throws Exception {
        sink.close();
    }
}
