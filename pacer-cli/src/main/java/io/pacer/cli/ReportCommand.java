package io.pacer.cli;

import io.pacer.verdict.ResultFile;
import io.pacer.verdict.report.HtmlReport;
import io.pacer.verdict.report.JUnitReport;
import io.pacer.verdict.report.ReportOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacer report}: the HTML and JUnit XML reports of a saved run or suite result. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write the reports of a saved result: a run result (pacer kafka|stream|http|replay --output) or a suite"
                    + " result (pacer full --output), told apart by its schema.",
            "The HTML report is one self-contained file (charts included, no network needed); the JUnit XML report"
                    + " has one test case per gate, for CI servers."
        },
        footer = {
            "",
            "Examples:",
            "  pacer report run.json --html run.html",
            "  pacer report results.json --html report.html --junit junit.xml --instance-price 0.192",
            "",
            "Exit codes: 0 the reports were written (whatever the result's verdict), 2 bad usage or an unreadable"
                    + " result."
        })
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULT.json", description = "The saved run or suite result.")
    Path result;

    @Mixin
    ReportTargets reports;

    @Option(
            names = "--title",
            paramLabel = "TEXT",
            description = "The HTML report's title (default: made from the result).")
    String title;

    @Override
    public Integer call() {
        Path html = reports.html;
        Path junit = reports.junit;
        if (html == null && junit == null) {
            throw new UsageException("say what to write: --html FILE, --junit FILE or both");
        }
        reports.check();
        OutputFiles.fileOnly("--html", html);
        OutputFiles.fileOnly("--junit", junit);
        OutputFiles.distinct("--html", html, "--junit", junit);
        ReportOptions options = reports.options(title);
        ResultFile file = ResultFile.read(result);
        PrintWriter out = spec.commandLine().getOut();
        if (html != null) {
            ReportFiles.write(
                    html,
                    () -> {
                        if (file.suite() != null) {
                            HtmlReport.write(file.suite(), html, options);
                        } else {
                            HtmlReport.write(file.run(), html, options);
                        }
                    },
                    out);
        }
        if (junit != null) {
            ReportFiles.write(
                    junit,
                    () -> {
                        if (file.suite() != null) {
                            JUnitReport.write(file.suite(), junit);
                        } else {
                            JUnitReport.write(file.run(), junit);
                        }
                    },
                    out);
        }
        return ExitCode.OK;
    }
}
