package io.pacer.server.dashboard;

import static io.pacer.server.dashboard.DashboardPage.WATCH;
import static io.pacer.server.dashboard.DashboardPage.assertChartsDrawn;
import static io.pacer.server.dashboard.DashboardPage.awaitText;
import static io.pacer.server.dashboard.DashboardPage.points;
import static io.pacer.server.dashboard.DashboardPage.text;
import static io.pacer.server.dashboard.DashboardPage.until;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.sun.net.httpserver.HttpServer;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Batcher;
import io.pacer.cache.CacheMeters;
import io.pacer.cache.CacheSnapshot;
import io.pacer.internal.Json;
import io.pacer.metrics.BatcherMeters;
import io.pacer.metrics.Percentiles;
import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import io.pacer.monitor.collect.Collectors;
import io.pacer.monitor.kafka.LagResult;
import io.pacer.monitor.kafka.LagStatus;
import io.pacer.server.http.Api;
import io.pacer.server.http.ProblemResponses;
import io.pacer.testing.Await;
import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.testing.InMemorySink;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The dashboard in a real headless Chromium, served with the service's own route registry and problem handling under
 * a strict CSP ({@code script-src 'self'; style-src 'self'}: an inline script or style would be a console error), fed
 * through the contract of {@link DashboardFeed} with real samples — this machine's host and JVM collectors, and a
 * Prometheus scrape of a real batcher taking 500 events/s into an in-memory sink. It loads without console errors,
 * its charts draw, values change on screen as events arrive, at laptop and phone widths; the keyboard reaches every
 * panel; a 401 shows the sign-in form, and signing in shows the data. Screenshots go to {@code target/screenshots/}.
 */
