package io.pacer.load;

/** A run in progress, as returned by {@link LoadEngine#start}. Thread-safe. */
public interface LoadRun {

    /**
     * Stops issuing operations, waits up to {@link Workload#drainTimeout()} for those outstanding, and ends the run
     * with a partial result marked {@link RunResult#stopped()}. Safe to call from a shutdown hook, more than once;
     * a second call stops waiting for outstanding operations (they count as incomplete).
     */
    void stop();

    /** Waits for the run to end and returns its result. */
    RunResult await() throws InterruptedException;
}
