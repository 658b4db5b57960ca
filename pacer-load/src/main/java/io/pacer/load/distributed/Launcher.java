package io.pacer.load.distributed;

import io.pacer.load.Driver;
import io.pacer.load.Workload;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a {@link Work#command()} into what the local command would run: the CLI parses the arguments with the very
 * command class the user ran, so a worker can run everything Pacer can, with no second implementation.
 */
public interface Launcher {

    /**
     * The whole run's workload, and the driver for {@code share} (a driver that follows ids end to end is given
     * {@link Share#slice()}); the worker applies the share to the workload itself.
     *
     * @throws IllegalArgumentException for a command or option this Pacer does not know
     */
    Job prepare(java.util.List<String> command, Share share) throws Exception;

    /**
     * A prepared command.
     *
     * @param workload   the whole run's workload, as the command's options describe it
     * @param driver     not yet opened
     * @param parameters the command's settings, for the result
     * @param release    releases what preparing started besides the driver; called once after the run
     * @param ownInput   whether a replaying driver reads this share's own input (a split capture file), which the
     *                   worker then replays whole instead of every {@code count}-th record of a shared one
     */
    record Job(Workload workload, Driver driver, Map<String, String> parameters, Runnable release, boolean ownInput) {
        public Job {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(driver, "driver");
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(release, "release");
        }

        /** A job whose input, if it replays one, is shared by every worker. */
        public Job(Workload workload, Driver driver, Map<String, String> parameters, Runnable release) {
            this(workload, driver, parameters, release, false);
        }
    }
}
