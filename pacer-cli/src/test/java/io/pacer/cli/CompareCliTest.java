package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.pacer.internal.Json;
import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.testing.ReportPage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code pacer baseline} and {@code pacer compare} on results of real {@code pacer http} runs against an in-process
 * server: one at a 5 ms service time, one at 25 ms (five times slower, so that even a stall of the
 * loaded test machine during the fast run leaves the slow one clearly slower).
 */
@Timeout(120)
class CompareCliTest {
    @TempDir
    static Path dir;

    private static HttpServer server;
    private static ExecutorService executor;
    private static Path fast;
    private static Path slow;

    /** The two runs at once (each waits on its target far more than it computes): one at /fast, one at /slow. */
    @BeforeAll
    static void measureTwoTargets() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        executor = Executors.newFixedThreadPool(16);
        server.setExecutor(executor);
        serve("/fast", 5_000);
        serve("/slow", 25_000);
        server.start();
        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            Future<Path> fastRun = runs.submit(() -> measure("fast.json", "/fast"));
            Future<Path> slowRun = runs.submit(() -> measure("slow.json", "/slow"));
            fast = fastRun.get();
            slow = slowRun.get();
        } finally {
            runs.shutdownNow();
        }
    }

    private static void serve(String path, long serviceMicros) {
        server.createContext(path, exchange -> {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(serviceMicros)); // the service's own work
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static Path measure(String name, String path) {
        Path output = dir.resolve(name);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        Cli cli = Cli.run(
                "http",
                "--url",
                url,
                "--rate",
                "100",
                "--users",
                "10",
                "--warmup",
                "1s",
                "--duration",
                "3s",
                "--interval",
                "100ms",
                "--output",
                output.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        return output;
    }

    @Test
    void aBaselineIsSavedListedShownComparedAndDeleted(@TempDir Path data) {
        String dataDir = data.toString();

        Cli save = Cli.run("baseline", "save", "main", fast.toString(), "--data-dir", dataDir);
        assertThat(save.exitCode()).as(save.err()).isZero();
        assertThat(save.out())
                .startsWith("saved baseline 'main' (run http GET ")
                .contains(" ops/s, p99 ");

        Cli list = Cli.run("baseline", "list", "--data-dir", dataDir);
        assertThat(list.out()).contains("name").containsPattern("main +run +20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\dZ");

        Cli show = Cli.run("baseline", "show", "main", "--data-dir", dataDir);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out())
                .contains("baseline     main (run result)")
                .containsPattern("intervals    (29|30) measured of 100 ms");

        Cli same = Cli.run("compare", "main", fast.toString(), "--data-dir", dataDir);
        assertThat(same.exitCode()).as(same.out() + same.err()).isZero();
        assertThat(same.out())
                .containsPattern("95 % confidence, tolerance 5 %; samples: (29|30) vs (29|30) measured intervals")
                .contains("verdict: no regression beyond the 5 % tolerance");

        Cli slower = Cli.run("compare", "main", slow.toString(), "--data-dir", dataDir);
        assertThat(slower.exitCode()).as(slower.out() + slower.err()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(slower.out()).containsPattern("p50 +\\d.+REGRESSED").contains("verdict: REGRESSED beyond the 5 %");

        Cli files = Cli.run("compare", slow.toString(), slow.toString(), "--tolerance", "10%");
        assertThat(files.exitCode()).as(files.out() + files.err()).isZero();
        assertThat(files.out()).contains("tolerance 10 %").contains("verdict: no regression beyond the 10 % tolerance");

        Cli delete = Cli.run("baseline", "delete", "main", "--data-dir", dataDir);
        assertThat(delete.out()).startsWith("deleted baseline 'main'");
        assertThat(Cli.run("baseline", "list", "--data-dir", dataDir).out()).startsWith("no baselines in ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "compare nope FAST                         | BASELINE 'nope' is neither a saved baseline nor a file:"
                        + " no baseline 'nope' in DATA/baselines; none saved yet",
                "compare FAST missing.json                 | missing.json: no such file",
                "compare FAST NEWER                        | is newer than this Pacer reads",
                "compare FAST FAST --tolerance much        | 'much' is not a percentage",
                "compare FAST FAST --confidence 20%        | --confidence must be in [50%, 99.9%], but was 20%",
                "compare FAST                              | Missing required parameter: 'RESULT'",
                "baseline save ../up FAST                  | baseline name must be 1 to 64 letters",
                "baseline save main NEWER                  | is newer than this Pacer reads",
                "baseline show main                        | no baseline 'main' in DATA/baselines; none saved yet",
                "baseline delete main                      | no baseline 'main' in DATA/baselines; none saved yet",
                "baseline                                  | choose a subcommand: save, list, show or delete",
                "compare FAST FAST --html DATA             | --html DATA is a directory: give a file name",
            })
    void badUsageExitsTwoWithOneLine(String args, String expected, @TempDir Path data) throws Exception {
        Path newer = Files.writeString(data.resolve("newer.json"), "{\"schema\": \"pacer.run-result/2\"}");
        String[] words = (args.trim() + " --data-dir " + data)
                .replace("FAST", fast.toString())
                .replace("NEWER", newer.toString())
                .replace("DATA", data.toString())
                .split("\\s+");
        if (args.trim().equals("baseline")) {
            words = new String[] {"baseline"};
        }

        Cli cli = Cli.run(words);

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().lines().filter(l -> l.startsWith("pacer: ")).toList())
                .hasSize(1);
        assertThat(cli.err())
                .startsWith("pacer: ")
                .contains(expected.replace("DATA", data.toString()))
                .doesNotContain("\tat ");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void anExistingBaselineIsReplacedOnlyWithForce(@TempDir Path data) {
        String dataDir = data.toString();
        assertThat(Cli.run("baseline", "save", "main", fast.toString(), "--data-dir", dataDir)
                        .exitCode())
                .isZero();

        Cli again = Cli.run("baseline", "save", "main", slow.toString(), "--data-dir", dataDir);
        assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).contains("baseline 'main' already exists").contains("save with --force to replace it");

        Cli forced = Cli.run("baseline", "save", "main", slow.toString(), "--force", "--data-dir", dataDir);
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Cli.run("compare", "main", slow.toString(), "--data-dir", dataDir)
                        .exitCode())
                .isZero();
    }

    @Test
    void suitesAreComparedScenarioByScenarioAndNeverWithARun() throws Exception {
        Path before = suite("before-suite.json", fast, true);
        Path after = suite("after-suite.json", slow, false);

        Cli cli = Cli.run("compare", before.toString(), after.toString());

        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(cli.out())
                .startsWith("suite 'nightly' against baseline suite 'nightly'")
                .contains("scenario baseline")
                .contains("not compared: soak: only in the baseline")
                .contains("verdict: REGRESSED beyond the 5 % tolerance: baseline p50 +");

        Cli mixed = Cli.run("compare", before.toString(), fast.toString());
        assertThat(mixed.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(mixed.err())
                .isEqualTo("pacer: cannot compare a suite result (" + before + ") with a run result (" + fast
                        + "): compare runs with runs, suites with suites" + System.lineSeparator());
    }

    /** --html: the before/after page of a regression, and of two suites, drawn in a real browser. */
    @Test
    @ExtendWith(ChromiumExtension.class)
    void theBeforeAfterReportShowsTheVerdictsAndDrawsBothRuns(Browser browser, @TempDir Path out) throws Exception {
        Path html = out.resolve("runs.html");

        Cli cli = Cli.run("compare", fast.toString(), slow.toString(), "--html", html.toString());

        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isEqualTo(ExitCode.FAILED_RUN);
        assertThat(cli.out()).contains("verdict: REGRESSED").contains("wrote " + html + " (");
        String page = Files.readString(html);
        assertThat(page)
                .contains("<div class=\"verdict fail\">REGRESSED</div>")
                .containsPattern("<tr class=\"failed\"><td>p50</td><td class=\"num\">[0-9.]+ ms</td>")
                .contains("Mann-Whitney U (two-sided) on per-interval p50")
                .containsPattern("samples: [1-9][0-9]* vs [1-9][0-9]* measured intervals");
        ReportPage shown = ReportPage.open(browser, html);
        assertThat(shown.charts()).isEqualTo(3);
        assertThat(shown.seriesPixels())
                .hasSize(3)
                .allSatisfy(n -> assertThat(n).isGreaterThan(100));
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("compare-runs");

        Path suites = out.resolve("suites.html");
        Cli suite = Cli.run(
                "compare",
                suite("before-html.json", fast, true).toString(),
                suite("after-html.json", fast, false).toString(),
                "--html",
                suites.toString());

        assertThat(suite.exitCode()).as(suite.out() + suite.err()).isZero();
        assertThat(Files.readString(suites))
                .contains("<div class=\"verdict pass\">NO REGRESSION</div>")
                .contains("<h2>baseline</h2>");
        ReportPage suitePage = ReportPage.open(browser, suites);
        assertThat(suitePage.charts())
                .as("soak ran in neither: one scenario overlaid")
                .isEqualTo(3);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** A suite result around a run result, as pacer full writes it. */
    private static Path suite(String name, Path run, boolean withSoak) throws Exception {
        ObjectNode suite = JsonNodeFactory.instance.objectNode();
        suite.put("schema", "pacer.suite-result/1");
        suite.put("suite", "nightly");
        suite.put("startedAt", "2026-11-29T10:00:00Z");
        suite.put("finishedAt", "2026-11-29T10:03:00Z");
        ArrayNode scenarios = suite.putArray("scenarios");
        ObjectNode scenario = scenarios.addObject();
        scenario.put("name", "baseline");
        scenario.put("driver", "http");
        scenario.set("run", Json.documentReader().readTree(Files.readString(run)));
        scenario.putArray("gates");
        if (withSoak) {
            ObjectNode soak = scenarios.addObject();
            soak.put("name", "soak");
            soak.put("driver", "kafka produce");
            soak.putArray("gates");
            soak.put("error", "off by default");
        }
        Path file = dir.resolve(name);
        Json.documentWriter().writeValue(file.toFile(), suite);
        return file;
    }
}
