package io.pacer.verdict.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.load.RunResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The before/after page of {@code pacer compare --html} — the comparison's verdicts, then both runs overlaid — and the
 * same sections inside a suite report compared with a baseline ({@code pacer full --baseline --html}).
 */
final class ComparisonPage {

    /** One scenario (or a single run) measured twice. */
    record Pair(String name, RunResult before, RunResult after, List<ComparisonRow> rows) {
        Pair {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            rows = List.copyOf(rows);
        }
    }

    private ComparisonPage() {}

    /**
     * Each scenario of {@code after} that ran, paired with the scenario of the same name in {@code before} that ran,
     * with its rows from {@code rowsByScenario}; in the result's order.
     */
    static List<Pair> pairs(SuiteResult before, SuiteResult after, Map<String, List<ComparisonRow>> rowsByScenario) {
        Objects.requireNonNull(rowsByScenario, "rowsByScenario");
        List<Pair> pairs = new ArrayList<>();
        for (ScenarioResult a : after.scenarios()) {
            before.scenarios().stream()
                    .filter(b -> a.run() != null && b.run() != null && b.name().equals(a.name()))
                    .findFirst()
                    .ifPresent(b -> pairs.add(
                            new Pair(a.name(), b.run(), a.run(), rowsByScenario.getOrDefault(a.name(), List.of()))));
        }
        return pairs;
    }

    /** How many of the pairs' rows regressed. */
    static long regressed(List<Pair> pairs) {
        return pairs.stream()
                .flatMap(p -> p.rows().stream())
                .filter(ComparisonRow::regressed)
                .count();
    }

    static String render(List<Pair> pairs, ReportOptions options, Instant now) {
        Objects.requireNonNull(options, "options");
        String title = options.title() != null ? options.title() : "Pacer comparison: before and after";
        long regressed = regressed(pairs);
        long rows = pairs.stream().mapToLong(p -> p.rows().size()).sum();
        Html body = new Html(32 * 1024);
        body.raw("<header class=\"top\"><div class=\"verdict ")
                .raw(regressed == 0 ? "pass\">NO REGRESSION" : "fail\">REGRESSED")
                .raw("</div><div><h1>")
                .text(title)
                .raw("</h1><p class=\"sub\">")
                .text(pairs.size() + (pairs.size() == 1 ? " scenario" : " scenarios") + " · " + rows
                        + " metrics compared, " + regressed + " regressed"
                        + (pairs.isEmpty()
                                ? ""
                                : " · before "
                                        + Format.instant(pairs.get(0)
                                                .before()
                                                .environment()
                                                .start())
                                        + ", after "
                                        + Format.instant(pairs.get(0)
                                                .after()
                                                .environment()
                                                .start())))
                .raw("</p></div></header>\n<main>\n");
        ArrayNode runs = JsonNodeFactory.instance.arrayNode();
        int points = ChartData.pointsPerRun(2 * pairs.size());
        for (int i = 0; i < pairs.size(); i++) {
            Pair pair = pairs.get(i);
            runs.add(ChartData.of(pair.before(), null, points));
            runs.add(ChartData.of(pair.after(), null, points));
            section(body, pair, 2 * i, 2 * i + 1);
        }
        body.raw("</main>\n");
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("runs", runs);
        String version = pairs.isEmpty() ? "dev" : pairs.get(0).after().toolVersion();
        return Page.document(title, body.toString(), ChartData.toScriptJson(data), version, now);
    }

    /** One pair's rows and overlaid charts; {@code before} and {@code after} index the page's chart data runs. */
    static void section(Html html, Pair pair, int before, int after) {
        html.raw("<section class=\"scenario\"><h2>").text(pair.name()).raw("</h2>");
        if (pair.rows().isEmpty()) {
            html.raw("<p class=\"note\">No metrics were compared for this scenario.</p>");
        } else {
            html.raw("<table class=\"grid\"><thead>")
                    .headRow("Metric", "Before", "After", "Change", "Verdict", "How it was decided")
                    .raw("</thead><tbody>");
            for (ComparisonRow row : pair.rows()) {
                html.raw(row.regressed() ? "<tr class=\"failed\">" : "<tr>")
                        .cell(row.metric())
                        .cell(Format.inUnit(row.before(), row.unit()))
                        .cell(Format.inUnit(row.after(), row.unit()))
                        .cell(row.changePercent() == null ? "–" : Format.change(row.changePercent()))
                        .raw("<td><span class=\"" + verdictClass(row.verdict()) + "\">")
                        .text(row.verdict())
                        .raw("</span></td>")
                        .cell(row.note())
                        .raw("</tr>");
            }
            html.raw("</tbody></table>");
        }
        html.raw("<div class=\"charts\">");
        chart(html, "cmp-throughput", "Throughput over time", "operations/s, before and after", before, after);
        chart(html, "cmp-latency", "p99 over time", "per interval, ms", before, after);
        chart(html, "cmp-percentiles", "Latency by percentile", "HdrHistogram percentile plot, ms", before, after);
        html.raw("</div>");
        figures(html, pair.before(), pair.after());
        html.raw("</section>\n");
    }

    private static String verdictClass(String verdict) {
        return switch (verdict.toLowerCase(java.util.Locale.ROOT)) {
            case "regressed" -> "bad";
            case "improved" -> "ok";
            default -> "neutral";
        };
    }

    private static void chart(Html html, String kind, String title, String caption, int before, int after) {
        html.raw("<figure class=\"chart\"><figcaption><b>")
                .text(title)
                .raw("</b> ")
                .text(caption)
                .raw("</figcaption><div class=\"plot\" data-chart=\"" + kind + "\" data-before=\"" + before
                        + "\" data-after=\"" + after + "\"></div></figure>");
    }

    private static void figures(Html html, RunResult before, RunResult after) {
        html.raw("<table class=\"grid small\"><thead>")
                .headRow("Figure", "Before", "After")
                .raw("</thead><tbody>")
                .row(
                        "Throughput",
                        Format.rate(before.rates().operationsPerSecond()),
                        Format.rate(after.rates().operationsPerSecond()))
                .row(
                        "p50",
                        Format.latency(before.latency().p50()),
                        Format.latency(after.latency().p50()))
                .row(
                        "p99",
                        Format.latency(before.latency().p99()),
                        Format.latency(after.latency().p99()))
                .row(
                        "p99.9",
                        Format.latency(before.latency().p999()),
                        Format.latency(after.latency().p999()))
                .row(
                        "max",
                        Format.latency(before.latency().max()),
                        Format.latency(after.latency().max()))
                .row(
                        "Errors",
                        Format.percent(RunSections.errorRate(before)),
                        Format.percent(RunSections.errorRate(after)))
                .row(
                        "Operations",
                        Format.count(before.counts().operations()),
                        Format.count(after.counts().operations()))
                .row(
                        "Measured",
                        Format.duration(before.rates().measuredMillis()),
                        Format.duration(after.rates().measuredMillis()))
                .row(
                        "Started",
                        Format.instant(before.environment().start()),
                        Format.instant(after.environment().start()))
                .row(
                        "Host",
                        before.environment().hostname(),
                        after.environment().hostname())
                .row(
                        "JDK",
                        before.environment().javaVersion(),
                        after.environment().javaVersion())
                .row("Pacer", before.toolVersion(), after.toolVersion())
                .raw("</tbody></table>");
    }
}
