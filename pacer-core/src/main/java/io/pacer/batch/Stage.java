package io.pacer.batch;

/** A step applied to each event on the producer's thread before batching (transform, encrypt). */
@FunctionalInterface
public interface Stage<I, O> {
    O apply(I event);
}
