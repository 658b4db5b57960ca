package io.pacer.batch;

/**
 * Hears what the batcher decides: breaker transitions, tunable changes, adaptive decisions, spool refusals and how
 * many events it gave up ({@link BatcherEvent.EventsFailed}). Which events were delivered or given up is a
 * {@link DeliveryListener}'s to hear. Called on the thread that made the decision (usually the flusher); keep it
 * quick, and exceptions it throws are ignored.
 */
@FunctionalInterface
public interface BatcherListener {
    void on(BatcherEvent event);
}
