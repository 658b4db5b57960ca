package io.pacer.cli;

import io.pacer.load.distributed.ControlSettings;
import io.pacer.load.distributed.Distributed;
import io.pacer.load.distributed.WorkerInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pacer workers}: the live workers, from their heartbeats. */
@Command(
        name = "workers",
        mixinStandardHelpOptions = true,
        description = "List the live workers on the control topic: name, host, cores, Pacer version, capacity, and"
                + " the run each is busy with.",
        footer = {"", "Example:", "  pacer workers --bootstrap 10.0.0.5:9092"})
final class WorkersCommand implements Callable<Integer> {

    @Option(
            names = {"--bootstrap", "-b"},
            required = true,
            paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Kafka cluster of the control topic (required; no default).")
    String bootstrap;

    @Option(
            names = "--control-topic",
            paramLabel = "TOPIC",
            defaultValue = ControlSettings.DEFAULT_CONTROL_TOPIC,
            description = "Control topic (default ${DEFAULT-VALUE}).")
    String controlTopic;

    @Option(
            names = "--worker-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "5s",
            description = "Live = a heartbeat within this time (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!bootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
            throw new UsageException("--bootstrap '" + bootstrap + "' must be HOST:PORT[,HOST:PORT...]");
        }
        ControlSettings control;
        try {
            control = new ControlSettings(bootstrap, controlTopic);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        List<WorkerInfo> live = Distributed.liveWorkers(control, timeout);
        if (live.isEmpty()) {
            out.println("no live workers on " + controlTopic + " at " + bootstrap
                    + " (start one with: pacer worker --bootstrap " + bootstrap + ")");
            return ExitCode.OK;
        }
        String format = "%-24s %-20s %5s  %-16s %10s  %s%n";
        out.printf(Locale.ROOT, format, "NAME", "HOST", "CORES", "VERSION", "CAPACITY", "STATE");
        Instant now = Instant.now();
        for (WorkerInfo w : live) {
            out.printf(
                    Locale.ROOT,
                    format,
                    w.name(),
                    w.host(),
                    w.cores(),
                    w.version(),
                    w.capacity() > 0 ? Numbers.rate(w.capacity()) + "/s" : "-",
                    (w.idle() ? "idle" : "busy with run " + w.runId()) + ", heard "
                            + Math.max(0, Duration.between(w.at(), now).toMillis()) + " ms ago");
        }
        out.flush();
        return ExitCode.OK;
    }
}
