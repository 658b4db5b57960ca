package io.pacer.cli;

import io.pacer.load.Verdict;
import io.pacer.load.distributed.ControlSettings;
import io.pacer.load.distributed.CoordinatorSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --workers N|all}: run the load command on {@code pacer worker} processes instead of here, this process
 * coordinating them over Kafka ({@code docs/workers.md}).
 */
final class DistributionOptions {

    /** Options of the coordinator alone: a worker is sent the command without them. */
    private static final Set<String> COORDINATOR_ONLY = Set.of(
            "--workers",
            "--control-bootstrap",
            "--control-topic",
            "--worker-timeout",
            "--worker-wait",
            "--output",
            "-o",
            "--gate");

    private static final String ALLOW_PARTIAL = "--allow-partial";

    @Option(
            names = "--workers",
            paramLabel = "N|all",
            description = "Run on N `pacer worker` processes (or all live ones) found on the control topic; this"
                    + " process coordinates them, shows one progress line and merges their results exactly"
                    + " (default: none, run here).")
    String workers;

    @Option(
            names = "--control-bootstrap",
            paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Kafka cluster of the control topic the workers listen on (default: --bootstrap).")
    String controlBootstrap;

    @Option(
            names = "--control-topic",
            paramLabel = "TOPIC",
            defaultValue = ControlSettings.DEFAULT_CONTROL_TOPIC,
            description = "Control topic of the workers; results travel on TOPIC.results (default ${DEFAULT-VALUE}).")
    String controlTopic;

    @Option(
            names = "--allow-partial",
            description = "Pass the run even if a worker's share is missing (it died, stopped heartbeating or"
                    + " failed); default: such a run fails.")
    boolean allowPartial;

    @Option(
            names = "--worker-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "5s",
            description =
                    "A worker silent this long is lost and its share reported missing (default ${DEFAULT-VALUE}).")
    Duration workerTimeout;

    @Option(
            names = "--worker-wait",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "30s",
            description = "How long to wait for enough idle workers (default ${DEFAULT-VALUE}).")
    Duration workerWait;

    /** Whether the command is to run on workers. */
    boolean requested() {
        return workers != null;
    }

    /** The coordinator's settings; {@code bootstrap} is the command's own --bootstrap, or null. */
    CoordinatorSettings settings(String bootstrap) {
        String servers = controlBootstrap != null ? controlBootstrap : bootstrap;
        if (servers == null) {
            throw new UsageException("--workers needs --control-bootstrap HOST:PORT: the Kafka cluster whose control"
                    + " topic the workers listen on");
        }
        if (!servers.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
            throw new UsageException("--control-bootstrap '" + servers + "' must be HOST:PORT[,HOST:PORT...]");
        }
        int count = count();
        try {
            return CoordinatorSettings.of(new ControlSettings(servers, controlTopic), count, Version.pacer())
                    .withTimeouts(workerWait, workerTimeout);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The gates every distributed run must meet: the defaults, less completeness with --allow-partial. */
    List<io.pacer.load.Gate> defaultGates() {
        List<io.pacer.load.Gate> gates = new ArrayList<>(Verdict.DEFAULT_GATES);
        if (allowPartial) {
            gates.remove(Verdict.COMPLETE);
        }
        return gates;
    }

    /** {@code args} without the options only the coordinator acts on (distribution, --output, --gate). */
    static List<String> forWorkers(List<String> args) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String name = eq > 0 && arg.startsWith("-") ? arg.substring(0, eq) : arg;
            if (arg.equals(ALLOW_PARTIAL)) {
                continue;
            }
            if (COORDINATOR_ONLY.contains(name)) {
                if (eq < 0) {
                    i++; // its value
                }
                continue;
            }
            kept.add(arg);
        }
        return kept;
    }

    private int count() {
        String text = workers.trim().toLowerCase(Locale.ROOT);
        if (text.equals("all")) {
            return CoordinatorSettings.ALL;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--workers '" + workers + "' must be a number of workers >= 1, or all");
    }
}
