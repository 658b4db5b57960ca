package io.pacer.cli;

import io.pacer.verdict.ResultFile;
import io.pacer.verdict.report.HtmlReport;
import io.pacer.verdict.report.JUnitReport;
import io.pacer.verdict.report.ReportOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
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

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Write the HTML report to FILE (default: none; give --html, --junit or both).")
    Path html;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write the JUnit XML report to FILE (default: none).")
    Path junit;

    @Option(
            names = "--instance-price",
            paramLabel = "USD_PER_HOUR",
            converter = PriceConverter.class,
            description = "What the machine under test costs per hour; adds the cost per million operations to the"
                    + " HTML report (default: none).")
    Double instancePrice;

    @Option(
            names = "--title",
            paramLabel = "TEXT",
            description = "The HTML report's title (default: made from the result).")
    String title;

    @Override
    public Integer call() {
        if (html == null && junit == null) {
            throw new UsageException("say what to write: --html FILE, --junit FILE or both");
        }
        ReportOptions options = new ReportOptions(title, instancePrice);
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
