package io.pacer.cli;

import io.pacer.load.distributed.ControlSettings;
import io.pacer.load.distributed.Distributed;
import io.pacer.load.distributed.Worker;
import io.pacer.load.distributed.WorkerSettings;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pacer worker}: a load generator that takes its work from a coordinator over Kafka. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Run as a load-generating worker: announce this process on the control topic with a heartbeat (host,"
                    + " cores, Pacer version) and run the shares of work coordinators send it (any load command run"
                    + " with --workers), streaming intervals and results back. Runs until Ctrl-C or SIGTERM, which"
                    + " stops the share it is running (its partial result is still sent) and leaves."
        },
        footer = {
            "",
            "Examples:",
            "  pacer worker --bootstrap 10.0.0.5:9092                      # on each load machine",
            "  pacer kafka produce -b 10.0.0.5:9092 --rate 600000 --duration 5m --workers 3   # anywhere"
        })
final class WorkerCommand implements Callable<Integer> {

    @Option(
            names = {"--bootstrap", "-b"},
            required = true,
            paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Kafka cluster of the control topic (required; no default).")
    String bootstrap;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "This worker's name, unique on the control topic (default: host name and process id).")
    String name;

    @Option(
            names = "--capacity",
            paramLabel = "OPS",
            defaultValue = "0",
            description = "The most operations per second this worker takes on; a coordinator whose share would be"
                    + " larger refuses to start (default ${DEFAULT-VALUE}: no limit).")
    double capacity;

    @Option(
            names = "--control-topic",
            paramLabel = "TOPIC",
            defaultValue = ControlSettings.DEFAULT_CONTROL_TOPIC,
            description = "Control topic; results go to TOPIC.results (default ${DEFAULT-VALUE}).")
    String controlTopic;

    @Option(
            names = "--heartbeat",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "1s",
            description = "How often to say this worker is alive (default ${DEFAULT-VALUE}); coordinators call a worker"
                    + " lost after --worker-timeout without one.")
    Duration heartbeat;

    @Option(
            names = "--coordinator-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "15s",
            description = "Stop a share whose coordinator has been silent this long: nobody is left to read its"
                    + " results (default ${DEFAULT-VALUE}).")
    Duration coordinatorTimeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!bootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
            throw new UsageException("--bootstrap '" + bootstrap + "' must be HOST:PORT[,HOST:PORT...]");
        }
        String host = host();
        WorkerSettings settings;
        try {
            settings = new WorkerSettings(
                    new ControlSettings(bootstrap, controlTopic),
                    name != null ? name : host + "-" + ProcessHandle.current().pid(),
                    capacity,
                    heartbeat,
                    Version.pacer(),
                    coordinatorTimeout);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CountDownLatch leave = new CountDownLatch(1);
        Worker worker = Distributed.startWorker(
                settings,
                new CliLauncher(err),
                line -> {
                    err.println("pacer worker " + settings.name() + ": " + line);
                    err.flush();
                },
                host);
        err.println("pacer worker " + settings.name() + ": pacer " + settings.version() + " waiting for work on "
                + controlTopic + " at " + bootstrap);
        err.flush();
        try (StopOnSignal ignored = StopOnSignal.install(leave::countDown, "stopping its share and leaving", err)) {
            leave.await();
        } finally {
            worker.close();
        }
        err.println("pacer worker " + settings.name() + ": left");
        return ExitCode.OK;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
