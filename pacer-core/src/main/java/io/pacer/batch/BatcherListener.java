package io.pacer.batch;

/**
 * Hears what the batcher decides: breaker transitions, tunable changes and adaptive decisions. Called on the
 * thread that made the decision (usually the flusher); keep it quick, and exceptions it throws are ignored.
 */
@FunctionalInterface
public interface BatcherListener {
    void on(BatcherEvent event);
}
