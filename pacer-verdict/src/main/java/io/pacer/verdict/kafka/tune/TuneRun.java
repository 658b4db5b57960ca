package io.pacer.verdict.kafka.tune;

/** A tune run going on ({@link Tuner#start}): it can be stopped (Ctrl-C) and awaited, as a load run can. */
public interface TuneRun {

    /**
     * Ends the run going on early and starts no other; the result names the best of what was measured, without a
     * confirmation, and says it was stopped. Safe from any thread, more than once.
     */
    void stop();

    /**
     * The result, once the search has ended.
     *
     * @throws IllegalArgumentException when the budget is too short for the smallest search
     * @throws RuntimeException         as {@link Tuner#run} throws it (a cluster that cannot be set up, say)
     */
    TuneResult await() throws InterruptedException;
}
