package io.pacer.sink;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where batches go: Kafka, Redis Streams, memory, or the caller's own transport.
 *
 * <p>Contract: {@link #deliver} is called by one thread at a time (the batcher's flusher) and must not block;
 * it starts the delivery and returns a stage that completes when the transport has acknowledged it. The stage
 * completes normally with a {@link BatchResult} (all delivered, or some events failed as the transport
 * reported per event), or exceptionally when the whole batch failed. The list is owned by the sink until the
 * stage completes. A sink that throws instead of returning a stage is treated as a whole-batch failure.
 *
 * @param <T> the event type the transport takes
 */
public interface BatchSink<T> extends AutoCloseable {

    /** Starts delivering {@code batch} (never empty) and reports the outcome when the transport acknowledges. */
    CompletionStage<BatchResult> deliver(List<T> batch);

    /**
     * Whether a failure is worth retrying (a timeout, a leader change, a broken connection) rather than
     * permanent (a record too large, an authorization error). Default: everything is retriable.
     */
    default boolean isRetriable(Throwable failure) {
        return true;
    }

    /**
     * How many batches the batcher may have in delivery to this sink at once when the application does not choose
     * ({@code BatcherBuilder.maxInFlight}), 1 to 64. One — the default — keeps each producer's order exact even
     * across retries, whatever the transport, at the cost of one round trip per batch. A sink whose transport keeps
     * order itself across concurrent requests (Kafka's idempotent producer, per partition) returns more, and says in
     * its documentation what order survives a failed batch.
     */
    default int defaultMaxInFlight() {
        return 1;
    }

    /** Releases the transport's resources. Default: nothing to release. */
    @Override
    default void close() throws Exception {}
}
