package io.pacer.verdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pacer.load.Limit;
import io.pacer.load.LoadEngine;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import io.pacer.load.http.HttpDrivers;
import io.pacer.load.http.HttpSettings;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.testing.ReportPage;
import io.pacer.verdict.CapacityResult;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.SuiteComparison;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;

/**
 * The reports opened in a real headless Chromium: every chart drew (its canvas holds pixels of the series colour),
 * nothing was logged to the console, nothing was fetched from anywhere, and a screenshot is saved under
 * {@code target/screenshots/} for a person to look at. The results are real: HTTP runs against a JDK server in
 * this JVM that serves one request at a time for about 2 ms each, so its latency turns a few hundred requests a
 * second in.
 */
@ExtendWith(ChromiumExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReportBrowserTest {

    private static final double[] STEPS = {50, 100, 200, 400, 800};
    private static final double P99_BOUND_MS = 200;
    private static final Path OUT = Path.of("target", "reports");

    private static HttpServer server;
    private static ExecutorService serverThread;
    private static List<RunResult> steps;

    @BeforeAll
    static void measure() throws Exception {
        // Without TCP_NODELAY the JDK server's headers and body meet delayed ACKs: 40 ms per response.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        serverThread = Executors.newSingleThreadExecutor();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        server.createContext("/orders", exchange -> {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // the service time of the system under test
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(serverThread);
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/orders");
        steps = new ArrayList<>();
        run(url, STEPS[1]); // warms the JIT, the client's connections and the server; not reported
        for (double rate : STEPS) {
            steps.add(run(url, rate));
        }
    }

    private static RunResult run(URI url, double rate) throws InterruptedException {
        Workload workload = Workload.of(Pacing.open(rate), 10, Limit.duration(Duration.ofSeconds(2)))
                .withWarmup(Warmup.fixed(Duration.ofMillis(400)))
                .withInterval(Duration.ofMillis(200));
        return LoadEngine.run(
                workload,
                HttpDrivers.http(HttpSettings.of(List.of(url))),
                RunListener.NONE,
                Map.of("url", url.toString(), "step", Double.toString(rate)));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
            serverThread.shutdownNow();
        }
    }

    @Test
    void theSuiteReportDrawsEveryChartWithoutErrorsOrNetwork(Browser browser) throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("suite.html");
        HtmlReport.write(suite(), page, ReportOptions.DEFAULT.withInstancePrice(0.192));

        ReportPage shown = ReportPage.open(browser, page);
        int charts = shown.charts();

        assertThat(charts)
                .as("charts: 3 per measured scenario (2) and a capacity chart")
                .isEqualTo(7);
        assertDrawn(browser, shown, charts);
        browser.screenshot("report-suite");
    }

    /** pacer full --baseline --html: the suite's charts and, per scenario both ran, the overlaid ones. */
    @Test
    void theSuiteReportComparedWithABaselineDrawsBoth(Browser browser) throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("suite-compared.html");
        SuiteResult suite = suite();
        SuiteComparison comparison = Comparisons.compare(suite, suite, 0.05);
        HtmlReport.write(suite, suite, ComparisonRows.of(comparison), page, ReportOptions.DEFAULT);

        ReportPage shown = ReportPage.open(browser, page);
        int charts = shown.charts();

        assertThat(comparison.scenarios()).hasSize(2);
        assertThat(charts)
                .as("the suite's 7 charts and 3 overlaid per compared scenario")
                .isEqualTo(13);
        assertThat(shown.count("[data-chart^='cmp-']")).isEqualTo(6);
        assertDrawn(browser, shown, charts);
        browser.screenshot("report-suite-compared");
    }

    @Test
    void aSingleRunReportDraws(Browser browser) throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("run.html");
        HtmlReport.write(steps.get(1), page, ReportOptions.DEFAULT);

        ReportPage shown = ReportPage.open(browser, page);
        int charts = shown.charts();

        assertThat(charts).isEqualTo(3);
        assertDrawn(browser, shown, charts);
        browser.screenshot("report-run");
    }

    @Test
    void theComparisonReportDraws(Browser browser) throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("comparison.html");
        RunResult before = steps.get(0);
        RunResult after = steps.get(1);
        double p99Before = before.latency().p99() / 1000.0;
        double p99After = after.latency().p99() / 1000.0;
        HtmlReport.comparison(
                before,
                after,
                List.of(
                        new ComparisonRow(
                                "throughput",
                                before.rates().operationsPerSecond(),
                                after.rates().operationsPerSecond(),
                                "/s",
                                100
                                        * (after.rates().operationsPerSecond()
                                                        / before.rates().operationsPerSecond()
                                                - 1),
                                "improved",
                                "shown here as the compare command would hand it over"),
                        new ComparisonRow(
                                "p99", p99Before, p99After, "ms", 100 * (p99After / p99Before - 1), "unchanged", "")),
                page,
                ReportOptions.DEFAULT);

        ReportPage shown = ReportPage.open(browser, page);
        int charts = shown.charts();

        assertThat(charts).isEqualTo(3);
        assertDrawn(browser, shown, charts);
        browser.screenshot("report-comparison");
    }

    /** An hour of one-second intervals: 3,600 points per time series, drawn without errors. */
    @Test
    void aOneHourReportDraws(Browser browser) throws Exception {
        Files.createDirectories(OUT);
        Path page = OUT.resolve("hour.html");
        HtmlReport.write(SyntheticRuns.run(ReportBenchmark.INTERVALS, 1_000, 42), page, ReportOptions.DEFAULT);

        ReportPage shown = ReportPage.open(browser, page);
        int charts = shown.charts();

        assertThat(charts).isEqualTo(3);
        assertDrawn(browser, shown, charts);
        System.out.printf(
                "one-hour report: %d bytes, charts drawn in %.0f ms%n",
                Files.size(page), ((Number) browser.script("return window.pacerDrawMillis;")).doubleValue());
        browser.screenshot("report-hour");
    }

    /** A run that measured nothing (no interval, an empty histogram) and a search of one failed step still draw. */
    @Test
    void emptyResultsDrawWithoutErrors(Browser browser) throws Exception {
        RunResult r = steps.get(0);
        RunResult empty = new RunResult(
                r.schema(),
                r.toolVersion(),
                r.driver(),
                r.settings(),
                r.environment(),
                r.warmup(),
                List.of(),
                Percentiles.EMPTY,
                Histograms.encode(Histograms.latency()),
                Map.of(),
                RunResult.Counts.ZERO,
                Map.of(),
                Map.of(),
                r.rates(),
                null,
                Map.of(),
                true,
                List.of());
        CapacityResult none = new CapacityResult(
                0, null, "system", List.of(new CapacityResult.Step(100, 100, 0, Percentiles.EMPTY, 1, false, false)));
        SuiteResult suite = new SuiteResult(
                SuiteResult.SCHEMA,
                "empty",
                null,
                null,
                List.of(new ScenarioResult("nothing", "http", empty, List.of(), none, null)));
        Files.createDirectories(OUT);
        Path page = OUT.resolve("empty.html");
        HtmlReport.write(suite, page, ReportOptions.DEFAULT);

        ReportPage shown = ReportPage.open(browser, page);
        int charts = shown.charts();

        assertThat(charts).isEqualTo(4);
        assertThat(browser.consoleErrors()).isEmpty();
        // the three time and percentile charts say they are empty; the search's one step is a point
        assertThat(browser.script("return document.querySelectorAll('.plot.empty').length;"))
                .isEqualTo(3L);
        browser.screenshot("report-empty");
    }

    /** The checks above mean something only if the fixture sees an error when there is one. */
    @Test
    void theBrowserReportsAPageThatFailed(Browser browser, WebDriver driver, @TempDir Path dir) throws Exception {
        Path page = dir.resolve("broken.html");
        Files.writeString(
                page,
                "<!DOCTYPE html><html><body><script>console.error('drawn badly');"
                        + " undefinedFunction();</script></body></html>");

        browser.open(page);

        assertThat(browser.consoleErrors())
                .anySatisfy(e -> assertThat(e).contains("drawn badly"))
                .anySatisfy(e -> assertThat(e).contains("undefinedFunction"));
        assertThat(driver).as("the same browser, as Selenium sees it").isSameAs(browser.driver());
        assertThat(driver.getCurrentUrl()).endsWith("/broken.html");
    }

    private static void assertDrawn(Browser browser, ReportPage page, int charts) {
        assertThat(page.seriesPixels())
                .as("one canvas per chart, each with pixels of its first series")
                .hasSize(charts)
                .allSatisfy(n -> assertThat(n).isGreaterThan(100));
        assertThat(page.legends()).isEqualTo(charts);
        assertThat(page.fetched())
                .as("nothing fetched: the page is self-contained")
                .isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** Around the real runs: a baseline, the steps as a capacity search, and a scenario that could not run. */
    private static SuiteResult suite() {
        List<CapacityResult.Step> searched = new ArrayList<>();
        double capacity = 0;
        Double knee = null;
        String limitedBy = "none";
        RunResult lastPassing = steps.get(0);
        long firstP99 = Math.max(1, steps.get(0).latency().p99());
        for (int i = 0; i < steps.size(); i++) {
            RunResult run = steps.get(i);
            boolean passed = run.counts().failed() == 0 && run.latency().p99() / 1000.0 < P99_BOUND_MS;
            searched.add(new CapacityResult.Step(
                    STEPS[i],
                    run.rates().achievedRate(),
                    run.rates().operationsPerSecond(),
                    run.latency(),
                    RunSections.errorRate(run),
                    run.rates().behindSchedule(),
                    passed));
            if (passed && "none".equals(limitedBy)) {
                capacity = STEPS[i];
                lastPassing = run;
            } else if (!passed && "none".equals(limitedBy)) {
                limitedBy = run.rates().behindSchedule() ? "generator" : "system";
            }
            if (knee == null && run.latency().p99() > 3 * firstP99) {
                knee = STEPS[i];
            }
        }
        RunResult baseline = steps.get(1);
        Instant start = steps.get(0).environment().start();
        return new SuiteResult(
                SuiteResult.SCHEMA,
                "release-check",
                start,
                steps.get(steps.size() - 1).environment().end(),
                List.of(
                        new ScenarioResult(
                                "baseline",
                                "http",
                                baseline,
                                List.of(
                                        gate(
                                                "p95<500ms",
                                                "p95",
                                                baseline.latency().p95() / 1000.0,
                                                500,
                                                "ms"),
                                        gate("errors<1%", "errors", 100 * RunSections.errorRate(baseline), 1, "%")),
                                null,
                                null),
                        new ScenarioResult(
                                "stress",
                                "http",
                                lastPassing,
                                List.of(gate(
                                        "p99<200ms",
                                        "p99",
                                        lastPassing.latency().p99() / 1000.0,
                                        P99_BOUND_MS,
                                        "ms")),
                                new CapacityResult(capacity, knee, limitedBy, searched),
                                null),
                        new ScenarioResult(
                                "end-to-end",
                                "stream",
                                null,
                                List.of(),
                                null,
                                "cannot reach the Kafka cluster at 127.0.0.1:1: Connection refused")));
    }

    private static GateResult gate(String gate, String metric, double measured, double bound, String unit) {
        return new GateResult(gate, metric, null, measured, bound, unit, measured < bound);
    }
}
