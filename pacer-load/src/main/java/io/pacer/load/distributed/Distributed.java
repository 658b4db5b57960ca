package io.pacer.load.distributed;

import io.pacer.load.RunListener;
import io.pacer.load.Workload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Distributed load generation with Kafka as the only infrastructure: {@code pacer worker} processes announce
 * themselves on a control topic and take work from a coordinator — the process the user started with
 * {@code --workers N} — which sends each a {@link Share} of the command, a common start instant, and merges their
 * streamed intervals and results exactly. Protocol and guarantees: {@code docs/workers.md}.
 */
public final class Distributed {

    private Distributed() {}

    /**
     * Starts a worker that heartbeats on the control topic and runs the work sent to it with {@code launcher}.
     *
     * @param log  receives one line per thing the worker does (work taken, done, refused, failed)
     * @param host the host name it reports
     * @throws io.pacer.load.LoadSetupException when the control topics cannot be reached or created
     */
    public static Worker startWorker(WorkerSettings settings, Launcher launcher, Consumer<String> log, String host) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(host, "host");
        return WorkerEngine.start(settings, launcher, log, host);
    }

    /**
     * Starts a run of {@code command} on workers: {@code workload} is what the command describes (it is split into
     * shares with {@link Share#split}), {@code parameters} the command's settings; {@code listener} sees the merged
     * intervals and every notice, on the coordinator's thread.
     */
    public static DistributedRun coordinate(
            CoordinatorSettings settings,
            List<String> command,
            Workload workload,
            Map<String, String> parameters,
            RunListener listener) {
        CoordinatorRun run = new CoordinatorRun(
                Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(command, "command"),
                Objects.requireNonNull(workload, "workload"),
                Objects.requireNonNull(parameters, "parameters"),
                Objects.requireNonNull(listener, "listener"));
        run.begin();
        return run;
    }

    /** The workers heard from within {@code timeout} on {@code control}, by name, idle or busy, of any version. */
    public static List<WorkerInfo> liveWorkers(ControlSettings control, Duration timeout) {
        Clock clock = Clock.systemUTC();
        CoordinatorSettings listing =
                CoordinatorSettings.of(control, CoordinatorSettings.ALL, "any").withTimeouts(Duration.ZERO, timeout);
        Roster roster = new Roster(listing, clock);
        try (Bus bus = Bus.open(control, "pacer-workers-list")) {
            Instant from = clock.instant().minus(timeout);
            bus.listen(from, false);
            do {
                for (Object message : bus.poll(Duration.ofMillis(100))) {
                    if (message instanceof ControlMessage m) {
                        roster.hear(m);
                    }
                }
            } while (!bus.caughtUpOnControl());
            return roster.live();
        }
    }
}
