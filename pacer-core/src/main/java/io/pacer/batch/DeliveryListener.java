package io.pacer.batch;

import java.util.List;

/**
 * Hears the final fate of every event the batcher accepted, batch by batch: {@link #delivered} when the sink
 * acknowledged it, {@link #failed} when the batcher gave it up — a permanent sink error, or per-event retries used
 * up at {@link io.pacer.breaker.BreakerPolicy#maxAttempts()}. An event retried is reported once, when its fate is
 * final; an event spilled to the disk spool is reported when its replay settles (events spilled by an earlier
 * process included). Together with {@code offer} returning {@code false}, this lets a caller follow each event
 * to its end — complete a future, ack a source message, count a loss — without copying the batcher's retry
 * bookkeeping, which is not knowable from outside once several batches are in flight.
 *
 * <p>What it does not hear: events the {@code DROP_OLDEST} overflow policy discards (counted as {@code dropped}),
 * and events still in memory when {@link Batcher#shutdown()} gives up (counted in its {@code CloseReport}).
 *
 * <p>Threading and cost: called on the batcher's flusher thread, in settlement order (send order), so keep it
 * quick and never block on the batcher from it. Exceptions it throws are logged and ignored. The lists are
 * immutable and safe to keep: for a batch delivered in full, a view of the list the sink was given (no copy);
 * a list of their own for the parts of a batch answered in part. Without a listener nothing is allocated.
 *
 * <p>Events are reported as the sink takes them, after the builder's stages ({@code map}, {@code then}); give them
 * an identity that survives the stages (and the spool codec) when you need to trace them.
 *
 * @param <T> the type the sink takes
 */
public interface DeliveryListener<T> {

    /** The sink acknowledged these events (a whole batch, or the part of one it took). */
    default void delivered(List<T> events) {}

    /**
     * The batcher gave these events up for good, all for {@code cause}: the sink's permanent error, or the last
     * retriable one when per-event retries ran out. A batch whose events failed for different causes is
     * reported in runs of consecutive events sharing one cause, in send order. They are also counted as
     * {@code failed} in the snapshot and announced (as a count) by {@link BatcherEvent.EventsFailed}.
     */
    default void failed(List<T> events, Throwable cause) {}
}
