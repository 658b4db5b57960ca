package io.pacer.load.distributed;

import java.time.Instant;

/**
 * A message on the control topic ({@value #SCHEMA}): a worker's {@code heartbeat} or {@code leave}, a coordinator's
 * {@code work} for one worker, {@code start} (the common start instant, once every worker is ready) or {@code stop}.
 * Fields that do not apply to a type are null.
 */
record ControlMessage(String schema, String type, String runId, String to, WorkerInfo worker, Work work, Instant at) {

    static final String SCHEMA = "pacer.control/1";
    static final String HEARTBEAT = "heartbeat";
    static final String LEAVE = "leave";
    static final String WORK = "work";
    static final String START = "start";
    static final String STOP = "stop";
    static final String RUNNING = "running";

    static ControlMessage heartbeat(WorkerInfo worker) {
        return new ControlMessage(SCHEMA, HEARTBEAT, worker.runId(), null, worker, null, worker.at());
    }

    static ControlMessage leave(WorkerInfo worker) {
        return new ControlMessage(SCHEMA, LEAVE, null, null, worker, null, worker.at());
    }

    static ControlMessage work(Work work) {
        return new ControlMessage(SCHEMA, WORK, work.runId(), work.worker(), null, work, null);
    }

    static ControlMessage start(String runId, Instant at) {
        return new ControlMessage(SCHEMA, START, runId, null, null, null, at);
    }

    static ControlMessage running(String runId) {
        return new ControlMessage(SCHEMA, RUNNING, runId, null, null, null, null);
    }

    static ControlMessage stop(String runId) {
        return new ControlMessage(SCHEMA, STOP, runId, null, null, null, null);
    }
}
