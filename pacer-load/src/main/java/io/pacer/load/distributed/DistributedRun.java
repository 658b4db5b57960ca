package io.pacer.load.distributed;

import io.pacer.load.RunResult;

/** A run on workers in progress, as {@link Distributed#coordinate} returns it. Thread-safe. */
public interface DistributedRun {

    /**
     * Stops every worker: each stops issuing, drains and sends its partial result, which {@link #await()} merges. A
     * second call stops waiting for workers that have not reported (their shares are reported missing).
     */
    void stop();

    /**
     * Waits for every worker's share to be done or lost and returns the merged result, with each share in
     * {@link RunResult#distribution()}.
     *
     * @throws io.pacer.load.LoadSetupException when the run could not start: too few workers of this version, a
     *     worker refused or failed to prepare its share
     * @throws IllegalStateException when no worker finished any of its share
     */
    RunResult await() throws InterruptedException;
}
