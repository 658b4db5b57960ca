package io.pacer.verdict.report;

import io.pacer.load.RecordAccounting;
import io.pacer.load.RunResult;
import io.pacer.metrics.Percentiles;
import io.pacer.verdict.CapacityResult;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a run or suite report about results: the header, the summary, the gates and one part per scenario. */
final class RunSections {

    private static final int MAX_LABEL_ROWS = 50;
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|==|!=|<|>|=)");

    private RunSections() {}

    static String title(Subject subject, ReportOptions options) {
        if (options.title() != null) {
            return options.title();
        }
        return subject.kind().equals("suite") ? "Pacer suite: " + subject.name() : "Pacer run: " + subject.name();
    }

    /**
     * The verdict and the counts; {@code regressed} is how many metrics regressed against a baseline, null when the
     * report compares with none. Failed gates say FAILED; else a regression says REGRESSED.
     */
    static void header(Html html, Subject subject, String title, Long regressed) {
        boolean passed = subject.passed();
        html.raw("<header class=\"top\"><div class=\"verdict ")
                .raw(
                        !passed
                                ? "fail\">FAILED"
                                : regressed != null && regressed > 0 ? "fail\">REGRESSED" : "pass\">PASSED")
                .raw("</div><div><h1>")
                .text(title)
                .raw("</h1><p class=\"sub\">");
        StringBuilder sub = new StringBuilder();
        sub.append(subject.scenarios().size()).append(subject.scenarios().size() == 1 ? " scenario" : " scenarios");
        long gates = subject.gateCount();
        sub.append(" · ").append(gates).append(gates == 1 ? " gate" : " gates");
        sub.append(", ").append(subject.failedGates()).append(" failed");
        if (subject.scenariosNotRun() > 0) {
            sub.append(" · ").append(subject.scenariosNotRun()).append(" could not run");
        }
        if (regressed != null) {
            sub.append(" · against the baseline ").append(regressed).append(" regressed");
        }
        if (subject.startedAt() != null) {
            sub.append(" · ").append(Format.instant(subject.startedAt()));
            if (subject.finishedAt() != null) {
                sub.append(" to ")
                        .append(Format.instant(subject.finishedAt()))
                        .append(" (")
                        .append(Format.duration(Duration.between(subject.startedAt(), subject.finishedAt())
                                .toMillis()))
                        .append(')');
            }
        }
        html.text(sub.toString()).raw("</p></div></header>\n");
    }

    static void summary(Html html, Subject subject) {
        html.raw("<section id=\"summary\"><h2>Summary</h2><table class=\"grid\"><thead>")
                .headRow(
                        "Scenario",
                        "Result",
                        "Throughput",
                        "p50",
                        "p95",
                        "p99",
                        "p99.9",
                        "max",
                        "Errors",
                        "Operations",
                        "Measured")
                .raw("</thead><tbody>");
        for (int i = 0; i < subject.scenarios().size(); i++) {
            ScenarioResult scenario = subject.scenarios().get(i);
            html.raw("<tr><td><a href=\"#scenario-" + i + "\">")
                    .text(scenario.name())
                    .raw("</a></td><td>")
                    .mark(scenario.passed())
                    .raw("</td>");
            RunResult run = scenario.run();
            if (run == null) {
                html.raw("<td colspan=\"9\" class=\"bad\">could not run: ")
                        .text(scenario.error())
                        .raw("</td></tr>");
                continue;
            }
            Percentiles latency = run.latency();
            html.cell(Format.rate(run.rates().operationsPerSecond()))
                    .cell(Format.latency(latency.p50()))
                    .cell(Format.latency(latency.p95()))
                    .cell(Format.latency(latency.p99()))
                    .cell(Format.latency(latency.p999()))
                    .cell(Format.latency(latency.max()))
                    .cell(Format.percent(errorRate(run)))
                    .cell(Format.count(run.counts().operations()))
                    .cell(Format.duration(run.rates().measuredMillis()))
                    .raw("</tr>");
        }
        html.raw("</tbody></table></section>\n");
    }

    static void gates(Html html, Subject subject) {
        html.raw("<section id=\"gates\"><h2>Gates</h2>");
        if (subject.gateCount() == 0 && subject.scenariosNotRun() == 0) {
            html.raw("<p class=\"note\">No gates were set.</p></section>\n");
            return;
        }
        html.raw("<table class=\"grid gates\"><thead>")
                .headRow("Scenario", "Gate", "Label", "Measured", "Bound", "Result")
                .raw("</thead><tbody>");
        for (ScenarioResult scenario : subject.scenarios()) {
            if (scenario.error() != null) {
                html.raw("<tr class=\"failed\"><td>")
                        .text(scenario.name())
                        .raw("</td><td colspan=\"4\">could not run: ")
                        .text(scenario.error())
                        .raw("</td><td><span class=\"bad\">✗ error</span></td></tr>");
            }
            for (GateResult gate : scenario.gates()) {
                html.raw(gate.passed() ? "<tr>" : "<tr class=\"failed\">")
                        .cell(scenario.name())
                        .raw("<td><code>")
                        .text(gate.gate())
                        .raw("</code></td>")
                        .cell(gate.label() == null ? "all operations" : gate.label())
                        .cell(gate.measured() == null ? "not measured" : Format.inUnit(gate.measured(), gate.unit()))
                        .cell(bound(gate))
                        .raw("<td>")
                        .mark(gate.passed())
                        .raw("</td></tr>");
            }
        }
        html.raw("</tbody></table></section>\n");
    }

    /** One scenario: its key figures, its charts, its capacity search, its errors and notices. */
    static void scenario(Html html, int index, ScenarioResult scenario) {
        html.raw("<section class=\"scenario\" id=\"scenario-" + index + "\"><h2>")
                .text(scenario.name())
                .raw(" ");
        if (!scenario.driver().equals(scenario.name())) {
            html.raw("<span class=\"driver\">").text(scenario.driver()).raw("</span> ");
        }
        html.mark(scenario.passed()).raw("</h2>");
        if (scenario.error() != null) {
            html.raw("<p class=\"error\">Could not run: ")
                    .text(scenario.error())
                    .raw("</p>");
        }
        RunResult run = scenario.run();
        if (run != null) {
            tiles(html, run);
        }
        html.raw("<div class=\"charts\">");
        if (run != null) {
            chart(html, index, "throughput", "Throughput over time", "operations/s completed, and the target rate");
            chart(html, index, "latency", "Latency over time", "p50, p99 and max per interval, ms");
            chart(html, index, "percentiles", "Latency by percentile", "the HdrHistogram percentile plot, ms");
        }
        if (scenario.capacity() != null) {
            chart(html, index, "capacity", "Capacity search", "latency and throughput against the offered rate");
        }
        html.raw("</div>");
        if (scenario.capacity() != null) {
            capacity(html, scenario.capacity());
        }
        if (run != null) {
            labels(html, run);
            errorsAndNotices(html, run);
        }
        html.raw("</section>\n");
    }

    private static void tiles(Html html, RunResult run) {
        Percentiles latency = run.latency();
        html.raw("<div class=\"tiles\">");
        tile(html, "Throughput", Format.rate(run.rates().operationsPerSecond()), target(run));
        tile(html, "p50", Format.latency(latency.p50()), "median");
        tile(html, "p99", Format.latency(latency.p99()), "p99.9 " + Format.latency(latency.p999()));
        tile(html, "max", Format.latency(latency.max()), "mean " + Format.millis(latency.mean() / 1000) + " ms");
        tile(
                html,
                "Errors",
                Format.percent(errorRate(run)),
                Format.count(run.counts().failed()) + " of "
                        + Format.count(run.counts().operations()));
        tile(
                html,
                "Measured",
                Format.duration(run.rates().measuredMillis()),
                "warm-up " + Format.duration(run.warmup().durationMillis()) + " ("
                        + run.warmup().ended() + ")");
        html.raw("</div>");
    }

    private static String target(RunResult run) {
        if (run.rates().targetRate() > 0) {
            return "target " + Format.rate(run.rates().targetRate());
        }
        return run.settings().pacing() + " pacing";
    }

    static void tile(Html html, String name, String value, String detail) {
        html.raw("<div class=\"tile\"><div class=\"name\">")
                .text(name)
                .raw("</div><div class=\"value\">")
                .text(value)
                .raw("</div><div class=\"detail\">")
                .text(detail)
                .raw("</div></div>");
    }

    private static void chart(Html html, int scenario, String kind, String title, String caption) {
        html.raw("<figure class=\"chart\"><figcaption><b>")
                .text(title)
                .raw("</b> ")
                .text(caption)
                .raw("</figcaption><div class=\"plot\" data-chart=\"" + kind + "\" data-scenario=\"" + scenario
                        + "\"></div></figure>");
    }

    private static void capacity(Html html, CapacityResult capacity) {
        html.raw("<p class=\"capacity\">Capacity <b>")
                .text(
                        capacity.capacityPerSecond() > 0
                                ? Format.rate(capacity.capacityPerSecond())
                                : "none: no step met every gate")
                .raw("</b> · knee ")
                .text(capacity.kneePerSecond() == null ? "not reached" : Format.rate(capacity.kneePerSecond()))
                .raw(" · limited by <b>")
                .text(capacity.limitedBy())
                .raw("</b></p><table class=\"grid\"><thead>")
                .headRow("Offered", "Achieved", "Throughput", "p50", "p99", "p99.9", "Errors", "Generator", "Gates")
                .raw("</thead><tbody>");
        for (CapacityResult.Step step : capacity.steps()) {
            html.raw(step.passed() ? "<tr>" : "<tr class=\"failed\">")
                    .cell(Format.rate(step.targetPerSecond()))
                    .cell(Format.rate(step.achievedPerSecond()))
                    .cell(Format.rate(step.throughputPerSecond()))
                    .cell(Format.latency(step.latency().p50()))
                    .cell(Format.latency(step.latency().p99()))
                    .cell(Format.latency(step.latency().p999()))
                    .cell(Format.percent(step.errorRate()))
                    .cell(step.generatorBehind() ? "behind schedule" : "on schedule")
                    .raw("<td>")
                    .mark(step.passed())
                    .raw("</td></tr>");
        }
        html.raw("</tbody></table>");
    }

    /** Per operation label (HTTP endpoint, ...), the busiest first; at most {@value #MAX_LABEL_ROWS} rows. */
    private static void labels(Html html, RunResult run) {
        List<Map.Entry<String, RunResult.LabelSummary>> labels = run.labels().entrySet().stream()
                .filter(e -> !e.getKey().isEmpty())
                .sorted(Comparator.comparingLong((Map.Entry<String, RunResult.LabelSummary> e) ->
                                e.getValue().operations())
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList();
        if (labels.isEmpty()) {
            return;
        }
        html.raw("<table class=\"grid labels\"><thead>")
                .headRow("Label", "Operations", "Failed", "p50", "p95", "p99", "p99.9", "max")
                .raw("</thead><tbody>");
        for (Map.Entry<String, RunResult.LabelSummary> e : labels.subList(0, Math.min(MAX_LABEL_ROWS, labels.size()))) {
            RunResult.LabelSummary label = e.getValue();
            Percentiles latency = label.latency();
            html.raw(label.failed() > 0 ? "<tr class=\"failed\"><td>" : "<tr><td>")
                    .text(e.getKey())
                    .raw("</td>")
                    .cell(Format.count(label.operations()))
                    .cell(Format.count(label.failed()))
                    .cell(Format.latency(latency.p50()))
                    .cell(Format.latency(latency.p95()))
                    .cell(Format.latency(latency.p99()))
                    .cell(Format.latency(latency.p999()))
                    .cell(Format.latency(latency.max()))
                    .raw("</tr>");
        }
        html.raw("</tbody></table>");
        if (labels.size() > MAX_LABEL_ROWS) {
            html.raw("<p class=\"note\">")
                    .text((labels.size() - MAX_LABEL_ROWS) + " more labels are in the result file.")
                    .raw("</p>");
        }
    }

    private static void errorsAndNotices(Html html, RunResult run) {
        html.raw("<div class=\"columns\">");
        if (run.accounting() != null) {
            RecordAccounting records = run.accounting();
            html.raw("<table class=\"grid small\"><thead>")
                    .headRow("Records followed end to end", "Count")
                    .raw("</thead><tbody>");
            countRow(html, "issued", records.issued(), false);
            countRow(html, "received", records.received(), false);
            countRow(html, "lost", records.lost(), records.lost() > 0);
            countRow(html, "duplicated", records.duplicated(), records.duplicated() > 0);
            countRow(html, "unknown", records.unknown(), false);
            html.raw("</tbody></table>");
        }
        if (!run.driverSummary().isEmpty()) {
            html.raw("<table class=\"grid small\"><thead>")
                    .headRow("Driver figures", "Value")
                    .raw("</thead><tbody>");
            new TreeMap<>(run.driverSummary())
                    .forEach((name, value) -> html.raw("<tr><td>")
                            .text(name)
                            .raw("</td>")
                            .cell(Format.number(value))
                            .raw("</tr>"));
            html.raw("</tbody></table>");
        }
        if (!run.errors().isEmpty()) {
            html.raw("<table class=\"grid small\"><thead>")
                    .headRow("Failed operations by status", "Count")
                    .raw("</thead><tbody>");
            run.errors().entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .forEach(e -> html.raw("<tr><td>")
                            .text(e.getKey())
                            .raw("</td>")
                            .cell(Format.count(e.getValue()))
                            .raw("</tr>"));
            html.raw("</tbody></table>");
        }
        html.raw("</div>");
        List<String> notices = run.notices();
        if (!notices.isEmpty()) {
            html.raw("<ul class=\"notices\">");
            notices.forEach(n -> html.raw("<li>").text(n).raw("</li>"));
            html.raw("</ul>");
        }
    }

    private static void countRow(Html html, String name, long count, boolean bad) {
        html.raw(bad ? "<tr class=\"failed\"><td>" : "<tr><td>")
                .text(name)
                .raw("</td>")
                .cell(Format.count(count))
                .raw("</tr>");
    }

    /** The bound with the comparison the gate was written with: {@code < 500 ms}, {@code >= 1,000/s}. */
    static String bound(GateResult gate) {
        Matcher comparison = COMPARISON.matcher(gate.gate());
        String bound = Format.inUnit(gate.bound(), gate.unit());
        return comparison.find() ? comparison.group(1).replace("==", "=") + " " + bound : bound;
    }

    static double errorRate(RunResult run) {
        long operations = run.counts().operations();
        return operations == 0 ? 0 : run.counts().failed() / (double) operations;
    }
}
