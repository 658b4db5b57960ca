package io.pacer.verdict.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.load.IntervalStats;
import io.pacer.load.RecordAccounting;
import io.pacer.load.RunResult;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import io.pacer.verdict.SuiteResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the HTML report holds, read from its text; {@code ReportBrowserTest} checks what a browser makes of it. */
class HtmlReportTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private static final Pattern DATA =
            Pattern.compile("<script type=\"application/json\" id=\"pacer-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void aOneHourRunRendersEveryIntervalIntoWellUnderTwoMegabytes(@TempDir Path dir) throws Exception {
        RunResult hour = SyntheticRuns.run(ReportBenchmark.INTERVALS, 1_000, 42);
        Path out = dir.resolve("hour.html");

        HtmlReport.write(hour, out, ReportOptions.DEFAULT);

        assertThat(Files.size(out)).isLessThan(2L * 1024 * 1024);
        JsonNode time = data(Files.readString(out)).path("runs").path(0).path("time");
        assertThat(time.path("bucket").asInt()).isEqualTo(1);
        assertThat(time.path("t")).hasSize(3_600);
        assertThat(time.path("p99")).hasSize(3_600);
    }

    @Test
    void aDayLongRunIsDownsampledKeepingTheWorstLatencyOfEachBucket() {
        int intervals = 86_400;
        List<IntervalStats> series = new ArrayList<>(intervals);
        for (int i = 0; i < intervals; i++) {
            long p99 = i == 50_001 ? 9_000_000 : 2_000; // one 9 s stall in one second of the day
            series.add(interval(i, p99));
        }

        JsonNode time = ChartData.timeSeries(series, 0, ChartData.MAX_POINTS);

        int bucket = time.path("bucket").asInt();
        assertThat(bucket).isEqualTo((intervals + ChartData.MAX_POINTS - 1) / ChartData.MAX_POINTS);
        assertThat(time.path("t").size()).isLessThanOrEqualTo(ChartData.MAX_POINTS);
        double worst = 0;
        for (JsonNode p99 : time.path("p99")) {
            worst = Math.max(worst, p99.asDouble());
        }
        assertThat(worst).isEqualTo(9_000.0);
        // Throughput is the bucket's rate, not a sum: 1,000 operations per one-second interval is 1,000/s.
        assertThat(time.path("ops").get(0).asDouble()).isEqualTo(1_000.0);
    }

    @Test
    void aSuiteOfManyLongRunsSharesOnePointBudget() {
        assertThat(ChartData.pointsPerRun(1)).isEqualTo(ChartData.MAX_POINTS);
        assertThat(ChartData.pointsPerRun(4)).isEqualTo(ChartData.MAX_POINTS);
        assertThat(ChartData.pointsPerRun(8)).isEqualTo(ChartData.MAX_REPORT_POINTS / 8);
        assertThat(ChartData.pointsPerRun(100)).isEqualTo(ChartData.MIN_POINTS);
    }

    @Test
    void thePercentilePlotPutsEachNineAtItsPowerOfTen() {
        Histogram histogram = Histograms.latency();
        for (long ms = 1; ms <= 10_000; ms++) {
            histogram.recordValue(ms * 1000); // 1 ms .. 10 s, uniform
        }

        JsonNode curve = ChartData.curve("all", Histograms.encode(histogram));

        JsonNode x = curve.path("x");
        JsonNode y = curve.path("y");
        assertThat(x.get(0).asDouble()).isEqualTo(1.0);
        assertThat(x.get(x.size() - 1).asDouble()).isEqualTo(10_000.0); // the maximum, one in ten thousand
        assertThat(y.get(y.size() - 1).asDouble())
                .isCloseTo(10_000, org.assertj.core.data.Percentage.withPercentage(0.1));
        for (int i = 1; i < x.size(); i++) {
            assertThat(x.get(i).asDouble()).isGreaterThan(x.get(i - 1).asDouble());
            assertThat(y.get(i).asDouble()).isGreaterThanOrEqualTo(y.get(i - 1).asDouble());
        }
        // 1 / (1 - 0.99) = 100: the latency there is the 99th percentile, 9.9 s (to the histogram's 0.1 %).
        assertThat(valueAt(curve, 100)).isCloseTo(9_900, org.assertj.core.data.Percentage.withPercentage(0.2));
        assertThat(valueAt(curve, 10)).isCloseTo(9_000, org.assertj.core.data.Percentage.withPercentage(0.2));
    }

    @Test
    void everythingFromTheResultsIsEscapedInTheMarkupAndInTheData() {
        RunResult run = relabel(SyntheticRuns.run(40, 100, 3), Suites.HOSTILE);
        SuiteResult suite = Suites.mixed(run, run, Suites.capacity());

        String html = HtmlReport.render(suite, ReportOptions.DEFAULT.withTitle("Release </title><b>"), NOW);
        assertThat(data(html)
                        .path("runs")
                        .path(0)
                        .path("dist")
                        .path(1)
                        .path("name")
                        .asText())
                .isEqualTo(Suites.HOSTILE);

        assertThat(html).doesNotContain(Suites.HOSTILE).doesNotContain("<script>alert");
        assertThat(html).contains(Html.escape(Suites.HOSTILE));
        assertThat(html).contains("<title>Release &lt;/title&gt;&lt;b&gt;</title>");
        String json = dataText(html);
        assertThat(json).doesNotContain("<").doesNotContain(">").doesNotContain("&");
        assertThat(html).containsOnlyOnce("</title>");
        // Every <script> element ends where it should: one closing tag per opening tag.
        assertThat(count(html, "<script")).isEqualTo(count(html, "</script>")).isEqualTo(3);
    }

    @Test
    void theReportIsSelfContained() {
        RunResult run = SyntheticRuns.run(40, 100, 3);

        String html = HtmlReport.render(run, ReportOptions.DEFAULT, NOW);

        assertThat(html).doesNotContainPattern("(?i)<(link|img|iframe|object|embed)\\b");
        assertThat(html).doesNotContainPattern("(?i)\\bsrc\\s*=");
        assertThat(html).doesNotContainPattern("(?i)@import|url\\(\\s*['\"]?(https?:)?//");
        assertThat(html).contains("uPlot"); // the library itself, inlined
    }

    @Test
    void aSuiteReportShowsTheVerdictGatesCapacityAndEnvironment() {
        RunResult run = SyntheticRuns.run(40, 100, 3);
        SuiteResult suite = Suites.mixed(run, run, Suites.capacity());

        String html = HtmlReport.render(suite, ReportOptions.DEFAULT, NOW);

        assertThat(html).contains("<div class=\"verdict fail\">FAILED</div>");
        assertThat(html).contains("4 scenarios · 4 gates, 1 failed · 1 could not run");
        assertThat(html).contains("<code>p99&lt;20ms</code>").contains("&lt; 20 ms");
        assertThat(html).contains("could not run: cannot reach 127.0.0.1:1: Connection refused");
        assertThat(html).contains("Capacity <b>400/s</b> · knee 400/s · limited by <b>system</b>");
        assertThat(html).contains("Eclipse Adoptium 17.0.13+11").contains("bench-host");
        assertThat(html).contains("<table class=\"grid labels\">").contains("<tr><td>GET /orders</td>");
        assertThat(count(html, "data-chart=\"capacity\"")).isEqualTo(1);
        // three charts per measured scenario (three of the four ran), one capacity chart
        assertThat(count(html, "data-chart=")).isEqualTo(3 * 3 + 1);
        assertThat(html).doesNotContain("id=\"cost\"");
    }

    @Test
    void anInstancePriceAddsTheCostPerMillionOperations() {
        RunResult run = SyntheticRuns.run(40, 1_000, 3);
        SuiteResult suite = Suites.mixed(run, run, Suites.capacity());

        String html = HtmlReport.render(suite, ReportOptions.DEFAULT.withInstancePrice(0.36), NOW);

        // $0.36 an hour at 1,000 operations/s: 3.6 million operations an hour, $0.10 per million.
        assertThat(run.rates().operationsPerSecond()).isEqualTo(1_000.0);
        assertThat(html).contains("id=\"cost\"").contains("<td class=\"num\">$0.10</td>");
        // at the search's capacity, 400/s: 1.44 million an hour, $0.25 per million
        assertThat(html).contains("$0.25 at 400/s");
    }

    @Test
    void recordAccountingAndDriverFiguresAreShownWithLossesMarked() {
        RunResult r = SyntheticRuns.run(40, 100, 3);
        RunResult stream = new RunResult(
                r.schema(),
                r.toolVersion(),
                "stream",
                r.settings(),
                r.environment(),
                r.warmup(),
                r.intervals(),
                r.latency(),
                r.histogram(),
                r.labels(),
                r.counts(),
                r.errors(),
                r.statuses(),
                r.rates(),
                new RecordAccounting(1_000, 997, 3, 0, 0),
                Map.of("batch.efficiency", 0.934, "breaker.trips", 2.0),
                r.stopped(),
                r.notices());

        String html = HtmlReport.render(stream, ReportOptions.DEFAULT, NOW);

        assertThat(html)
                .contains("<tr class=\"failed\"><td>lost</td><td class=\"num\">3</td></tr>")
                .contains("<tr><td>duplicated</td><td class=\"num\">0</td></tr>")
                .contains("<tr><td>batch.efficiency</td><td class=\"num\">0.934</td></tr>")
                .contains("<tr><td>breaker.trips</td><td class=\"num\">2</td></tr>");
        // The default gates of a run that follows records include lost = 0, which this one failed.
        assertThat(html).contains("<code>lost = 0</code>");
    }

    @Test
    void aSuiteComparisonPairsScenariosByName() {
        RunResult run = SyntheticRuns.run(40, 100, 3);
        SuiteResult before = Suites.mixed(run, run, Suites.capacity());
        SuiteResult after = Suites.mixed(SyntheticRuns.run(40, 100, 5), run, Suites.capacity());
        Map<String, List<ComparisonRow>> rows =
                Map.of("stress", List.of(new ComparisonRow("p99", 3, 3.1, "ms", 3.3, "unchanged", "")));

        String html = HtmlReport.renderComparison(before, after, rows, ReportOptions.DEFAULT, NOW);

        // three scenarios ran on both sides (kafka-down ran on neither), each with both runs' data
        assertThat(data(html).path("runs")).hasSize(6);
        assertThat(count(html, "<section class=\"scenario\">")).isEqualTo(3);
        assertThat(html).contains("<div class=\"verdict pass\">NO REGRESSION</div>");
        assertThat(html).contains("No metrics were compared for this scenario.");
    }

    /** pacer full --baseline --html: the whole suite report, then the before/after of each scenario both ran. */
    @Test
    void aSuiteComparedWithABaselineKeepsItsReportAndAddsTheBeforeAndAfter() {
        RunResult run = SyntheticRuns.run(40, 100, 3);
        SuiteResult before = Suites.mixed(run, run, Suites.capacity());
        SuiteResult after = Suites.mixed(SyntheticRuns.run(40, 100, 5), run, Suites.capacity());
        Map<String, List<ComparisonRow>> rows =
                Map.of("baseline", List.of(new ComparisonRow("p99", 3, 3.6, "ms", 20.0, "regressed", "why")));

        String html = HtmlReport.render(after, before, rows, ReportOptions.DEFAULT, NOW);

        assertThat(html).as("a failed gate outranks a regression").contains("<div class=\"verdict fail\">FAILED</div>");
        assertThat(html).contains("against the baseline 1 regressed");
        assertThat(html).contains("id=\"gates\"").contains("<section id=\"comparison\"><h2>Compared with the baseline");
        // four scenarios of the result, then the baselines of the three that ran on both sides
        assertThat(data(html).path("runs")).hasSize(7);
        assertThat(count(html, "data-chart=\"cmp-")).isEqualTo(9);
        assertThat(html).contains("data-chart=\"cmp-throughput\" data-before=\"4\" data-after=\"0\"");
        assertThat(html).contains("data-chart=\"cmp-throughput\" data-before=\"6\" data-after=\"3\"");
        assertThat(html)
                .contains("<tr class=\"failed\"><td>p99</td><td class=\"num\">3 ms</td><td class=\"num\">3.6 ms</td>");
    }

    @Test
    void aRegressionWithEveryGatePassedSaysRegressedAndNoRegressionSaysPassed() {
        RunResult run = SyntheticRuns.run(40, 100, 3);
        SuiteResult suite = new SuiteResult(
                SuiteResult.SCHEMA,
                "s",
                NOW,
                NOW.plusSeconds(40),
                List.of(new io.pacer.verdict.ScenarioResult("a", "http", run, List.of(), null, null)));
        ComparisonRow worse = new ComparisonRow("p50", 1, 2, "ms", 100.0, "regressed", "");
        ComparisonRow same = new ComparisonRow("p50", 1, 1, "ms", 0.0, "unchanged", "");

        assertThat(HtmlReport.render(suite, suite, Map.of("a", List.of(worse)), ReportOptions.DEFAULT, NOW))
                .contains("<div class=\"verdict fail\">REGRESSED</div>");
        assertThat(HtmlReport.render(suite, suite, Map.of("a", List.of(same)), ReportOptions.DEFAULT, NOW))
                .contains("<div class=\"verdict pass\">PASSED</div>")
                .contains("against the baseline 0 regressed")
                .contains("no regression beyond the tolerance");
    }

    @Test
    void latenciesKeepThreeSignificantDigitsSoColumnsLineUp() {
        assertThat(Format.latency(900)).isEqualTo("0.900 ms");
        assertThat(Format.latency(2_050)).isEqualTo("2.05 ms");
        assertThat(Format.latency(12_000)).isEqualTo("12.0 ms");
        assertThat(Format.latency(1_234_567)).isEqualTo("1,235 ms");
        assertThat(Format.latency(0)).isEqualTo("0 ms");
        assertThat(Format.usd(0.1)).isEqualTo("$0.10");
        assertThat(Format.usd(0.0533333)).isEqualTo("$0.05333");
        assertThat(Format.change(-35.21)).isEqualTo("−35.2 %");
    }

    @Test
    void aPriceMustBePositive() {
        assertThatThrownBy(() -> new ReportOptions(null, -1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instance price must be a positive number of USD per hour, such as 0.192, but was -1");
    }

    @Test
    void aComparisonShowsEachRowWithItsVerdict() {
        RunResult before = SyntheticRuns.run(40, 100, 3);
        RunResult after = SyntheticRuns.run(40, 100, 4);
        List<ComparisonRow> rows = List.of(
                new ComparisonRow("throughput", 1000, 1010, "/s", 1.0, "unchanged", "Mann-Whitney U, p = 0.41"),
                new ComparisonRow("p99", 2.9, 3.4, "ms", 17.2, "regressed", "bootstrap 95 % CI [+11 %, +23 %]"));

        String html = HtmlReport.renderComparison(before, after, rows, ReportOptions.DEFAULT, NOW);

        assertThat(html).contains("<div class=\"verdict fail\">REGRESSED</div>");
        assertThat(html)
                .contains(
                        "<tr class=\"failed\"><td>p99</td><td class=\"num\">2.9 ms</td>"
                                + "<td class=\"num\">3.4 ms</td><td class=\"num\">+17.2 %</td><td><span class=\"bad\">regressed");
        assertThat(html).contains("Mann-Whitney U, p = 0.41");
        assertThat(data(html).path("runs")).hasSize(2);
        assertThat(count(html, "data-chart=\"cmp-")).isEqualTo(3);
    }

    /** {@code run} with its one label renamed. */
    static RunResult relabel(RunResult r, String label) {
        return new RunResult(
                r.schema(),
                r.toolVersion(),
                r.driver(),
                r.settings(),
                r.environment(),
                r.warmup(),
                r.intervals(),
                r.latency(),
                r.histogram(),
                Map.of(label, r.labels().values().iterator().next()),
                r.counts(),
                r.errors(),
                r.statuses(),
                r.rates(),
                r.accounting(),
                r.driverSummary(),
                r.stopped(),
                r.notices());
    }

    private static IntervalStats interval(int index, long p99) {
        return new IntervalStats(
                index,
                index * 1000L,
                1000,
                false,
                1000,
                1000,
                1000,
                0,
                1000,
                0,
                1000,
                1000,
                0,
                0,
                1000,
                0,
                new Percentiles(1000, 1000, 1000, 1500, 1800, p99, p99, p99),
                Map.of());
    }

    private static double valueAt(JsonNode curve, double x) {
        JsonNode xs = curve.path("x");
        for (int i = 0; i < xs.size(); i++) {
            if (xs.get(i).asDouble() >= x) {
                return curve.path("y").get(i).asDouble();
            }
        }
        throw new AssertionError("no point at x >= " + x);
    }

    private static String dataText(String html) {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("the data script element").isTrue();
        return m.group(1);
    }

    static JsonNode data(String html) {
        try {
            return Json.documentReader().readTree(dataText(html).getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
