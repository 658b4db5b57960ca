package io.pacer.verdict.readiness;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A readiness report as the terminal shows it: the verdict and score first, then the findings grouped by severity,
 * each with its evidence, why and fix, then the score's arithmetic and what was not checked.
 */
public final class ReadinessText {

    private ReadinessText() {}

    public static String render(ReadinessReport report) {
        StringBuilder out = new StringBuilder(4096);
        ReadinessScore score = report.score();
        out.append("Readiness: ")
                .append(report.verdict().ready() ? "READY" : "NOT READY")
                .append(" — score ")
                .append(score.overall())
                .append("/100 for ")
                .append(report.environment().label())
                .append('\n');
        out.append("  ")
                .append(count(report.count(Severity.CRITICAL), "critical", "critical"))
                .append(", ")
                .append(count(report.count(Severity.WARNING), "warning", "warnings"))
                .append(", ")
                .append(count(report.count(Severity.INFO), "info", "info"))
                .append('\n');
        for (Severity severity : Severity.values()) {
            List<Finding> findings = report.findings().stream()
                    .filter(f -> f.severity() == severity)
                    .toList();
            if (findings.isEmpty()) {
                continue;
            }
            out.append('\n')
                    .append(severity.name())
                    .append(" (")
                    .append(findings.size())
                    .append(")\n");
            for (Finding f : findings) {
                finding(out, f);
            }
        }
        if (report.findings().isEmpty()) {
            out.append("\nNo findings: every rule that could run passed.\n");
        }
        scoreLines(out, score);
        if (!report.warnings().isEmpty()) {
            out.append("\nWarnings from reading the inputs:\n");
            report.warnings().forEach(w -> out.append("  ").append(w).append('\n'));
        }
        out.append('\n');
        if (report.verdict().ready()) {
            out.append("Ready (--fail-on ")
                    .append(report.verdict().failOn().label())
                    .append(", --min-score ")
                    .append(report.verdict().minScore())
                    .append(").\n");
        } else {
            out.append("Not ready: ")
                    .append(String.join("; ", report.verdict().reasons()))
                    .append(".\n");
        }
        return out.toString();
    }

    private static void finding(StringBuilder out, Finding f) {
        out.append("  [").append(f.ruleId()).append("] ").append(f.title()).append('\n');
        for (Evidence e : f.evidence()) {
            out.append("      evidence  ")
                    .append(e.setting())
                    .append("  (")
                    .append(e.where())
                    .append(")\n");
        }
        out.append("      why       ").append(f.why()).append('\n');
        String[] fixes = f.fix().split("\n");
        for (int i = 0; i < fixes.length; i++) {
            out.append(i == 0 ? "      fix       " : "                ")
                    .append(fixes[i])
                    .append('\n');
        }
    }

    private static void scoreLines(StringBuilder out, ReadinessScore score) {
        out.append("\nScore (each category starts at 100: critical −40, warning −10, info 0; floor 0)\n");
        for (ReadinessScore.CategoryScore c : score.categories()) {
            out.append(String.format(
                    Locale.ROOT, "  %-12s %3d/100  weight %2d", c.category().label(), c.score(), c.weight()));
            if (!c.deductions().isEmpty()) {
                out.append("  ")
                        .append(c.deductions().stream()
                                .filter(d -> d.points() > 0)
                                .map(d -> "−" + d.points() + " " + d.ruleId())
                                .collect(Collectors.joining(", ")));
            }
            out.append('\n');
        }
        if (!score.categories().isEmpty()) {
            out.append(String.format(
                    Locale.ROOT,
                    "  %-12s %3d/100  = %s / %d%n",
                    "overall",
                    score.overall(),
                    score.categories().stream()
                            .map(c -> c.weight() + "×" + c.score())
                            .collect(Collectors.joining(" + ", "(", ")")),
                    score.weightTotal()));
        }
        for (ReadinessScore.NotChecked n : score.notChecked()) {
            out.append(String.format(
                    Locale.ROOT, "  %-12s not checked: %s%n", n.category().label(), n.reason()));
        }
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
