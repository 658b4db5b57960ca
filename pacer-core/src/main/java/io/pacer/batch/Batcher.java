package io.pacer.batch;

import io.pacer.metrics.BatcherSnapshot;
import io.pacer.tune.Tunables;
import java.time.Duration;

/**
 * Collects events from many producer threads and hands them to a sink in batches: a batch leaves when it holds
 * {@code maxEvents}, reaches {@code maxBytes}, or its first event has waited {@code linger} — whichever comes
 * first — and on {@link #flush} and {@link #close}. Events offered by one thread reach the sink in the order
 * that thread offered them.
 *
 * <p>Threading: {@link #offer} is lock-free and safe from any number of threads; one flusher thread, owned by
 * the batcher and stopped by {@link #close}, talks to the sink.
 *
 * <pre>{@code
 * try (Batcher<String> batcher = Batcher.<String>builder().build(sink)) {
 *     batcher.offer("event");
 * }
 * }</pre>
 *
 * @param <T> the type producers offer
 */
public interface Batcher<T> extends AutoCloseable {

    /** A builder with the seed defaults: 50 events, 100 ms linger, breaker opening after 5 failures for 30 s. */
    static <T> BatcherBuilder<T, T> builder() {
        return new BatcherBuilder<>();
    }

    /**
     * Accepts one event for delivery.
     *
     * @return true when accepted; false when the overflow policy refused it ({@code DROP_NEWEST}, or a
     *     {@code BLOCK} timeout) — refused events are counted in the metrics, never silently lost
     * @throws NullPointerException when {@code event} is null
     * @throws IllegalStateException after {@link #close}
     */
    boolean offer(T event);

    /**
     * Sends what is buffered now and waits until every event accepted before this call is delivered, spilled
     * to disk or counted as dropped.
     *
     * @return true when that happened within {@code timeout}
     */
    boolean flush(Duration timeout) throws InterruptedException;

    /** Live metrics as one immutable record. */
    BatcherSnapshot snapshot();

    /** Runtime-adjustable settings (batch size, linger, breaker thresholds); every change is validated and emits an event. */
    Tunables tunables();

    /**
     * Stops accepting events, delivers what is buffered (bounded by the configured close timeout), stops the
     * flusher and closes the sink and spool. Idempotent: later calls return the first report.
     *
     * @return what could not be delivered, so nothing is lost without the caller knowing
     */
    CloseReport shutdown();

    /** {@link #shutdown()}, logging a warning with the report when something was left undelivered. */
    @Override
    void close();

    /**
     * What {@link #shutdown} could not deliver.
     *
     * @param delivered events delivered over the batcher's life
     * @param undelivered events still in memory when the close timeout ran out (lost unless spilled)
     * @param spooled events left in the disk spool, replayed by the next batcher on the same directory
     * @param timedOut whether the close timeout ran out before the buffer was drained
     */
    record CloseReport(long delivered, long undelivered, long spooled, boolean timedOut) {
        public boolean clean() {
            return undelivered == 0 && spooled == 0 && !timedOut;
        }
    }
}
