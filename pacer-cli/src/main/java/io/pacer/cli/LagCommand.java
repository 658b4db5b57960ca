package io.pacer.cli;

import io.pacer.internal.Check;
import io.pacer.monitor.kafka.KafkaLagCollector;
import io.pacer.monitor.kafka.KafkaLagSettings;
import io.pacer.monitor.kafka.LagHistories;
import io.pacer.monitor.kafka.LagHistory;
import io.pacer.monitor.kafka.LagResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacer lag}: every consumer group's status, lag in records and seconds and catch-up estimate, live. The rules
 * need a window of commits, so it samples the cluster {@code --samples} times over {@code --over} and evaluates the
 * last sample.
 */
@Command(
        name = "lag",
        mixinStandardHelpOptions = true,
        description = "Consumer lag, evaluated: each group's status (Burrow's rules: OK, WARN, STOP, STALL, REWIND),"
                + " lag in records and in seconds, and the time to catch up at the recent rates.",
        subcommands = {LagEvaluateCommand.class},
        footer = {
            "",
            "Examples:",
            "  pacer lag --bootstrap 127.0.0.1:9092",
            "  pacer lag -b 127.0.0.1:9092 --group billing --samples 6 --over 1m --all",
            "  pacer lag -b 127.0.0.1:9092 --record incident/      # then: pacer lag evaluate incident/billing.json",
            "",
            "Exit codes: 0 every group is OK, 1 some group is not, 2 bad usage or an unreachable cluster.",
            "The history format and the rules: docs/lag-history.md."
        })
final class LagCommand implements Callable<Integer> {

    static final int DEFAULT_SAMPLES = 3;

    @Spec
    CommandSpec spec;

    @Option(
            names = {"--bootstrap", "-b"},
            paramLabel = "HOST:PORT[,HOST:PORT]",
            description =
                    "Kafka bootstrap servers of the cluster whose consumer groups to evaluate (required: no default).")
    String bootstrap;

    @Option(
            names = "--group",
            split = ",",
            paramLabel = "GROUP",
            description = "Consumer group to evaluate (repeatable; default: every consumer group).")
    List<String> groups = new ArrayList<>();

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "" + DEFAULT_SAMPLES,
            description = "How many times to read the offsets (default ${DEFAULT-VALUE}, at least 2).")
    int samples;

    @Option(
            names = "--over",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "10s",
            description = "The time the samples are spread over (default ${DEFAULT-VALUE}): the window the rules see.")
    Duration over;

    @Option(
            names = "--allowed-lag",
            paramLabel = "RECORDS",
            defaultValue = "0",
            description = "Lag a partition may have and still be OK (Burrow's allowed-lag; default ${DEFAULT-VALUE}).")
    long allowedLag;

    @Option(names = "--all", description = "List every partition, not only those that are not OK (default: off).")
    boolean all;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Also write the evaluations as a JSON list (default: none).")
    Path output;

    @Option(
            names = "--record",
            paramLabel = "DIR",
            description = "Write each group's history to DIR/GROUP.json, for 'pacer lag evaluate' (default: none).")
    Path record;

    @Option(
            names = "-C",
            paramLabel = "KEY=VALUE",
            description = "An admin client property, e.g. security.protocol=SSL (repeatable; default: none).")
    List<String> adminProps = new ArrayList<>();

    @Option(
            names = "--admin-config",
            paramLabel = "FILE",
            description = "Admin client properties file (default: none).")
    Path adminConfig;

    @Option(
            names = "--timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "10s",
            description = "Longest wait for each answer from the cluster (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        if (bootstrap == null) {
            throw new UsageException("pacer lag needs --bootstrap HOST:PORT: the cluster whose consumer groups to"
                    + " evaluate (or 'pacer lag evaluate HISTORY.json' for a recorded history)");
        }
        if (!bootstrap.matches("[^,\\s]+:\\d+(,[^,\\s]+:\\d+)*")) {
            throw new UsageException(
                    "--bootstrap '" + bootstrap + "' must be HOST:PORT[,HOST:PORT...], e.g. 127.0.0.1:9092");
        }
        Check.range("--samples", samples, 2, 1000);
        Check.duration("--over", over, Duration.ofMillis(100), Duration.ofHours(24));
        Check.atLeast("--allowed-lag", allowedLag, 0);
        Map<String, String> properties = Properties.merge(adminConfig, adminProps, "-C", "--admin-config");
        Duration spacing = over.dividedBy(samples - 1);
        KafkaLagSettings settings = new KafkaLagSettings(
                bootstrap,
                properties,
                spacing.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : spacing,
                new LinkedHashSet<>(groups),
                Math.max(KafkaLagSettings.DEFAULT_INTERVALS, samples),
                allowedLag,
                timeout);
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        try (KafkaLagCollector collector = KafkaLagCollector.create(settings)) {
            for (int i = 0; i < samples; i++) {
                if (i > 0) {
                    TimeUnit.NANOSECONDS.sleep(spacing.toNanos());
                }
                try {
                    collector.collect(clock.instant());
                } catch (Exception e) {
                    throw new UsageException(Problems.oneLine(e));
                }
            }
            List<LagResult> results = collector.lastResults();
            if (results.isEmpty()) {
                out.println("no consumer groups at " + settings.bootstrapServers());
                return ExitCode.OK;
            }
            LagTable.print(results, all, out);
            out.flush();
            if (output != null) {
                LagEvaluateCommand.write(LagHistories.toJson(results), output);
            }
            if (record != null) {
                record(collector.lastHistories());
            }
            return results.stream().allMatch(LagResult::ok) ? ExitCode.OK : ExitCode.FAILED_RUN;
        }
    }

    private void record(List<LagHistory> histories) {
        try {
            Files.createDirectories(record);
        } catch (IOException e) {
            throw new UsageException("cannot create --record directory " + record + ": " + e);
        }
        for (LagHistory h : histories) {
            LagEvaluateCommand.write(
                    LagHistories.toJson(h), record.resolve(h.group().replaceAll("[^A-Za-z0-9._-]", "_") + ".json"));
        }
    }
}
