package io.pacer.cli;

import io.pacer.verdict.readiness.ClientConfig;
import io.pacer.verdict.readiness.ClientConfigException;
import io.pacer.verdict.readiness.ClientConfigFile;
import io.pacer.verdict.readiness.ClientKind;
import io.pacer.verdict.readiness.ClusterSnapshot;
import io.pacer.verdict.readiness.ClusterSnapshots;
import io.pacer.verdict.readiness.Environment;
import io.pacer.verdict.readiness.Finding;
import io.pacer.verdict.readiness.QuickBench;
import io.pacer.verdict.readiness.Readiness;
import io.pacer.verdict.readiness.ReadinessChecks;
import io.pacer.verdict.readiness.ReadinessInput;
import io.pacer.verdict.readiness.ReadinessPolicy;
import io.pacer.verdict.readiness.ReadinessReport;
import io.pacer.verdict.readiness.ReadinessSetupException;
import io.pacer.verdict.readiness.ReadinessText;
import io.pacer.verdict.readiness.ResourceSnapshot;
import io.pacer.verdict.readiness.Severity;
import io.pacer.verdict.report.ReadinessPage;
import io.pacer.verdict.suite.SuiteListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacer readiness}: what will hurt in production, each finding with its evidence and exact fix, and a score.
 * Exit 0 ready, 1 not ready, 2 could not run (bad input, one line).
 */
@Command(
        name = "readiness",
        mixinStandardHelpOptions = true,
        description = "Check Kafka client configs (and, with --bootstrap, the cluster) for what will hurt in"
                + " production: findings with evidence (file:line), why and the exact fix, and a score from 0 to 100"
                + " (docs/readiness.md).",
        footer = {
            "",
            "Examples:",
            "  pacer readiness --producer-config producer.properties --consumer-config consumer.properties",
            "  pacer readiness --producer-config p.properties --rate 20000 --environment staging --output r.json",
            "  pacer readiness --consumer-config c.properties --processing-time 800ms --fail-on warning --html r.html",
            "",
            "Exit codes: 0 ready, 1 not ready (a finding at --fail-on or a score below --min-score), 2 could not run."
        })
final class ReadinessCommand implements Callable<Integer> {

