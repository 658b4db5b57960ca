package io.pacer.cli;

import io.pacer.load.RunResult;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.baseline.Baseline;
import io.pacer.verdict.baseline.BaselineStore;
import io.pacer.verdict.compare.Comparisons;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacer baseline save|list|show|delete}: named results to compare later runs with. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = "Saved results to compare later runs with ('pacer compare NAME RESULT'), kept under the data"
                + " directory (--data-dir, else $PACER_HOME, else ~/.pacer).",
        subcommands = {
            BaselineCommand.Save.class,
            BaselineCommand.ListBaselines.class,
            BaselineCommand.Show.class,
            BaselineCommand.Delete.class
        },
        footer = {
            "",
            "Examples:",
            "  pacer baseline save main run.json",
            "  pacer baseline list",
            "  pacer compare main new-run.json",
            "",
            "Exit codes: 0 ok, 2 bad usage (a bad name, an unreadable result, no such baseline)."
        })
final class BaselineCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "choose a subcommand: save, list, show or delete");
    }

    @Command(
            name = "save",
            mixinStandardHelpOptions = true,
            description = "Saves a run or suite result as the baseline NAME (a copy: the file may go away).")
    static final class Save implements Callable<Integer> {
        @Parameters(
                index = "0",
                paramLabel = "NAME",
                description = "1 to 64 letters, digits, '.', '_' or '-', e.g. main or release-1.4.")
        String name;

        @Parameters(index = "1", paramLabel = "RESULT", description = "A result file written with --output.")
        Path result;

        @Option(names = "--force", description = "Replace an existing baseline of that name (default: refuse to).")
        boolean force;

        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            BaselineStore store = data.baselines();
            Baseline saved = store.save(name, result, force, Instant.now());
            spec.commandLine()
                    .getOut()
                    .println("saved baseline '" + saved.name() + "' (" + saved.kind() + " " + saved.subject() + ": "
                            + headline(saved) + ") in "
                            + store.directory().resolve(saved.name()));
            return ExitCode.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the saved baselines.")
    static final class ListBaselines implements Callable<Integer> {
        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BaselineStore store = data.baselines();
            List<Baseline> all = store.list();
            if (all.isEmpty()) {
                out.println("no baselines in " + store.directory()
                        + "; save one with: pacer baseline save NAME RESULT.json");
                return ExitCode.OK;
            }
            String format = "%-20s %-6s %-20s %s";
            out.println(String.format(Locale.ROOT, format, "name", "kind", "saved", "what"));
            for (Baseline b : all) {
                out.println(String.format(
                        Locale.ROOT,
                        format,
                        b.name(),
                        b.kind(),
                        minute(b.savedAt()),
                        b.subject() + ": " + headline(b)));
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a saved baseline.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The baseline's name.")
        String name;

        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            BaselineStore store = data.baselines();
            Baseline b = store.get(name);
            ResultFile result = store.load(name);
            out.println("baseline     " + b.name() + " (" + b.kind() + " result)");
            out.println("saved        " + b.savedAt() + " from " + b.source());
            out.println("file         " + result.path());
            out.println("measured     " + (b.measuredAt() == null ? "-" : b.measuredAt()));
            if (result.run() != null) {
                run(out, "", result.run());
            } else {
                out.println("suite        " + result.suite().suite());
                for (ScenarioResult s : result.suite().scenarios()) {
                    out.println("scenario     " + s.name() + " (" + s.driver() + ")"
                            + (s.run() == null ? ": did not run" + (s.error() == null ? "" : ": " + s.error()) : ""));
                    if (s.run() != null) {
                        run(out, "  ", s.run());
                    }
                }
            }
            return ExitCode.OK;
        }

        private static void run(PrintWriter out, String indent, RunResult run) {
            int measured = Comparisons.measured(run).size();
            out.println(indent + "driver       " + run.driver());
            out.println(indent + "pacer        " + run.toolVersion() + " on "
                    + run.environment().javaVendor() + " "
                    + run.environment().javaVersion() + ", " + run.environment().cpus() + " CPUs, "
                    + run.environment().hostname());
            out.println(indent + "intervals    " + measured + " measured of "
                    + run.settings().intervalMillis() + " ms, warm-up "
                    + Numbers.seconds(run.warmup().durationMillis()));
            out.println(indent + "throughput   " + Numbers.rate(run.rates().operationsPerSecond()) + " ops/s");
            out.println(
                    indent + "latency      p50 " + Numbers.micros(run.latency().p50()) + "  p95 "
                            + Numbers.micros(run.latency().p95()) + "  p99 "
                            + Numbers.micros(run.latency().p99())
                            + "  p99.9 " + Numbers.micros(run.latency().p999()) + "  max "
                            + Numbers.micros(run.latency().max()));
            out.println(indent + "operations   " + Numbers.count(run.counts().operations()) + ", failed "
                    + Numbers.count(run.counts().failed()));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a saved baseline.")
    static final class Delete implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The baseline's name.")
        String name;

        @Mixin
        DataDirOption data;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Baseline deleted = data.baselines().delete(name);
            spec.commandLine()
                    .getOut()
                    .println("deleted baseline '" + deleted.name() + "' (saved " + deleted.savedAt() + ")");
            return ExitCode.OK;
        }
    }

    /** A baseline's figures in a few words: throughput, p99 and errors of a run, the number of a suite's scenarios. */
    static String headline(Baseline b) {
        if (b.scenarios() != null) {
            return b.scenarios() + " scenarios";
        }
        if ("unreadable".equals(b.kind())) {
            return b.subject();
        }
        return (b.operationsPerSecond() == null ? "-" : Numbers.rate(b.operationsPerSecond())) + " ops/s, p99 "
                + (b.p99Micros() == null ? "-" : Numbers.micros(b.p99Micros())) + ", errors "
                + (b.errorPercent() == null ? "-" : String.format(Locale.ROOT, "%.2f %%", b.errorPercent()));
    }

    private static String minute(Instant at) {
        String text = at.toString();
        return text.length() >= 16 ? text.substring(0, 16).replace('T', ' ') + "Z" : text;
    }
}
