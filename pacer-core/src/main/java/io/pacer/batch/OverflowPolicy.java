package io.pacer.batch;

/**
 * What the batcher does with an event when its bounded buffer is full (the sink is slow, or the breaker is
 * open). Every policy counts what it does: nothing is lost silently.
 */
public enum OverflowPolicy {
    /** The producer waits for room, up to a timeout; then {@code offer} returns false and the event is counted as rejected. */
    BLOCK,
    /** The new event is refused ({@code offer} returns false) and counted as dropped. */
    DROP_NEWEST,
    /** The oldest buffered event is discarded and counted as dropped, to make room for the new one. */
    DROP_OLDEST,
    /** Events that cannot be delivered are written to a crash-safe disk spool and replayed in order on recovery. */
    SPILL
}
