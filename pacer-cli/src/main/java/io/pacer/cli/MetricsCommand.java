package io.pacer.cli;

import io.pacer.monitor.export.ExportFormat;
import io.pacer.monitor.export.MetricsExport;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.StoreConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pacer metrics}: the stored history of {@code pacer monitor}. */
@Command(
        name = "metrics",
        mixinStandardHelpOptions = true,
        description = "The metric history pacer monitor stores (SQLite under the data directory, or PostgreSQL).",
        subcommands = {MetricsCommand.Export.class},
        footer = {
            "",
            "Examples:",
            "  pacer metrics export --format prometheus --since 24h --output metrics.prom",
            "  pacer metrics export --format csv --since 7d --resolution 1h --data-dir /var/lib/pacer"
        })
final class MetricsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a command: export");
    }

    /** {@code pacer metrics export}. */
    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description = {
                "Export every stored series of the last --since as JSON (every statistic of every point), CSV (one"
                        + " row per point) or Prometheus' text exposition format (each point's average with its"
                        + " timestamp; names with dots as underscores, values in base units).",
                "The resolution is chosen for the range unless --resolution names one: raw up to 1h, else the finest"
                        + " rollup giving at most 1500 points per series that retention still keeps."
            },
            footer = {
                "",
                "Examples:",
                "  pacer metrics export --format json --since 24h --output history.json",
                "  pacer metrics export --format prometheus --since 1h | promtool check metrics"
            })
    static final class Export implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--format",
                paramLabel = "json|csv|prometheus",
                defaultValue = "json",
                description = "Output format (default ${DEFAULT-VALUE}).")
        ExportFormat format;

        @Option(
                names = "--since",
                paramLabel = "DURATION",
                defaultValue = "24h",
                converter = Converters.DurationConverter.class,
                description = "How far back, e.g. 1h, 24h, 7d (default ${DEFAULT-VALUE}).")
        Duration since;

        @Option(
                names = "--resolution",
                paramLabel = "raw|1m|5m|15m|1h|1d",
                description = "Resolution to export (default: chosen for the range).")
        String resolution;

        @Mixin
        StoreOptions store;

        @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE (default: standard output).")
        Path output;

        @Override
        public Integer call() throws IOException {
            if (since.isZero() || since.isNegative()) {
                throw new UsageException("--since must be > 0, but was " + since);
            }
            Resolution chosen = null;
            if (resolution != null) {
                try {
                    chosen = Resolution.parse(resolution);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--resolution " + e.getMessage());
                }
            }
            StoreConfig config = store.forReading();
            Instant to = Instant.now();
            Instant from = to.minus(since);
            try (MetricStore metrics = store.openForReading()) {
                Resolution r = chosen != null ? chosen : Resolution.choose(from, to, to, config.retention());
                long points;
                if (output == null) {
                    PrintWriter out = spec.commandLine().getOut();
                    points = MetricsExport.write(metrics, format, from, to, r, out);
                } else {
                    try (Writer out = new BufferedWriter(
                            new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8))) {
                        points = MetricsExport.write(metrics, format, from, to, r, out);
                    }
                    spec.commandLine()
                            .getErr()
                            .println("pacer: exported " + points + " points at resolution " + r + " to " + output);
                }
            }
            return ExitCode.OK;
        }
    }
}