    /** How long reading a live cluster may take before it counts as unreachable. */
    static final Duration CLUSTER_TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--producer-config",
            paramLabel = "FILE",
            description = "The producer's .properties file, as Kafka's tools take it (default: none).")
    Path producerConfig;

    @Option(
            names = "--consumer-config",
            paramLabel = "FILE",
            description = "The consumer's .properties file, as Kafka's tools take it (default: none).")
    Path consumerConfig;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description = "Also read a live cluster through AdminClient: topics, their configs, brokers, groups"
                    + " (default: none).")
    String bootstrap;

    @Option(
            names = "--command-config",
            paramLabel = "FILE",
            description = "AdminClient settings for --bootstrap, e.g. its security settings (default: none).")
    Path commandConfig;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "A topic to focus on; repeatable (default: every topic that is not internal).")
    List<String> topics = new ArrayList<>();

    @Option(
            names = "--environment",
            paramLabel = "ENV",
            defaultValue = "production",
            description = "Where the config will run, which sets each finding's severity: production, staging or"
                    + " development (default: ${DEFAULT-VALUE}).")
    Environment environment;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "The producer's expected records per second, for the batching rules (default: not"
                    + " stated, batching rules skipped).")
    Double rate;

    @Option(
            names = "--processing-time",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "The consumer's processing time per poll batch, e.g. 200ms, for the max.poll.interval.ms"
                    + " rules (default: not stated, those rules skipped).")
    Duration processingTime;

    @Option(
            names = "--quick-bench",
            description = "Also run a short suite with gates against the cluster; a failed gate is a finding"
                    + " (default: off).")
    boolean quickBench;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Also write the report as JSON (schema pacer.readiness/1) to FILE; '-' writes it to"
                    + " stdout instead of the text (default: none).")
    String output;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write the report as one self-contained HTML file (default: none).")
    Path html;

    @Option(
            names = "--min-score",
            paramLabel = "N",
            defaultValue = "0",
            description = "Not ready when the overall score is below N, 0 to 100 (default: ${DEFAULT-VALUE}).")
    int minScore;

    @Option(
            names = "--fail-on",
            paramLabel = "SEVERITY",
            defaultValue = "critical",
            description = "Not ready when a finding is this severe or worse: critical or warning"
                    + " (default: ${DEFAULT-VALUE}).")
    Severity failOn;

    @Mixin
    ReadinessResourceOptions resources;

    @Override
    public Integer call() {
        OutputFiles.fileOnly("--html", html);
        OutputFiles.distinct("--output", output == null ? null : java.nio.file.Path.of(output), "--html", html);
        ReadinessPolicy policy = policy();
        ResourceSnapshot machine = resources.snapshot();
        validate(machine);
        List<String> warnings = new ArrayList<>();
        ClientConfig producer = read(producerConfig, ClientKind.PRODUCER, "--producer-config", warnings);
        ClientConfig consumer = read(consumerConfig, ClientKind.CONSUMER, "--consumer-config", warnings);
        ClientConfig admin = read(commandConfig, ClientKind.ADMIN, "--command-config", warnings);
        ClusterSnapshot cluster = cluster(admin);
        List<Finding> performance = quickBench(cluster);
        ReadinessInput input = new ReadinessInput(
                environment, producer, consumer, cluster, machine, performance, topics, rate, processingTime);
        ReadinessReport report = Readiness.run(input, warnings, ReadinessChecks.all(), policy, Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        if ("-".equals(output)) {
            out.print(report.toJson());
        } else {
            out.print(ReadinessText.render(report));
            if (output != null) {
                LagEvaluateCommand.write(report.toJson(), Path.of(output));
            }
        }
        out.flush();
        if (html != null) {
            try {
                ReadinessPage.write(report, html, Version.pacer());
            } catch (IOException e) {
                throw new UsageException("cannot write --html " + html + ": " + e);
            }
        }
        return report.verdict().ready() ? ExitCode.OK : ExitCode.FAILED_RUN;
    }

    private ReadinessPolicy policy() {
        if (minScore < 0 || minScore > 100) {
            throw new UsageException("--min-score must be in [0, 100], but was " + minScore);
        }
        if (failOn == Severity.INFO) {
            throw new UsageException("--fail-on must be critical or warning, but was info (info findings are notes)");
        }
        return new ReadinessPolicy(minScore, failOn);
    }

    private void validate(ResourceSnapshot machine) {
        if (producerConfig == null && consumerConfig == null && bootstrap == null && machine == null) {
            throw new UsageException("nothing to check: give --producer-config, --consumer-config, --bootstrap or the"
                    + " target's resources (--this-host, --cpus, --memory, --heap, --gc, --disk)");
        }
        if (rate != null && !(rate > 0 && Double.isFinite(rate))) {
            throw new UsageException("--rate must be > 0 records/s, but was " + rate);
        }
        if (processingTime != null && (processingTime.isNegative() || processingTime.isZero())) {
            throw new UsageException("--processing-time must be > 0, but was " + processingTime);
        }
        if (bootstrap == null) {
            if (commandConfig != null) {
                throw new UsageException(
                        "--command-config needs --bootstrap: it is the cluster's AdminClient settings");
            }
            if (!topics.isEmpty()) {
                throw new UsageException("--topic needs --bootstrap: topics are read from the cluster");
            }
        }
    }

    private static ClientConfig read(Path file, ClientKind kind, String flag, List<String> warnings) {
        if (file == null) {
            return null;
        }
        try {
            ClientConfigFile read = ClientConfigFile.read(file, kind);
            warnings.addAll(read.warnings());
            return read.config();
        } catch (ClientConfigException e) {
            throw new UsageException(flag + " " + e.getMessage());
        }
    }

    /** What AdminClient reads from {@code --bootstrap}, with {@code --command-config}'s settings; null without it. */
    private ClusterSnapshot cluster(ClientConfig admin) {
        if (bootstrap == null) {
            return null;
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        if (admin != null) {
            admin.entries().forEach((key, entry) -> settings.put(key, entry.value()));
        }
        try {
            return ClusterSnapshots.readWith(bootstrap, settings, CLUSTER_TIMEOUT);
        } catch (ReadinessSetupException e) {
            throw new UsageException("--bootstrap: " + e.getMessage());
        }
    }

    /** The findings of a short suite with gates against the cluster; null when --quick-bench is off. */
    private List<Finding> quickBench(ClusterSnapshot cluster) {
        if (!quickBench) {
            return null;
        }
        if (cluster == null) {
            throw new UsageException("--quick-bench needs --bootstrap: it runs against the cluster");
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            return QuickBench.run(
                    cluster, commandConfig, environment, new CliScenarioLauncher(null, 1, err), SuiteListener.NONE);
        } catch (ReadinessSetupException e) {
            throw new UsageException("--quick-bench: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("--quick-bench was interrupted before it finished");
        }
    }
}
