package io.pacer.cli;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.load.LoadRun;
import io.pacer.load.RunListener;
import io.pacer.load.Workload;
import io.pacer.load.distributed.CoordinatorSettings;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.SuiteResults;
import io.pacer.verdict.compare.ComparisonSettings;
import io.pacer.verdict.compare.ComparisonText;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.SuiteComparison;
import io.pacer.verdict.report.ComparisonRow;
import io.pacer.verdict.report.ComparisonRows;
import io.pacer.verdict.report.HtmlReport;
import io.pacer.verdict.report.JUnitReport;
import io.pacer.verdict.report.ReportOptions;
import io.pacer.verdict.suite.ConsoleReport;
import io.pacer.verdict.suite.Scenario;
import io.pacer.verdict.suite.ScenarioLauncher;
import io.pacer.verdict.suite.Suite;
import io.pacer.verdict.suite.SuiteFile;
import io.pacer.verdict.suite.SuiteListener;
import io.pacer.verdict.suite.SuiteRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
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
 * {@code pacer full}: a suite of scenarios, each judged by its gates — the built-in suite (baseline, high-throughput,
 * stress with a capacity search, end-to-end; soak on request) or a YAML file. Reads the suite and checks every
 * scenario's options before anything runs; starts one embedded broker for every Kafka scenario when no --bootstrap is
 * given; prints one table per scenario as it ends and writes the suite result as JSON.
 *
 * <p>With {@code --baseline} each scenario is compared with the scenario of the same name in a saved suite result
 * ({@code Comparisons}); the comparison is printed, and goes into the HTML report (before/after) and the JUnit XML
 * ({@code compare METRIC} test cases).
 *
 * <p>Exit codes: 0 every gate passed and nothing regressed, 1 a gate failed or a metric regressed beyond the
 * tolerance, 2 the suite could not run (a bad file or option, a missing baseline, an unreachable target) — 2 wins over
 * 1, since a suite that did not run as asked is no verdict.
 */
@Command(
        name = "full",
        mixinStandardHelpOptions = true,
        description = {
            "Run a suite of load scenarios, each ending in gates (p95<500ms, errors<1%%, throughput>=1000/s, lost=0): "
                    + "the built-in suite against the embedded broker (about three minutes), or your own YAML file.",
            "Built-in: baseline (500/s; p95<500ms, errors<1%%), high-throughput (unlimited; a throughput floor), "
                    + "stress (capacity search), end-to-end (stream; lost=0, duplicated=0); soak with --with soak.",
            "With --baseline each scenario is compared with the baseline's scenario of the same name: the table is"
                    + " printed, the HTML report shows each before/after, the JUnit XML has a 'compare METRIC' test"
                    + " case per metric, and a regression beyond --tolerance exits 1."
        },
        footer = {
            "",
            "Examples:",
            "  pacer full --output results.json                      # the built-in suite, embedded broker",
            "  pacer full --suite nightly.yaml -b 127.0.0.1:9092 --scenario stress",
            "  pacer full --with soak --output soak.json",
            "  pacer full --baseline main --junit junit.xml --html report.html --output results.json",
            "  pacer full --suite nightly.yaml -b kafka-1:9092 --workers 3     # every scenario on 3 pacer workers",
            "",
            "Suite files and the result's JSON: docs/suite-result.md; gates: METRIC[LABEL] OP BOUND.",
            "Exit codes: 0 every gate passed (and, with --baseline, nothing regressed), 1 a gate failed or a metric"
                    + " regressed beyond --tolerance, 2 the suite could not run (this wins over 1) or bad usage."
        })
final class FullCommand implements Callable<Integer> {

