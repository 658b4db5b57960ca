package io.pacer.load.batcher;

import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-memory sink users pick with {@code --sink memory}: it keeps the id of every event it receives (a bit
 * each, never the payload), acknowledges at once and counts exactly what arrived — events, distinct ids and
 * duplicates. Put {@link SinkFaults} in front of it to make it fail, lag or go away. (The scriptable
 * {@code InMemorySink} of the test fixtures is the batcher's test double; this one is part of the tool.)
 */
final class MemorySink implements BatchSink<Event> {
    private final IdSet ids = new IdSet();
    private long stored;
    private long duplicates;
    private long bytes;
    private boolean closed;

    @Override
    public synchronized CompletionStage<BatchResult> deliver(List<Event> batch) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("memory sink is closed"));
        }
        for (Event event : batch) {
            stored++;
            bytes += event.payload().length;
            if (!ids.add(event.id())) {
                duplicates++;
            }
        }
        return CompletableFuture.completedFuture(BatchResult.ok());
    }

    /** Use after close is a bug, not a passing state: not retried. */
    @Override
    public boolean isRetriable(Throwable failure) {
        return !(failure instanceof IllegalStateException);
    }

    /** Events received, duplicates included. */
    synchronized long stored() {
        return stored;
    }

    /** Distinct ids received. */
    synchronized long distinct() {
        return ids.size();
    }

    /** Events received whose id had arrived before. */
    synchronized long duplicates() {
        return duplicates;
    }

    synchronized long bytes() {
        return bytes;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "MemorySink";
    }
}
