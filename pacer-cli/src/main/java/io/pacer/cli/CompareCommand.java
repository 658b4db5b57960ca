package io.pacer.cli;

import io.pacer.verdict.ResultFile;
import io.pacer.verdict.compare.ComparisonSettings;
import io.pacer.verdict.compare.ComparisonText;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.RunComparison;
import io.pacer.verdict.compare.SuiteComparison;
import io.pacer.verdict.report.ComparisonRows;
import io.pacer.verdict.report.HtmlReport;
import io.pacer.verdict.report.ReportOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacer compare BASELINE RESULT}: a noise-aware verdict per metric, exit 1 on a regression. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Compares a result with a baseline, per metric (throughput, p50, p95, p99, p99.9, error rate): the change"
                    + " in %% and a verdict — improved, unchanged, regressed or inconclusive. A change counts only"
                    + " when the per-interval samples differ significantly (Mann-Whitney U at the --confidence level)"
                    + " and the whole-run figure moved by more than --tolerance. Warm-up intervals are not samples;"
                    + " with fewer than --min-intervals per side a metric is inconclusive, never a regression.",
            "Both must be run results or both suite results; suites are compared scenario by scenario, by name."
        },
        footer = {
            "",
            "Examples:",
            "  pacer baseline save main run.json && pacer compare main new-run.json",
            "  pacer compare old-run.json new-run.json --tolerance 10%%",
            "  pacer compare main results.json --html before-after.html",
            "",
            "Exit codes: 0 no regression beyond the tolerance, 1 a regression, 2 bad usage."
        })
final class CompareCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "BASELINE",
            description = "A saved baseline's name (see 'pacer baseline list') or a result file.")
    String baseline;

    @Parameters(index = "1", paramLabel = "RESULT", description = "The result file to judge (run or suite result).")
    Path result;

    @Mixin
    ComparisonOptions comparing;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write the before/after report to FILE: the verdicts, both runs' throughput, p99 and"
                    + " percentile distribution overlaid; one self-contained HTML file (default: none).")
    Path html;

    @Mixin
    DataDirOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ComparisonSettings settings = comparing.settings();
        ReportFiles.checkTarget("--html", html);
        ResultFile before = ComparisonOptions.baseline("BASELINE", baseline, data.baselines());
        ResultFile after = ResultFile.read(result);
        if (!before.kind().equals(after.kind())) {
            throw new UsageException("cannot compare a " + before.kind() + " result (" + before.path() + ") with a "
                    + after.kind() + " result (" + after.path() + "): compare runs with runs, suites with suites");
        }
        List<String> lines;
        boolean regressed;
        ReportFiles.Writing report;
        if (before.run() != null) {
            RunComparison comparison = Comparisons.compare(before.run(), after.run(), settings);
            lines = ComparisonText.lines(comparison);
            regressed = comparison.regressed();
            report = () -> HtmlReport.comparison(
                    before.run(), after.run(), ComparisonRows.of(comparison), html, ReportOptions.DEFAULT);
        } else {
            SuiteComparison comparison = Comparisons.compare(before.suite(), after.suite(), settings);
            lines = ComparisonText.lines(comparison);
            regressed = comparison.regressed();
            report = () -> HtmlReport.comparison(
                    before.suite(), after.suite(), ComparisonRows.of(comparison), html, ReportOptions.DEFAULT);
        }
        lines.forEach(out::println);
        if (html != null) {
            ReportFiles.write(html, report, out);
        }
        return regressed ? ExitCode.FAILED_RUN : ExitCode.OK;
    }
}