    /** How much shorter --quick makes every duration, warm-up and ramp-up. */
    static final double QUICK_SCALE = 0.1;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--suite",
            paramLabel = "FILE",
            description = "The suite, a YAML file (default: the built-in suite).")
    Path suiteFile;

    @Option(
            names = "--scenario",
            paramLabel = "NAME",
            description = "Run only this scenario, even one the suite disables (default: every enabled scenario).")
    String scenario;

    @Option(
            names = "--with",
            paramLabel = "NAME",
            description = "Also run this disabled scenario, e.g. --with soak (repeatable; default: none).")
    List<String> with = new ArrayList<>();

    @Option(
            names = {"--bootstrap", "-b"},
            paramLabel = "HOST:PORT[,HOST:PORT]",
            description = "Kafka bootstrap servers for every Kafka scenario that names none. Default: one embedded"
                    + " broker for the whole suite.")
    String bootstrap;

    @Option(
            names = {"--output", "-o"},
            paramLabel = "FILE",
            description = "Write the suite result, every scenario's run included, as JSON to FILE (default: none).")
    Path output;

    @Option(
            names = "--quick",
            description =
                    "A smoke test: every duration, warm-up and ramp-up a tenth as long (durations at least 1s; default: off).")
    boolean quick;

    @Option(
            names = "--baseline",
            paramLabel = "NAME|FILE",
            description = "Compare each scenario with the scenario of the same name in this suite result: a saved"
                    + " baseline (pacer baseline save NAME results.json) or a file; a regression beyond --tolerance"
                    + " exits 1 (default: no comparison).")
    String baseline;

    @Mixin
    ReportTargets reports;

    @Mixin
    ComparisonOptions comparing;

    @Mixin
    DataDirOption data;

    @Mixin
    DistributionOptions distribution;

    /** Servers for checking options before anything runs: drivers are built, never opened. */
    private static final String CHECK_ONLY_BOOTSTRAP = "127.0.0.1:9092";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadCommand.checkOutputWritable(output);
        OutputFiles.fileOnly("--html", reports.html);
        OutputFiles.fileOnly("--junit", reports.junit);
        OutputFiles.distinct("--output", output, "--html", reports.html, "--junit", reports.junit);
        reports.check();
        ReportOptions options = reports.options(null);
        BaselineSuite before = baseline == null ? null : baseline();
        Suite suite = suiteFile == null ? SuiteFile.builtIn() : SuiteFile.read(suiteFile);
        List<Scenario> selected = suite.select(scenario, with);
        if (selected.isEmpty()) {
            throw new UsageException("suite " + suite.name() + " has no scenario to run: every one is disabled"
                    + " (enabled: false); run one with --scenario NAME or --with NAME, or enable one");
        }
        String servers = bootstrap == null ? null : checkedBootstrap(err);
        double scale = quick ? QUICK_SCALE : 1;
        CoordinatorSettings workers = workers(selected, servers);
        SuiteRunner.check(
                selected,
                new CliScenarioLauncher(
                        servers == null ? CHECK_ONLY_BOOTSTRAP : servers,
                        scale,
                        err,
                        workers,
                        distribution.allowPartial));
        SuiteResult result = workers == null
                ? run(suite, selected, servers, scale, out, err)
                : run(
                        suite,
                        selected,
                        new CliScenarioLauncher(servers, scale, err, workers, distribution.allowPartial),
                        out,
                        err);
        SuiteComparison comparison = report(result, before, options, out, err);
        return exitCode(result, comparison);
    }

    /**
     * With --workers, where and on how many workers every scenario runs; null without. Kafka scenarios then need
     * --bootstrap: an embedded broker would be each worker's own.
     */
    private CoordinatorSettings workers(List<Scenario> selected, String servers) {
        if (!distribution.requested()) {
            return null;
        }
        if (servers == null && selected.stream().anyMatch(CliScenarioLauncher::usesSuiteKafka)) {
            throw new UsageException("--workers needs --bootstrap: every worker must reach the same Kafka cluster"
                    + " (an embedded broker would be each worker's own)");
        }
        return distribution.settings(servers);
    }

    /** The baseline to compare with and the settings to judge by, both checked before anything runs. */
    private record BaselineSuite(SuiteResult suite, ComparisonSettings settings) {}

    private BaselineSuite baseline() {
        ComparisonSettings settings = comparing.settings();
        ResultFile file = ComparisonOptions.baseline("--baseline", baseline, data.baselines());
        if (file.suite() == null) {
            throw new UsageException("--baseline " + baseline + " is a run result (" + file.path() + "): pacer full"
                    + " compares with a suite result, as pacer full --output writes it");
        }
        return new BaselineSuite(file.suite(), settings);
    }

    /** Runs the suite against {@code servers}, or one embedded broker when none are given and a scenario needs one. */
    private static SuiteResult run(
            Suite suite, List<Scenario> selected, String servers, double scale, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        EmbeddedKafka embedded = null;
        try {
            if (servers == null && selected.stream().anyMatch(CliScenarioLauncher::usesSuiteKafka)) {
                err.println("pacer: no --bootstrap given: starting one embedded Kafka broker for the suite...");
                embedded = EmbeddedKafka.start();
                servers = embedded.bootstrapServers();
                err.println("pacer: embedded broker at " + servers);
            }
            return run(suite, selected, new CliScenarioLauncher(servers, scale, err), out, err);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * The verdict line, the comparison with the baseline (when there is one), the JSON result and the reports, and a
     * line on stderr for each scenario that could not run.
     *
     * @return the comparison with the baseline; null without one
     */
    private SuiteComparison report(
            SuiteResult result, BaselineSuite before, ReportOptions options, PrintWriter out, PrintWriter err)
            throws IOException {
        out.println();
        out.println(ConsoleReport.verdict(result));
        SuiteComparison comparison = null;
        Map<String, List<ComparisonRow>> rows = Map.of();
        if (before != null) {
            comparison = Comparisons.compare(before.suite(), result, before.settings());
            rows = ComparisonRows.of(comparison);
            out.println();
            ComparisonText.lines(comparison).forEach(out::println);
        }
        out.flush();
        if (output != null) {
            SuiteResults.write(result, output);
            err.println("pacer: suite result written to " + output);
        }
        Map<String, List<ComparisonRow>> compared = rows;
        Path html = reports.html;
        Path junit = reports.junit;
        if (html != null) {
            ReportFiles.write(
                    html,
                    () -> {
                        if (before == null) {
                            HtmlReport.write(result, html, options);
                        } else {
                            HtmlReport.write(result, before.suite(), compared, html, options);
                        }
                    },
                    err);
        }
        if (junit != null) {
            ReportFiles.write(junit, () -> JUnitReport.write(result, compared, junit), err);
        }
        result.scenarios().stream()
                .filter(s -> s.error() != null)
                .forEach(s -> err.println("pacer: scenario " + s.name() + " could not run: " + s.error()));
        return comparison;
    }

    /** Runs the scenarios, each table printed as its scenario ends. */
    static SuiteResult run(
            Suite suite, List<Scenario> selected, ScenarioLauncher launcher, PrintWriter out, PrintWriter err)
            throws InterruptedException {
        return new SuiteRunner(launcher, new Console(out, err), Clock.systemUTC()).run(suite, selected);
    }

    /**
     * 2 when a scenario could not run (whatever else happened: the suite did not run as asked); else 1 when a gate
     * failed or, compared with a baseline, a metric regressed beyond the tolerance; else 0.
     */
    static int exitCode(SuiteResult result, SuiteComparison comparison) {
        if (result.scenarios().stream().anyMatch(s -> s.error() != null)) {
            return ExitCode.USAGE;
        }
        boolean regressed = comparison != null && comparison.regressed();
        return result.passed() && !regressed ? ExitCode.OK : ExitCode.FAILED_RUN;
    }

    /** --bootstrap checked exactly as every Kafka command checks it. */
    private String checkedBootstrap(PrintWriter err) {
        KafkaTarget target = new KafkaTarget();
        target.bootstrap = bootstrap;
        return target.servers(err);
    }

    /** Progress on stderr while a run goes, the scenario's table on stdout when it ends; Ctrl-C stops the run. */
    private static final class Console implements SuiteListener {
        private final PrintWriter out;
        private final PrintWriter err;
        private Progress progress;
        private StopOnSignal signals;

        Console(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public RunListener onRunStarting(Scenario scenario, Workload workload, Double step) {
            err.println("pacer: scenario " + scenario.name() + " (" + scenario.driver() + ")"
                    + (step == null ? "" : ": capacity search step at " + Numbers.rate(step) + " ops/s"));
            progress = Progress.forConsole(err, workload);
            return progress;
        }

        @Override
        public void onRunStarted(LoadRun run) {
            signals = StopOnSignal.install(run, err);
        }

        @Override
        public void onRunEnded() {
            if (signals != null) {
                signals.close();
                signals = null;
            }
            if (progress != null) {
                progress.finish();
            }
        }

        @Override
        public void onScenarioEnd(ScenarioResult result) {
            ConsoleReport.scenario(result, out);
        }
    }
}
