package io.pacer.load.distributed;

/** A running worker ({@link Distributed#startWorker}). Thread-safe. */
public interface Worker extends AutoCloseable {

    /** What its next heartbeat will say. */
    WorkerInfo info();

    /**
     * Leaves the control topic: stops the run it is doing (its partial result is still sent to the coordinator),
     * says so on the control topic and closes its clients.
     */
    @Override
    void close();
}
