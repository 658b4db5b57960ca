package io.pacer.load.distributed;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * The process the user started, when it runs its command on workers ({@code --workers N|all}).
 *
 * @param control        where the workers listen
 * @param workers        how many workers to use; {@link #ALL} for every live one
 * @param waitForWorkers how long to wait for enough idle workers of this version
 * @param workerTimeout  a worker silent this long (no heartbeat, no message) is lost and its share reported missing
 * @param readyTimeout   how long workers may take to prepare (open clients, create topics) before the start
 * @param startDelay     from the last worker ready to the common start instant
 * @param version        the coordinator's Pacer version; workers of another version are refused
 */
public record CoordinatorSettings(
        ControlSettings control,
        int workers,
        Duration waitForWorkers,
        Duration workerTimeout,
        Duration readyTimeout,
        Duration startDelay,
        String version) {

    /** {@code --workers all}. */
    public static final int ALL = 0;

    public static final Duration DEFAULT_WAIT_FOR_WORKERS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WORKER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_START_DELAY = Duration.ofMillis(500);

    public CoordinatorSettings {
        Objects.requireNonNull(control, "control");
        Check.atLeast("workers", workers, ALL);
        Objects.requireNonNull(waitForWorkers, "waitForWorkers");
        Check.notNegative("waitForWorkers", waitForWorkers);
        Objects.requireNonNull(workerTimeout, "workerTimeout");
        Check.atLeast("workerTimeout", workerTimeout, Duration.ofMillis(500));
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Check.positive("readyTimeout", readyTimeout);
        Objects.requireNonNull(startDelay, "startDelay");
        Check.notNegative("startDelay", startDelay);
        Check.notBlank("version", version, "a Pacer version");
    }

    /** Defaults for everything but where, how many and which version. */
    public static CoordinatorSettings of(ControlSettings control, int workers, String version) {
        return new CoordinatorSettings(
                control,
                workers,
                DEFAULT_WAIT_FOR_WORKERS,
                DEFAULT_WORKER_TIMEOUT,
                DEFAULT_READY_TIMEOUT,
                DEFAULT_START_DELAY,
                version);
    }

    public CoordinatorSettings withTimeouts(Duration newWaitForWorkers, Duration newWorkerTimeout) {
        return new CoordinatorSettings(
                control, workers, newWaitForWorkers, newWorkerTimeout, readyTimeout, startDelay, version);
    }
}
