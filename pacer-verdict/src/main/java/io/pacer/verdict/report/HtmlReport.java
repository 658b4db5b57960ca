package io.pacer.verdict.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.load.RunResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.kafka.tune.TuneResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTML report: one self-contained file a person opens in any browser, with no network, and attaches to a
 * release ticket — the verdict, a summary table, every gate with its measured value and bound, per scenario the
 * throughput and latency over time, the latency percentile distribution (HdrHistogram's plot), a capacity search's
 * latency-against-rate curve, the environment and settings, and the cost per million operations when an instance
 * price is given. Charts are drawn by uPlot, inlined; everything taken from a result is escaped.
 *
 * <p>For {@code pacer report}, {@code pacer full --html} and {@code pacer compare --html}. A result with 3,600
 * intervals (an hour) renders in well under a second into well under 2 MB ({@code bench/report.sh} measures it).
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** Writes the report of one run to {@code out} (UTF-8), replacing it. */
    public static void write(RunResult run, Path out, ReportOptions options) throws IOException {
        writeFile(out, render(run, options, Instant.now()));
    }

    /** Writes the report of a suite run to {@code out} (UTF-8), replacing it. */
    public static void write(SuiteResult suite, Path out, ReportOptions options) throws IOException {
        writeFile(out, render(suite, options, Instant.now()));
    }

    /**
     * Writes the before/after report of two runs: the comparison's {@code rows}, then both runs' throughput, latency
     * and percentile distribution overlaid.
     */
    public static void comparison(
            RunResult before, RunResult after, List<ComparisonRow> rows, Path out, ReportOptions options)
            throws IOException {
        writeFile(out, renderComparison(before, after, rows, options, Instant.now()));
    }

    /**
     * Writes the before/after report of two suite runs: per scenario that both ran, its rows (by scenario name in
     * {@code rowsByScenario}) and its overlaid charts.
     */
    public static void comparison(
            SuiteResult before,
            SuiteResult after,
            Map<String, List<ComparisonRow>> rowsByScenario,
            Path out,
            ReportOptions options)
            throws IOException {
        writeFile(out, renderComparison(before, after, rowsByScenario, options, Instant.now()));
    }

    /**
     * Writes the page of a {@code pacer kafka tune} run: the winner and its confirmation beside Kafka's defaults,
     * every candidate on the throughput/p99 plane with the Pareto front, every run.
     */
    public static void write(TuneResult tune, Path out) throws IOException {
        writeFile(out, render(tune, Instant.now()));
    }

    /** The page of a tune run as HTML text, made at {@code now}. */
    public static String render(TuneResult tune, Instant now) {
        return TunePage.render(Objects.requireNonNull(tune, "tune"), Objects.requireNonNull(now, "now"));
    }

    /** The report of one run as HTML text, made at {@code now}. */
    public static String render(RunResult run, ReportOptions options, Instant now) {
        return render(Subject.of(run), options, now);
    }

    /** The report of a suite run as HTML text, made at {@code now}. */
    public static String render(SuiteResult suite, ReportOptions options, Instant now) {
        return render(Subject.of(suite), options, now);
    }

    /**
     * The scripts a report with charts ({@link #render(RunResult, ReportOptions, Instant)}, {@code renderComparison})
     * runs, exactly as it inlines them: a server that serves reports under a Content-Security-Policy allows exactly
     * these by their hashes, and no other inline script.
     */
    public static List<String> inlineScripts() {
        return List.of(Assets.UPLOT_JS, Assets.REPORT_JS);
    }

    /** The before/after report of two runs as HTML text. */
    public static String renderComparison(
            RunResult before, RunResult after, List<ComparisonRow> rows, ReportOptions options, Instant now) {
        return ComparisonPage.render(
                List.of(new ComparisonPage.Pair(before.driver(), before, after, rows)), options, now);
    }

    /** The before/after report of two suite runs as HTML text. */
    public static String renderComparison(
            SuiteResult before,
            SuiteResult after,
            Map<String, List<ComparisonRow>> rowsByScenario,
            ReportOptions options,
            Instant now) {
        return ComparisonPage.render(ComparisonPage.pairs(before, after, rowsByScenario), options, now);
    }

    /**
     * Writes the report of a suite run compared with a baseline suite ({@code pacer full --baseline --html}): the
     * whole suite report, and after its scenarios a comparison part — per scenario both ran, the comparison's rows (by
     * scenario name in {@code rowsByScenario}) and both runs overlaid. The header says REGRESSED when every gate
     * passed but a metric regressed.
     */
    public static void write(
            SuiteResult suite,
            SuiteResult baseline,
            Map<String, List<ComparisonRow>> rowsByScenario,
            Path out,
            ReportOptions options)
            throws IOException {
        writeFile(out, render(suite, baseline, rowsByScenario, options, Instant.now()));
    }

    /** The report of a suite run compared with a baseline suite as HTML text, made at {@code now}. */
    public static String render(
            SuiteResult suite,
            SuiteResult baseline,
            Map<String, List<ComparisonRow>> rowsByScenario,
            ReportOptions options,
            Instant now) {
        Objects.requireNonNull(baseline, "baseline");
        return render(Subject.of(suite), ComparisonPage.pairs(baseline, suite, rowsByScenario), options, now);
    }

    static String render(Subject subject, ReportOptions options, Instant now) {
        return render(subject, null, options, now);
    }

    /** The report of {@code subject}; with {@code compared} (null for none), its comparison with a baseline too. */
    private static String render(
            Subject subject, List<ComparisonPage.Pair> compared, ReportOptions options, Instant now) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(now, "now");
        String title = RunSections.title(subject, options);
        Html body = new Html(64 * 1024);
        RunSections.header(body, subject, title, compared == null ? null : ComparisonPage.regressed(compared));
        body.raw("<main>\n");
        RunSections.summary(body, subject);
        RunSections.gates(body, subject);
        ArrayNode runs = JsonNodeFactory.instance.arrayNode();
        List<ScenarioResult> scenarios = subject.scenarios();
        int points = ChartData.pointsPerRun(scenarios.size() + (compared == null ? 0 : compared.size()));
        for (int i = 0; i < scenarios.size(); i++) {
            RunSections.scenario(body, i, scenarios.get(i));
            runs.add(ChartData.of(scenarios.get(i).run(), scenarios.get(i).capacity(), points));
        }
        if (compared != null) {
            comparison(body, compared, scenarios, runs, points);
        }
        if (options.instancePricePerHour() != null) {
            ContextSections.cost(body, scenarios, options.instancePricePerHour());
        }
        ContextSections.environment(body, scenarios);
        body.raw("</main>\n");
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("runs", runs);
        return Page.document(title, body.toString(), ChartData.toScriptJson(data), toolVersion(scenarios), now);
    }

    /** The comparison part: the baseline's runs join the chart data, each overlaid with its scenario's run. */
    private static void comparison(
            Html body, List<ComparisonPage.Pair> pairs, List<ScenarioResult> scenarios, ArrayNode runs, int points) {
        long regressed = ComparisonPage.regressed(pairs);
        body.raw("<section id=\"comparison\"><h2>Compared with the baseline</h2><p class=\"note\">")
                .text(pairs.size() + (pairs.size() == 1 ? " scenario" : " scenarios") + " compared, "
                        + pairs.stream().mapToLong(p -> p.rows().size()).sum() + " metrics, " + regressed
                        + " regressed" + (regressed == 0 ? ": no regression beyond the tolerance." : "."))
                .raw("</p></section>\n");
        for (ComparisonPage.Pair pair : pairs) {
            int after = 0;
            while (!scenarios.get(after).name().equals(pair.name())) {
                after++;
            }
            runs.add(ChartData.of(pair.before(), null, points));
            ComparisonPage.section(body, pair, runs.size() - 1, after);
        }
    }

    static String toolVersion(List<ScenarioResult> scenarios) {
        return scenarios.stream()
                .filter(s -> s.run() != null)
                .map(s -> s.run().toolVersion())
                .filter(Objects::nonNull)
                .findFirst()
                .orElse("dev");
    }

    private static void writeFile(Path out, String html) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, html, StandardCharsets.UTF_8);
    }
}
