package io.pacer.load.distributed;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * A worker process ({@code pacer worker}).
 *
 * @param control   where it listens for work
 * @param name      its name, unique on the control topic
 * @param capacity  the most operations per second it takes on, 0 for no limit; a coordinator whose share would be
 *                  larger refuses to start
 * @param heartbeat how often it says it is alive
 * @param version   its Pacer version
 * @param coordinatorTimeout a share whose coordinator has been silent this long is stopped: nobody is left to read
 *                  its results (the coordinator was killed, or lost its connection)
 */
public record WorkerSettings(
        ControlSettings control,
        String name,
        double capacity,
        Duration heartbeat,
        String version,
        Duration coordinatorTimeout) {

    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_COORDINATOR_TIMEOUT = Duration.ofSeconds(15);

    public WorkerSettings {
        Objects.requireNonNull(control, "control");
        Check.notBlank("name", name, "a worker name");
        Check.range("capacity", capacity, 0, Double.MAX_VALUE);
        Objects.requireNonNull(heartbeat, "heartbeat");
        Check.atLeast("heartbeat", heartbeat, Duration.ofMillis(100));
        Check.notBlank("version", version, "a Pacer version");
        Objects.requireNonNull(coordinatorTimeout, "coordinatorTimeout");
        Check.atLeast("coordinatorTimeout", coordinatorTimeout, Duration.ofMillis(500));
    }

    /** A worker with the default heartbeat and coordinator timeout. */
    public static WorkerSettings of(ControlSettings control, String name, double capacity, String version) {
        return new WorkerSettings(control, name, capacity, DEFAULT_HEARTBEAT, version, DEFAULT_COORDINATOR_TIMEOUT);
    }
}
