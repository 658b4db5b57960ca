package io.pacer.cli;

import io.pacer.monitor.Collector;
import io.pacer.monitor.alert.AlertEngine;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.Notifier;
import io.pacer.monitor.alert.RuleFile;
import io.pacer.monitor.alert.RuleFiles;
import io.pacer.monitor.alert.WebhookConfig;
import io.pacer.monitor.collect.TargetsConfig;
import io.pacer.monitor.health.HealthScore;
import io.pacer.monitor.live.LiveMonitor;
import io.pacer.monitor.live.MonitorSetup;
import io.pacer.monitor.live.MonitorView;
import io.pacer.monitor.store.MetricStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pacer monitor}: collectors → the metric store and the alert engine, a live table, a summary. Exit 0, or 1 when
 * a critical alert is firing at the end (so a CI step after a deploy fails on a broken target), 2 for bad usage; an
 * unreachable target is a collector shown down with its reason, never a failure of the run.
 */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = {
            "Watch the host, this JVM and the targets given, store the history, evaluate alert rules and score health;"
                    + " a live table on a terminal, a line per refresh elsewhere, a summary at the end.",
            "Exit 0; 1 when a critical alert is firing at the end; 2 for bad usage. A target that cannot be reached"
                    + " is shown down with the reason."
        },
        footer = {
            "",
            "Examples:",
            "  pacer monitor --duration 120 --kafka 127.0.0.1:9092 --scrape http://app:8080/metrics",
            "  pacer monitor --config pacer.yaml --rules rules.yaml --data-dir /var/lib/pacer",
            "  pacer monitor --redis cache:6379 --health http://app:8080/health --db-url jdbc:postgresql://db/pacer"
        })
final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "pacer.yaml: a targets: section, and rules/webhooks/seed threshold sections as in a rule file"
                    + " (default: none; the host and this JVM).")
    Path config;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "A Kafka cluster: consumer lag, evaluated; repeatable (default: none).")
    List<String> kafka = new ArrayList<>();

    @Option(
            names = "--postgres",
            paramLabel = "URL",
            description = "A PostgreSQL server (JDBC or postgresql:// URL); repeatable (default: none).")
    List<String> postgres = new ArrayList<>();

    @Option(names = "--redis", paramLabel = "HOST:PORT", description = "A Redis server; repeatable (default: none).")
    List<String> redis = new ArrayList<>();

    @Option(
            names = "--scrape",
            paramLabel = "URL",
            description = "A Prometheus/OpenMetrics endpoint; repeatable (default: none).")
    List<String> scrape = new ArrayList<>();

    @Option(
            names = "--health",
            paramLabel = "URL",
            description = "A health URL, 2xx is healthy; repeatable (default: none).")
    List<String> health = new ArrayList<>();

    @Option(
            names = "--jmx",
            paramLabel = "HOST:PORT",
            description = "Another JVM through JMX; repeatable (default: none).")
    List<String> jmx = new ArrayList<>();

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "Alert rules (YAML, or seed 002's threshold JSON); default: seed 000's stream targets and"
                    + " the Kafka lag rule, unless --config holds rules.")
    Path rules;

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "How often to collect and refresh the table (default: the config file's, else 10s).")
    Duration interval;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            converter = Converters.DurationConverter.class,
            description = "How long to watch, e.g. 120 (seconds) or 1h (default: until Ctrl-C).")
    Duration duration;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() throws Exception {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            throw new UsageException("--duration must be > 0, but was " + duration);
        }
        TargetsConfig targets = targets();
        RuleFile ruleFile = ruleFile();
        List<Collector> collectors = MonitorSetup.collectors(targets);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        List<Notifier> notifiers = MonitorSetup.notifiers(ruleFile.webhooks());
        try (MetricStore metrics = store.openForWriting()) {
            AlertEngine.Builder builder = AlertEngine.builder()
                    .rules(MonitorSetup.rulesOrDefaults(ruleFile.rules()))
                    .history(metrics.alertHistory());
            notifiers.forEach(builder::notifier);
            AlertEngine engine = builder.build();
            MonitorView last;
            boolean terminal = Progress.isTerminal();
            Instant start = clock.instant();
            try (LiveMonitor monitor = LiveMonitor.start(
                            collectors, metrics, engine, HealthScore.ofDefaults(), targets.timeout(), clock);
                    StopOnSignal signals = StopOnSignal.install(
                            monitor::stop, "writing what was collected and printing the summary", err)) {
                last = monitor.run(
                        duration == null ? null : start.plus(duration),
                        targets.interval(),
                        view -> show(view, Duration.between(start, view.at()), terminal, out));
            } finally {
                notifiers.forEach(Notifier::close);
            }
            int code = MonitorTable.criticalFiring(last) ? ExitCode.FAILED_RUN : ExitCode.OK;
            Duration elapsed = Duration.between(start, clock.instant());
            MonitorTable.summary(last, elapsed, store.describe(), code).forEach(out::println);
            out.flush();
            return code;
        }
    }

    private void show(MonitorView view, Duration elapsed, boolean terminal, PrintWriter out) {
        if (terminal) {
            out.print("\033[H\033[2J");
            MonitorTable.table(view, elapsed, duration).forEach(out::println);
        } else {
            out.println(MonitorTable.line(view, elapsed, duration));
        }
        out.flush();
    }

    private TargetsConfig targets() {
        TargetsConfig base = config == null ? TargetsConfig.ofDefaults() : TargetsConfig.read(config);
        TargetsConfig withFlags = base.withFlags(postgres, redis, scrape, health, jmx, kafka);
        if (interval == null) {
            return withFlags;
        }
        Duration timeout = withFlags.timeout().compareTo(interval) < 0 ? withFlags.timeout() : interval;
        return withFlags.withInterval(interval, timeout);
    }

    /** The rules of --config and --rules together (a rule name used in both is an error). */
    private RuleFile ruleFile() {
        List<AlertRule> all = new ArrayList<>();
        List<WebhookConfig> hooks = new ArrayList<>();
        for (Path file : new Path[] {config, rules}) {
            if (file != null) {
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("no such file: " + file);
                }
                RuleFile read = RuleFiles.load(file);
                all.addAll(read.rules());
                hooks.addAll(read.webhooks());
            }
        }
        return new RuleFile(all, hooks);
    }
}
