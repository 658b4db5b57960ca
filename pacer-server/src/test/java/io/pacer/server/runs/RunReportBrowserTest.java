package io.pacer.server.runs;

import static io.pacer.server.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.server.PacerServer;
import io.pacer.server.ServerConfig;
import io.pacer.server.TestClient;
import io.pacer.server.TestResults;
import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.verdict.report.HtmlReport;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's report and its comparison page, served by a real server under its Content-Security-Policy, draw their charts
 * in a real headless Chromium with no console error: the report routes allow exactly the report's inline scripts by
 * hash, and every other answer keeps {@code script-src 'self'}.
 */
@ExtendWith(ChromiumExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class RunReportBrowserTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    @TempDir
    static Path dir;

    private static PacerServer server;
    private static TestClient client;
    private static long id;

    @BeforeAll
    static void start() {
        server = PacerServer.start(ServerConfig.forTests(dir));
        client = new TestClient(server.uri());
        id = json(client.post("/api/runs?name=nightly", TestResults.runJson()))
                .path("id")
                .asLong();
        assertThat(client.post("/api/baselines", "{\"name\": \"main\", \"run\": " + id + "}")
                        .statusCode())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theReportAndTheComparisonDrawTheirChartsUnderTheServicePolicy(Browser browser) {
        for (String page : List.of("/api/runs/" + id + "/report", "/api/runs/" + id + "/comparison?baseline=main")) {
            browser.open(URI.create(server.uri() + page));
            browser.await(
                    Duration.ofSeconds(20),
                    "window.pacerCharts > 0"
                            + " && window.pacerCharts === document.querySelectorAll('[data-chart]').length");

            assertThat((Long) browser.script("return document.querySelectorAll('canvas').length;"))
                    .as(page)
                    .isPositive();
            // The browser's own request for /favicon.ico (no route serves one) is not the page's doing.
            assertThat(browser.consoleErrors())
                    .as(page)
                    .filteredOn(error -> !error.contains("/favicon.ico "))
                    .isEmpty();
        }
    }

    @Test
    void onlyTheReportRoutesAllowExactlyTheReportsScriptsByHash() {
        HttpResponse<String> report = client.get("/api/runs/" + id + "/report");
        List<String> policies = report.headers().allValues("Content-Security-Policy");

        assertThat(policies).hasSize(1);
        String scriptSrc = directive(policies.get(0), "script-src");
        List<String> inline = new ArrayList<>();
        Matcher m = INLINE_SCRIPT.matcher(report.body());
        while (m.find()) {
            inline.add(ReportPolicy.hash(m.group(1)));
        }
        assertThat(inline).hasSize(HtmlReport.inlineScripts().size());
        assertThat(scriptSrc.split(" "))
                .containsExactlyInAnyOrder(List.of("script-src", "'self'", inline.get(0), inline.get(1))
                        .toArray(String[]::new));
        assertThat(directive(policies.get(0), "style-src")).isNotEmpty();
        assertThat(directive(policies.get(0), "frame-ancestors")).isEqualTo("frame-ancestors 'none'");

        for (String other : List.of("/api/runs/" + id, "/api/baselines", "/dashboard")) {
            assertThat(directive(
                            client.get(other)
                                    .headers()
                                    .firstValue("Content-Security-Policy")
                                    .orElseThrow(),
                            "script-src"))
                    .as(other)
                    .isEqualTo("script-src 'self'");
        }
    }

    private static String directive(String policy, String name) {
        for (String d : policy.split(";")) {
            if (d.strip().startsWith(name + " ")) {
                return d.strip();
            }
        }
        return "";
    }
}