@ExtendWith(ChromiumExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DashboardBrowserTest {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final SeriesKey MEMORY = new SeriesKey("host.memory.used.ratio", Map.of());

    private static Javalin http;
    private static HttpServer app;
    private static ScheduledExecutorService load;
    private static Batcher<String> batcher;
    private static DashboardFeed feed;
    private static URI dashboard;
    private static String scrapeTarget;

    @BeforeAll
    static void start() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        batcher = Batcher.<String>builder()
                .name("orders")
                .policy(BatchPolicy.ofDefaults().withMaxEvents(50))
                .build(InMemorySink.create());
        BatcherMeters batcherMeters = new BatcherMeters("orders", batcher::snapshot);
        batcherMeters.bindTo(registry);
        CacheMeters cacheMeters = new CacheMeters(() -> new CacheSnapshot(
                "sessions",
                new CacheSnapshot.Tier(90, 10, Percentiles.EMPTY),
                new CacheSnapshot.Tier(6, 4, Percentiles.EMPTY),
                new CacheSnapshot.Loads(4, 0, 0, Percentiles.EMPTY),
                90,
                0,
                0,
                0,
                0,
                "CLOSED",
                0,
                0));
        cacheMeters.bindTo(registry);
        load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleAtFixedRate(
                () -> {
                    for (int i = 0; i < 10; i++) {
                        batcher.offer("event");
                    }
                },
                0,
                20,
                TimeUnit.MILLISECONDS);
        app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        app.createContext("/metrics", exchange -> {
            // the binders are referenced here so that Micrometer's weak references keep their meters alive
            byte[] body = (registry.scrape() + "# " + batcherMeters.hashCode() + cacheMeters.hashCode() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        URI scrape = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/metrics");
        scrapeTarget = scrape.toString();
        feed = new DashboardFeed(List.of(
                Collectors.host(Duration.ofSeconds(1)),
                Collectors.jvm(Duration.ofSeconds(1)),
                Collectors.scrape(scrape, Duration.ofSeconds(1))));

        Api api = new Api();
        DashboardRoutes.create().register(api);
        feed.register(api);
        http = Javalin.create(c -> {
                    c.jsonMapper(new JavalinJackson(Json.mapper(new JsonFactory()), false));
                    c.startup.showJavalinBanner = false;
                    ProblemResponses.install(c.routes);
                    c.routes.before(ctx -> ctx.header("Content-Security-Policy", CSP));
                    // as the service's access check does: a stream without a session is refused before it starts
                    c.routes.before("/api/events", feed::check);
                    api.installInto(c.routes);
                })
                .start("127.0.0.1", 0);
        dashboard = URI.create("http://127.0.0.1:" + http.port() + DashboardRoutes.PATH);

        Instant now = Instant.now();
        feed.fire("host-memory", MEMORY, Severity.WARNING, 0.86, 0.85, now.minusSeconds(300));
        feed.lag(lag(LagStatus.OK, 12, 0.4, "caught up"));
        feed.run(summary(
                1,
                "suite",
                "release-check",
                "passed",
                now.minusSeconds(3600),
                Map.of("scenarios", 3, "scenariosPassed", 3)));
        // An hour of history would take an hour; a few real collections give every chart a line to draw. OSHI
        // keeps a CPU reading for 300 ms, so CPU usage is in every collection made at least that far apart.
        long[] last = {0};
        Await.until(Duration.ofSeconds(30), "three collections with host CPU usage", () -> {
            if (System.nanoTime() - last[0] > TimeUnit.MILLISECONDS.toNanos(350)) {
                last[0] = System.nanoTime();
                feed.collect();
            }
            return feed.history("host.cpu.usage.ratio") >= 3
                    && feed.history("pacer_batcher_batch_size_mean_events") >= 3;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        if (http != null) {
            http.stop();
        }
        if (app != null) {
            app.stop(0);
        }
        if (load != null) {
            load.shutdownNow();
        }
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void atLaptopWidthItDrawsAndFollowsTheEventsWithoutConsoleErrors(Browser browser) {
        open(browser);
        assertChartsDrawn(browser, collected());
        assertThat(text(browser, "#integrations-value"))
                .as("the scrape collector is up")
                .isEqualTo("1/1");
        assertThat(text(browser, "#alerts-count")).isEqualTo("1");
        assertThat(text(browser, "#lag-rows"))
                .contains("billing")
                .contains("OK")
                .contains("12");
        assertThat(text(browser, "#runs-list")).contains("release-check").contains("3 of 3 scenarios passed");
        String orders = "[data-batcher='orders'] ";
        assertThat(text(browser, orders + "[data-field='breaker']")).isEqualTo("CLOSED");
        assertThat(text(browser, orders + "[data-field='efficiency']")).endsWith("%");
        assertThat(text(browser, orders + "[data-field='p99']")).matches("[0-9.]+ (µs|ms|s)");
        assertThat(text(browser, "[data-cache='sessions']")).contains("90.0%").contains("60.0%");

        // live: a sample published now is on screen while the test watches
        long published = System.nanoTime();
        feed.publishSamples("test", List.of(Sample.of("host.cpu.usage.ratio", Map.of(), Instant.now(), 0.4321)));
        awaitText(browser, "#cpu-value", "43.2%");
        System.out.printf(
                "dashboard: a published sample was on screen after %d ms (polled)%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - published));
        // a real collection: the health score and its sparkline arrive, the charts grow by a point
        long cpuPoints = points(browser, "cpu");
        feed.collect();
        until(browser, "Number(document.getElementById('chart-cpu').dataset.points) > " + cpuPoints);
        until(browser, "/^[0-9.]+$/.test(document.getElementById('health-score').textContent)");
        until(browser, "window.pacerDashboard.charts.health.data[1].some(v => v != null)");
        // the firing warning costs the host component 15 points, and the panel says why
        until(browser, "document.getElementById('health-why').textContent.includes('host.memory.used.ratio = 0.86')");
        assertThat(text(browser, "#health-why li:first-child")).startsWith("−15host");
        until(
                browser,
                "Number(document.querySelector(\"" + orders + "[data-field='throughput']\")"
                        + ".textContent.replace(/[^0-9.]/g, '')) > 0");
        // the breaker opens, an alert fires, a group stalls, a run lands
        Map<String, String> ordersLabels = Map.of("batcher", "orders", "target", scrapeTarget);
        feed.publishSamples(
                "test",
                List.of(
                        Sample.of("pacer_batcher_breaker_state", ordersLabels, Instant.now(), 2),
                        Sample.of("pacer_batcher_breaker_trips", ordersLabels, Instant.now(), 1)));
        awaitText(browser, orders + "[data-field='breaker']", "OPEN");
        assertThat(text(browser, orders + "[data-field='trips']")).isEqualTo("1 trip");
        // the application stops answering its scrape: its widgets say so, and recover with the next collection
        feed.publishSamples(
                "scrape:" + scrapeTarget,
                List.of(Sample.of("collector.up", Map.of("collector", "scrape:" + scrapeTarget), Instant.now(), 0)));
        until(browser, "document.querySelector(\"[data-batcher='orders']\").dataset.state === 'down'");
        assertThat(text(browser, orders.trim() + " .target-down")).startsWith("Not answering");
        assertThat(text(browser, "[data-cache='sessions'] .target-down")).startsWith("Not answering");
        feed.collect();
        until(browser, "document.querySelector(\"[data-batcher='orders']\").dataset.state === 'up'");
        assertThat(browser.script("return document.querySelector(\"[data-batcher='orders'] .target-down\").hidden;"))
                .isEqualTo(true);
        feed.fire(
                "stream-latency",
                new SeriesKey("stream.latency.p95.seconds", ordersLabels),
                Severity.CRITICAL,
                0.8,
                0.5,
                Instant.now());
        awaitText(browser, "#alerts-count", "2");
        assertThat(text(browser, "#alerts-list li:first-child"))
                .contains("critical")
                .contains("stream-latency");
        feed.resolve(
                "host-memory",
                MEMORY,
                Severity.WARNING,
                0.7,
                0.85,
                Instant.now().minusSeconds(300));
        awaitText(browser, "#alerts-count", "1");
        feed.lag(lag(LagStatus.STALL, 48_000, 95.0, "the committed offset did not move in 12 commits"));
        until(browser, "document.getElementById('lag-rows').textContent.includes('STALL')");
        assertThat(text(browser, "#lag-rows"))
                .contains("48.0k")
                .contains("95 s behind")
                .contains("did not move");
        feed.run(summary(
                2,
                "run",
                "nightly",
                "completed",
                Instant.now(),
                Map.of("operationsPerSecond", 4812.5, "p99Micros", 12_400)));
        until(browser, "document.querySelector('#runs-list a').textContent === 'nightly'");
        assertThat(text(browser, "#runs-list li:first-child")).contains("4813 ops/s · p99 12.4 ms");
        assertThat(browser.script("return document.querySelector('#runs-list a').getAttribute('href');"))
                .isEqualTo("/api/runs/2/report");

        assertThat(DashboardPage.lowContrastTexts(browser))
                .as("texts below WCAG AA contrast")
                .isEmpty();
        browser.script("const p = document.createElement('p'); p.id = 'faint'; p.textContent = 'faint';"
                + " p.style.color = '#bbbbbb'; document.querySelector('main').append(p);");
        assertThat(DashboardPage.lowContrastTexts(browser))
                .as("the check sees a faint text: #bbb on the page's #f3f4f6")
                .hasSize(1)
                .allSatisfy(t -> assertThat((String) t).isEqualTo("faint 1.74"));
        browser.script("document.getElementById('faint').remove();");
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("dashboard-laptop");
    }

    @Test
    void atPhoneWidthEverythingFitsAndStaysLive(Browser browser) {
        ChromeDriver driver = (ChromeDriver) browser.driver();
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            open(browser);
            assertChartsDrawn(browser, collected());
            assertThat(browser.script("return document.documentElement.scrollWidth - window.innerWidth;"))
                    .as("no horizontal scrolling")
                    .isEqualTo(0L);
            assertThat(browser.script("return Array.from(document.querySelectorAll('.panel, .app, canvas'))"
                            + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)"
                            + ".map(e => e.id || e.className);"))
                    .as("panels, widgets and charts within the screen")
                    .isEqualTo(List.of());
            until(browser, "/^[0-9.]+$/.test(document.getElementById('health-score').textContent)");
            feed.publishSamples("test", List.of(Sample.of("host.memory.used.ratio", Map.of(), Instant.now(), 0.5678)));
            awaitText(browser, "#memory-value", "56.8%");
            assertThat(DashboardPage.lowContrastTexts(browser))
                    .as("texts below WCAG AA contrast")
                    .isEmpty();
            assertThat(browser.consoleErrors()).isEmpty();
            browser.screenshot("dashboard-phone");
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /**
     * events.js reads every shape the API documents and the spellings it tolerates, table-driven in the page itself:
     * each row is a normaliser, its input and what the panels must get.
     */
    @Test
    void theClientReadsTheDocumentedShapesAndTheirVariants(Browser browser) {
        open(browser);
        String cases = """
                [
                 ["toMillis", "2026-11-29T12:00:01.123456789Z", 1795953601123.4568],
                 ["toMillis", "2026-11-29T12:00:01Z", 1795953601000],
                 ["toMillis", 1795953601, 1795953601000],
                 ["toMillis", 1795953601123, 1795953601123],
                 ["toMillis", "later", null],
                 ["samplesOf", {"collector": "jvm", "samples": [
                     {"name": "jvm.threads.live", "labels": {}, "timestamp": "2026-11-29T12:00:01Z", "value": 42},
                     {"name": "bad", "labels": {}, "timestamp": "2026-11-29T12:00:01Z", "value": null},
                     {"labels": {}, "timestamp": "2026-11-29T12:00:01Z", "value": 1}]},
                  [{"name": "jvm.threads.live", "labels": {}, "at": 1795953601000, "value": 42}]],
                 ["samplesOf", {"name": "a.b", "at": 1795953601, "value": "0.5"},
                  [{"name": "a.b", "labels": {}, "at": 1795953601000, "value": 0.5}]],
                 ["historySamples", {"hours": 1, "series": [{"name": "a.b", "labels": {"x": "1"}, "points": [
                     {"t": "2026-11-29T12:00:02Z", "count": 2, "avg": 3, "last": 4},
                     {"t": "2026-11-29T12:00:01Z", "count": 2, "sum": 10},
                     {"t": "2026-11-29T12:00:03Z", "last": 7}]}]},
                  [{"name": "a.b", "labels": {"x": "1"}, "at": 1795953601000, "value": 5},
                   {"name": "a.b", "labels": {"x": "1"}, "at": 1795953602000, "value": 3},
                   {"name": "a.b", "labels": {"x": "1"}, "at": 1795953603000, "value": 7}]],
                 ["historySamples", [{"name": "a.b", "points": [["2026-11-29T12:00:01Z", 1]]}],
                  [{"name": "a.b", "labels": {}, "at": 1795953601000, "value": 1}]],
                 ["alertKey", {"rule": "cpu", "series": {"name": "host.cpu", "labels": {"core": "3"}},
                     "from": "FIRING", "to": "INACTIVE", "severity": "WARNING"}, "cpu host.cpu{core=\\"3\\"} inactive"],
                 ["alertKey", {"rule": "cpu", "series": "host.cpu{core=\\"3\\"}", "state": "firing",
                     "severity": "warning"}, "cpu host.cpu{core=\\"3\\"} firing"],
                 ["toLag", {"group": {"name": "billing", "status": "STALL", "totalLag": 9, "maxLagSeconds": 4.5},
                     "partitions": [{"status": "OK", "reason": "fine"}, {"status": "STALL", "reason": "stuck"}]},
                  ["billing", "STALL", 9, 4.5, "stuck"]],
                 ["toLag", {"group": "orders", "status": "warn", "totalLag": "12"}, ["orders", "WARN", 12, null, ""]],
                 ["toRun", {"id": 7, "name": "nightly", "verdict": "passed", "uploadedAt": "2026-11-29T12:00:01Z",
                     "report": "/api/runs/7/report"}, ["7", "nightly", "passed", 1795953601000, "/api/runs/7/report"]],
                 ["toRun", {"id": "r 1", "name": "x", "verdict": "failed"}, ["r 1", "x", "failed", null,
                     "/api/runs/r%201/report"]]
                ]""";
        @SuppressWarnings("unchecked")
        List<List<Object>> rows = (List<List<Object>>) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + " import('/dashboard/assets/events.js').then(m => {"
                                + "  const n = (v) => Number.isFinite(v) ? v : null;"
                                + "  const f = {"
                                + "   toMillis: (x) => n(m.toMillis(x)),"
                                + "   samplesOf: m.samplesOf, historySamples: m.historySamples,"
                                + "   alertKey: (x) => { const a = m.toAlert(x); return a.key + ' ' + a.state; },"
                                + "   toLag: (x) => { const l = m.toLag(x);"
                                + "     return [l.group, l.status, n(l.totalLag), n(l.lagSeconds), l.reason]; },"
                                + "   toRun: (x) => { const r = m.toRun(x);"
                                + "     return [r.id, r.name, r.verdict, n(r.at), r.report]; } };"
                                + "  done(JSON.parse(arguments[0]).map(([fn, input, expected]) =>"
                                + "   [fn, JSON.stringify(f[fn](input)), JSON.stringify(expected)]));"
                                + " }).catch(e => done([['import', String(e), '']]));",
                        cases);

        assertThat(rows)
                .hasSize(15)
                .allSatisfy(row -> assertThat(row.get(1)).as("%s", row.get(0)).isEqualTo(row.get(2)));
    }

    /** A restart or a network blip ends the stream: the browser reconnects by itself and the page stays live. */
    @Test
    void whenTheStreamEndsThePageReconnectsAndStaysLive(Browser browser) {
        open(browser);
        int before = feed.connections();

        feed.endStreams();

        feed.awaitConnectionAfter(before, WATCH);
        until(browser, "document.getElementById('connection').dataset.state === 'live'");
        feed.publishSamples("test", List.of(Sample.of("host.cpu.usage.ratio", Map.of(), Instant.now(), 0.2468)));
        awaitText(browser, "#cpu-value", "24.7%");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void onAStoreOtherInstancesShareItAsksForItsOwnMachinesHistory(Browser browser) {
        feed.shareStoreAs("pacer-b");
        try {
            int before = feed.historyQueries().size();
            open(browser);
            List<String> asked =
                    feed.historyQueries().subList(before, feed.historyQueries().size());
            assertThat(asked)
                    .filteredOn(q -> q.contains("name=host.cpu.usage.ratio") || q.contains("name=jvm.cpu.process"))
                    .hasSize(2)
                    .allMatch(q -> q.endsWith("&label.instance=pacer-b"));
            assertThat(asked)
                    .filteredOn(q -> q.contains("name=pacer_batcher_") || q.contains("name=collector.up"))
                    .isNotEmpty()
                    .noneMatch(q -> q.contains("label.instance"));
            assertThat(browser.consoleErrors()).isEmpty();
        } finally {
            feed.shareStoreAs(null);
        }
    }

    @Test
    void theKeyboardReachesEveryPanelWithAVisibleFocus(Browser browser) {
        open(browser);
        until(browser, "document.querySelector('[data-batcher]') !== null");
        @SuppressWarnings("unchecked")
        List<String> panels = (List<String>)
                browser.script("return Array.from(document.querySelectorAll('.panel, .app')).map(e => e.id);");
        Set<String> reached = new LinkedHashSet<>();
        List<String> outlines = new ArrayList<>();
        Actions keys = new Actions(browser.driver());
        for (int i = 0; i < 80 && !reached.containsAll(panels); i++) {
            keys.sendKeys(Keys.TAB).perform();
            String id = (String) browser.script("return document.activeElement.id;");
            reached.add(id);
            if (panels.contains(id)) {
                outlines.add(
                        (String)
                                browser.script(
                                        "const s = getComputedStyle(document.activeElement); return s.outlineStyle + ' ' + s.outlineWidth;"));
            }
        }
        assertThat(reached).as("Tab reaches every panel and widget").containsAll(panels);
        assertThat(panels)
                .as("14 panels, the batcher's and the cache's widgets")
                .hasSize(16);
        assertThat(outlines).allSatisfy(o -> assertThat(o).isEqualTo("solid 3px"));
        assertThat(browser.script("return ['banner', 'main', 'contentinfo'].map(r =>"
                        + " document.querySelectorAll('[role=' + r + '], ' + {banner: 'header', main: 'main',"
                        + " contentinfo: 'footer'}[r]).length > 0);"))
                .isEqualTo(List.of(true, true, true));

        // health events every second carry the same alerts: the list is not rebuilt (nor re-announced), and a
        // focused run link keeps its focus
        browser.script("document.querySelector('#alerts-list li').dataset.probe = 'kept';"
                + " document.querySelector('#runs-list a').focus();");
        long healthPoints = points(browser, "health");
        feed.collect();
        feed.collect();
        until(browser, "Number(document.getElementById('chart-health').dataset.points) >= " + (healthPoints + 2));
        assertThat(browser.script("return document.querySelector('#alerts-list li').dataset.probe;"))
                .isEqualTo("kept");
        assertThat(browser.script("return document.activeElement === document.querySelector('#runs-list a');"))
                .isEqualTo(true);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void a401ShowsTheSignInFormAndSigningInShowsTheData(Browser browser) {
        feed.requireSession(true);
        try {
            browser.driver().manage().deleteAllCookies();
            browser.open(dashboard);
            until(browser, "!document.getElementById('signin').hidden");
            assertThat(browser.script("return document.getElementById('panels').hidden;"))
                    .isEqualTo(true);
            assertThat(browser.script("return document.activeElement.id;")).isEqualTo("signin-user");

            fill(browser, "admin", "wrong");
            until(browser, "document.getElementById('signin-error').textContent.includes('not accepted')");
            int before = feed.connections();
            // the key `pacer serve` prints on its first start, as a person signs in the first time
            browser.driver().findElement(By.id("signin-user")).clear();
            browser.driver().findElement(By.id("signin-password")).clear();
            browser.driver().findElement(By.id("signin-key")).sendKeys(DashboardFeed.API_KEY);
            browser.driver().findElement(By.id("signin-key")).sendKeys(Keys.ENTER);
            until(browser, "document.getElementById('signin').hidden");
            assertThat(text(browser, "#who")).isEqualTo("admin · admin");
            feed.awaitConnectionAfter(before, WATCH);
            until(browser, "document.getElementById('connection').dataset.state === 'live'");
            feed.publishSamples("test", List.of(Sample.of("host.cpu.usage.ratio", Map.of(), Instant.now(), 0.0987)));
            awaitText(browser, "#cpu-value", "9.9%");
            assertThat(browser.consoleErrors())
                    .as("only the 401s that asked for the sign-in")
                    .allSatisfy(e -> assertThat(e).contains("401"));
            browser.screenshot("dashboard-after-sign-in");

            // signing out is a mutation: it carries the CSRF token the sign-in answered with
            int signOuts = feed.signOuts();
            browser.driver().findElement(By.id("signout")).click();
            Await.until(WATCH, "the service saw the sign-out", () -> feed.signOuts() > signOuts);
            until(browser, "!document.getElementById('signin').hidden");

            // a session that ends while the page follows the stream (expired, revoked): the browser's reconnection
            // is refused with 401, and the page asks for a sign-in again
            browser.driver().findElement(By.id("signin-key")).sendKeys(DashboardFeed.API_KEY, Keys.ENTER);
            until(browser, "document.getElementById('connection').dataset.state === 'live'");
            browser.driver().manage().deleteCookieNamed(DashboardFeed.SESSION_COOKIE);
            feed.endStreams();
            until(browser, "!document.getElementById('signin').hidden");
            assertThat(text(browser, "#connection")).isEqualTo("Signed out");
        } finally {
            // leave the signed-out page before its last 401s could land in the next test's console
            browser.open(URI.create("about:blank"));
            feed.requireSession(false);
        }
    }

    /**
     * The system charts whose first series this machine's collectors gave at least twice: CPU and memory always;
     * disk and network where there is a block device and a network interface besides loopback (a container may have
     * neither). A chart must draw what was collected.
     */
    private static List<String> collected() {
        List<String> charts = DashboardPage.SYSTEM_CHARTS.entrySet().stream()
                .filter(e -> feed.history(e.getValue()) >= 2)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        assertThat(charts).contains("cpu", "memory");
        return charts;
    }

    /** The group `billing` as pacer-monitor's lag evaluation reports it. */
    private static LagResult lag(LagStatus status, long lag, double seconds, String reason) {
        return new LagResult(
                new LagResult.Group("billing", status, status.asBurrowGroupStatus(), lag, seconds),
                List.of(new LagResult.Partition("invoices", 0, status, seconds, null, reason, lag, status)));
    }

    /** A run's summary as the runs routes list it. */
    private static Map<String, Object> summary(
            long id, String kind, String name, String verdict, Instant uploadedAt, Map<String, Object> figures) {
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("id", id);
        summary.put("kind", kind);
        summary.put("name", name);
        summary.put("subject", name);
        summary.put("verdict", verdict);
        summary.put("uploadedAt", uploadedAt);
        summary.putAll(figures);
        summary.put("report", "/api/runs/" + id + "/report");
        return summary;
    }

    private static void fill(Browser browser, String user, String password) {
        var driver = browser.driver();
        driver.findElement(By.id("signin-user")).clear();
        driver.findElement(By.id("signin-user")).sendKeys(user);
        driver.findElement(By.id("signin-password")).clear();
        driver.findElement(By.id("signin-password")).sendKeys(password);
        driver.findElement(By.id("signin-submit")).click();
    }

    /** Opens the dashboard and waits until it follows the stream. */
    private static void open(Browser browser) {
        int before = feed.connections();
        browser.open(dashboard);
        feed.awaitConnectionAfter(before, WATCH);
        until(browser, "document.getElementById('connection').dataset.state === 'live'");
    }
}
