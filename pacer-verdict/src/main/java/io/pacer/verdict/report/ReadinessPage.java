package io.pacer.verdict.report;

import io.pacer.verdict.readiness.Evidence;
import io.pacer.verdict.readiness.Finding;
import io.pacer.verdict.readiness.ReadinessReport;
import io.pacer.verdict.readiness.ReadinessScore;
import io.pacer.verdict.readiness.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The HTML page of {@code pacer readiness --html}: the verdict and score, the findings grouped by severity with their
 * evidence, why and fix, the score's arithmetic, and the inputs — one self-contained file in the style of the other
 * reports, everything from the report escaped.
 */
public final class ReadinessPage {

    private ReadinessPage() {}

    /** Writes the page to {@code out} (UTF-8), replacing it. */
    public static void write(ReadinessReport report, Path out, String toolVersion) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, render(report, toolVersion), StandardCharsets.UTF_8);
    }

    /** The page as HTML text; its time is the report's. */
    public static String render(ReadinessReport report, String toolVersion) {
        Objects.requireNonNull(report, "report");
        String title = "Pacer readiness: " + report.environment().label();
        Html body = new Html(32 * 1024);
        header(body, report, title);
        body.raw("<main>\n");
        tiles(body, report.score());
        for (Severity severity : Severity.values()) {
            findings(
                    body,
                    severity,
                    report.findings().stream()
                            .filter(f -> f.severity() == severity)
                            .toList());
        }
        if (report.findings().isEmpty()) {
            body.raw("<section><h2>Findings</h2><p class=\"note\">No findings: every rule that could run passed.</p>"
                    + "</section>\n");
        }
        score(body, report.score());
        inputs(body, report);
        body.raw("</main>\n");
        return Page.document(
                title,
                body.toString(),
                toolVersion,
                report.time(),
                "Schema " + report.schema() + "; rule ids, weights and the score's arithmetic: docs/readiness.md.");
    }

    private static void header(Html html, ReadinessReport report, String title) {
        boolean ready = report.verdict().ready();
        html.raw("<header class=\"top\"><div class=\"verdict ")
                .raw(ready ? "pass\">READY" : "fail\">NOT READY")
                .raw("</div><div><h1>")
                .text(title)
                .raw("</h1><p class=\"sub\">")
                .text("score " + report.score().overall() + "/100 · " + report.count(Severity.CRITICAL) + " critical, "
                        + report.count(Severity.WARNING)
                        + (report.count(Severity.WARNING) == 1 ? " warning, " : " warnings, ")
                        + report.count(Severity.INFO) + " info · "
                        + (ready
                                ? "ready"
                                : "not ready: "
                                        + String.join("; ", report.verdict().reasons())))
                .raw("</p></div></header>\n");
    }

    private static void tiles(Html html, ReadinessScore score) {
        html.raw("<section id=\"score-tiles\"><div class=\"tiles\">");
        RunSections.tile(html, "Overall", score.overall() + "/100", "weighted over " + score.weightTotal());
        for (ReadinessScore.CategoryScore c : score.categories()) {
            RunSections.tile(
                    html, c.category().label(), c.score() + "/100", "weight " + c.weight() + ", −" + c.deducted());
        }
        html.raw("</div></section>\n");
    }

    private static void findings(Html html, Severity severity, List<Finding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        html.raw("<section class=\"findings\" id=\"" + severity.label() + "\"><h2>")
                .text(severity.name() + " (" + findings.size() + ")")
                .raw("</h2>");
        for (Finding f : findings) {
            html.raw("<h3><span class=\"" + (severity == Severity.CRITICAL ? "bad" : "neutral") + "\">")
                    .text(f.ruleId())
                    .raw("</span> ")
                    .text(f.title())
                    .raw("</h3><table class=\"pairs\"><tbody>");
            for (Evidence e : f.evidence()) {
                html.pair("Evidence", e.setting() + "  (" + e.where() + ")");
            }
            html.pair("Why", f.why())
                    .raw("<tr><th scope=\"row\">Fix</th><td><pre><code>")
                    .text(f.fix())
                    .raw("</code></pre></td></tr></tbody></table>");
        }
        html.raw("</section>\n");
    }

    private static void score(Html html, ReadinessScore score) {
        html.raw("<section id=\"score\"><h2>Score</h2><p class=\"note\">")
                .text("Each checked category starts at 100 and loses 40 points per critical finding and 10 per"
                        + " warning (info costs nothing), down to 0. The overall score is the weighted mean of the"
                        + " checked categories, rounded half up: "
                        + score.categories().stream()
                                .map(c -> c.weight() + "×" + c.score())
                                .collect(Collectors.joining(" + ", "(", ")"))
                        + " / " + score.weightTotal() + " = " + score.overall() + ".")
                .raw("</p><table class=\"grid\"><thead>")
                .headRow("Category", "Weight", "Score", "Deductions")
                .raw("</thead><tbody>");
        for (ReadinessScore.CategoryScore c : score.categories()) {
            // the deductions start with a minus sign; written as text, not as a right-aligned unbreakable number
            html.raw("<tr>")
                    .cell(c.category().label())
                    .cell(String.valueOf(c.weight()))
                    .cell(c.score() + "/100")
                    .raw("<td>")
                    .text(
                            c.deductions().isEmpty()
                                    ? "none"
                                    : c.deductions().stream()
                                            .map(d -> "−" + d.points() + " " + d.ruleId() + " ("
                                                    + d.severity().label() + ")")
                                            .collect(Collectors.joining(", ")))
                    .raw("</td></tr>");
        }
        for (ReadinessScore.NotChecked n : score.notChecked()) {
            html.row(n.category().label(), "–", "not checked", n.reason());
        }
        html.raw("</tbody></table></section>\n");
    }

    private static void inputs(Html html, ReadinessReport report) {
        ReadinessReport.Inputs in = report.inputs();
        html.raw("<section id=\"inputs\"><h2>Inputs</h2><table class=\"pairs\"><tbody>")
                .pair("Environment", report.environment().label())
                .pair("Producer config", orNone(in.producerConfig()))
                .pair("Consumer config", orNone(in.consumerConfig()))
                .pair("Cluster", orNone(in.bootstrap()))
                .pair("Topics", in.topics().isEmpty() ? "all" : String.join(", ", in.topics()))
                .pair("Expected rate", in.expectedRate() == null ? "not stated" : Format.rate(in.expectedRate()))
                .pair(
                        "Processing time",
                        in.processingTimeMillis() == null ? "not stated" : in.processingTimeMillis() + " ms per poll")
                .pair("Host and JVM", orNone(in.resources()))
                .pair("Quick benchmark", in.quickBench() ? "ran" : "not run")
                .raw("</tbody></table>");
        if (!report.warnings().isEmpty()) {
            html.raw("<h3>Warnings from reading the inputs</h3><ul class=\"notices\">");
            report.warnings().forEach(w -> html.raw("<li>").text(w).raw("</li>"));
            html.raw("</ul>");
        }
        html.raw("</section>\n");
    }

    private static String orNone(String value) {
        return value == null ? "none" : value;
    }
}
