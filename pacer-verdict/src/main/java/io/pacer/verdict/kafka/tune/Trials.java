package io.pacer.verdict.kafka.tune;

import java.time.Duration;

/** Measures one candidate for a while: the tuner's only contact with a cluster, so the search is testable alone. */
@FunctionalInterface
interface Trials {

    /** Runs {@code candidate} for {@code length} (plus a warm-up and setup, which the search accounts as overhead). */
    Figures run(Candidate candidate, Duration length) throws InterruptedException;

    /** Checks the surroundings once before any run (the cluster answers, the topic exists). */
    default void prepare() {}

    /** Ends the run going on early, from any thread; its figures are of what it measured. */
    default void stop() {}
}
