package io.pacer.cli;

import io.pacer.verdict.report.ReportOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --html}, {@code --junit} and {@code --instance-price}: the reports {@code pacer report} and
 * {@code pacer full} write, the same options in both. */
final class ReportTargets {

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Write the HTML report to FILE: one self-contained file, charts included, no network needed"
                    + " (default: none).")
    Path html;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            description = "Write the JUnit XML report to FILE: one test case per gate, for CI servers (default: none).")
    Path junit;

    @Option(
            names = "--instance-price",
            paramLabel = "USD_PER_HOUR",
            converter = PriceConverter.class,
            description = "What the machine under test costs per hour; adds the cost per million operations to the"
                    + " HTML report (default: none).")
    Double instancePrice;

    /** Refuses, before anything runs or is read, a target that is a directory. */
    void check() {
        ReportFiles.checkTarget("--html", html);
        ReportFiles.checkTarget("--junit", junit);
    }

    /** What the HTML report adds: {@code title} (null for one made from the result) and the instance price. */
    ReportOptions options(String title) {
        return new ReportOptions(title, instancePrice);
    }
}
