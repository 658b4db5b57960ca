package io.pacer.load.distributed;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker as its heartbeat describes it, once per heartbeat interval on the control topic.
 *
 * @param name     unique among the workers of a control topic ({@code --name}; default host and process id)
 * @param host     the machine it runs on
 * @param cores    processors available to it
 * @param version  its Pacer version; a coordinator of another version does not use it
 * @param capacity the most operations per second it takes on ({@code --capacity}), 0 for no limit
 * @param runId    the run it is busy with, null when idle
 * @param at       when it sent this heartbeat, by its own clock
 */
public record WorkerInfo(
        String name, String host, int cores, String version, double capacity, String runId, Instant at) {
    public WorkerInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(at, "at");
    }

    /** Whether it is free for work. */
    public boolean idle() {
        return runId == null;
    }

    WorkerInfo busyWith(String newRunId, Instant now) {
        return new WorkerInfo(name, host, cores, version, capacity, newRunId, now);
    }
}
