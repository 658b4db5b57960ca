package io.pacer.cli;

import io.pacer.monitor.alert.AlertHistory;
import io.pacer.monitor.alert.AlertTransition;
import io.pacer.monitor.store.MetricStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code pacer alerts}: the alert history {@code pacer monitor} keeps in the metric store. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        description = "The alerts pacer monitor keeps in its store: open now (list) and every transition (history).",
        subcommands = {AlertsCommand.ListAlerts.class, AlertsCommand.History.class},
        footer = {
            "",
            "Examples:",
            "  pacer alerts list --data-dir /var/lib/pacer",
            "  pacer alerts history --since 7d --rule host-cpu",
            "  pacer alerts history --format json --db-url jdbc:postgresql://db:5432/pacer"
        })
final class AlertsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a command: list or history");
    }

    enum Format {
        TEXT,
        JSON
    }

    /** {@code pacer alerts list}. */
    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "The alerts pending or firing now, as the store last heard from pacer monitor.")
    static final class ListAlerts implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(
                names = "--format",
                paramLabel = "text|json",
                defaultValue = "text",
                description = "Output format (default ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() throws Exception {
            try (MetricStore metrics = store.openForReading()) {
                List<AlertTransition> open = read(metrics.alertHistory(), AlertHistory::open);
                PrintWriter out = spec.commandLine().getOut();
                if (format == Format.JSON) {
                    out.println(io.pacer.internal.Json.documentWriter().writeValueAsString(open));
                } else if (open.isEmpty()) {
                    out.println("no open alerts in " + store.describe());
                } else {
                    for (AlertTransition t : open) {
                        out.println(String.format(
                                Locale.ROOT,
                                "%-7s %-8s %-24s %s = %s (threshold %s) since %s",
                                t.to(),
                                lower(t.severity().name()),
                                t.rule(),
                                t.series(),
                                Numbers.decimal(t.value()),
                                Numbers.decimal(t.threshold()),
                                t.since().truncatedTo(ChronoUnit.SECONDS)));
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    /** {@code pacer alerts history}. */
    @Command(
            name = "history",
            mixinStandardHelpOptions = true,
            description = "Every alert transition (pending, firing, severity changes, resolved) of the last --since,"
                    + " oldest first.")
    static final class History implements Callable<Integer> {
        /** More than a monitor records in years of ordinary alerting; the newest are kept when there are more. */
        static final int LIMIT = 100_000;

        @Spec
        CommandSpec spec;

        @Mixin
        StoreOptions store;

        @Option(
                names = "--since",
                paramLabel = "DURATION",
                defaultValue = "24h",
                converter = Converters.DurationConverter.class,
                description = "How far back, e.g. 1h, 24h, 7d (default ${DEFAULT-VALUE}).")
        Duration since;

        @Option(
                names = "--rule",
                paramLabel = "RULE",
                description = "Only this rule's transitions (default: every rule).")
        String rule;

        @Option(
                names = "--format",
                paramLabel = "text|json",
                defaultValue = "text",
                description = "Output format (default ${DEFAULT-VALUE}).")
        Format format;

        @Override
        public Integer call() throws Exception {
            if (since.isZero() || since.isNegative()) {
                throw new UsageException("--since must be > 0, but was " + since);
            }
            Instant to = Instant.now().plusMillis(1);
            try (MetricStore metrics = store.openForReading()) {
                List<AlertTransition> all =
                        read(metrics.alertHistory(), h -> h.transitions(to.minus(since), to, LIMIT));
                List<AlertTransition> shown = rule == null
                        ? all
                        : all.stream().filter(t -> t.rule().equals(rule)).toList();
                PrintWriter out = spec.commandLine().getOut();
                if (format == Format.JSON) {
                    out.println(io.pacer.internal.Json.documentWriter().writeValueAsString(shown));
                } else if (shown.isEmpty()) {
                    out.println("no alert transitions" + (rule == null ? "" : " of rule " + rule) + " in the last "
                            + Numbers.duration(since) + " in " + store.describe());
                } else {
                    for (AlertTransition t : shown) {
                        out.println(String.format(
                                Locale.ROOT,
                                "%s %-24s %-8s → %-8s %-8s %s",
                                t.at().truncatedTo(ChronoUnit.MILLIS),
                                t.rule(),
                                t.from(),
                                t.to(),
                                lower(t.severity().name()),
                                t.message()));
                    }
                }
            }
            return ExitCode.OK;
        }
    }

    private static List<AlertTransition> read(
            AlertHistory history, java.util.function.Function<AlertHistory, List<AlertTransition>> query) {
        try {
            return query.apply(history);
        } catch (IllegalStateException e) {
            throw new UsageException("cannot read the alert history: " + Problems.oneLine(e)
                    + " (a store written by a Pacer without alert history? run pacer monitor once to migrate it)");
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
