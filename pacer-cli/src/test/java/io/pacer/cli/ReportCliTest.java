package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pacer report} on results a real {@code pacer http} run saved, and on files it must refuse. */
class ReportCliTest {

    private static HttpServer server;

    @TempDir
    static Path dir;

    private static Path runFile;

    @BeforeAll
    static void saveARun() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        runFile = dir.resolve("run.json");
        Cli cli = Cli.run(
                "http",
                "--url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/",
                "--rate",
                "100",
                "--duration",
                "2s",
                "--output",
                runFile.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @Test
    void aRunResultGetsBothReports() throws Exception {
        Path html = dir.resolve("out/run.html");
        Path junit = dir.resolve("out/junit.xml");

        Cli cli = Cli.run(
                "report",
                runFile.toString(),
                "--html",
                html.toString(),
                "--junit",
                junit.toString(),
                "--instance-price",
                "0.192");

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("wrote " + html + " (").contains("wrote " + junit + " (");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("PASSED").contains("Per million operations");
        assertThat(Files.readString(junit)).contains("<testsuites").contains("<testcase name=\"failed = 0\"");
    }

    @Test
    void aSuiteResultIsRecognisedByItsSchema() throws Exception {
        RunResult run = RunResults.read(runFile);
        SuiteResult suite = new SuiteResult(
                SuiteResult.SCHEMA,
                "nightly",
                run.environment().start(),
                run.environment().end(),
                List.of(new ScenarioResult(
                        "checkout",
                        "http",
                        run,
                        List.of(new GateResult("p99<1ms", "p99", null, 4.2, 1, "ms", false)),
                        null,
                        null)));
        Path suiteFile = dir.resolve("suite.json");
        Json.documentWriter().writeValue(suiteFile.toFile(), suite);
        Path html = dir.resolve("suite.html");
        Path junit = dir.resolve("suite.xml");

        Cli cli = Cli.run("report", suiteFile.toString(), "--html", html.toString(), "--junit", junit.toString());

        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(html)).contains("Pacer suite: nightly").contains("FAILED");
        assertThat(Files.readString(junit))
                .contains("<testsuite name=\"checkout\"")
                .contains("message=\"p99&lt;1ms: measured 4.2 ms, bound &lt; 1 ms\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing   |                                                    | : no such file",
                "garbage   | {not json                                          | : not valid JSON: ",
                "foreign   | {\"schema\": \"k6.summary/2\"}                        | : not a Pacer result: expected a \"schema\" field",
                "newer run | {\"schema\": \"pacer.run-result/9\"}                  | : run result schema pacer.run-result/9 is newer than this Pacer reads",
                "newer suite | {\"schema\": \"pacer.suite-result/9\"}              | : suite result schema pacer.suite-result/9 is newer than this Pacer reads",
                "bad suite | {\"schema\": \"pacer.suite-result/1\", \"suite\": 3, \"scenarios\": 7} | : not a valid suite result: ",
            })
    void anUnreadableResultIsOneLineNamingTheFile(String name, String content, String expected) throws Exception {
        Path file = dir.resolve(name.replace(' ', '-') + ".json");
        if (content != null) {
            Files.writeString(file, content);
        }

        Cli cli = Cli.run(
                "report", file.toString(), "--html", dir.resolve("never.html").toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().strip()).startsWith("pacer: " + file + expected).doesNotContain("\n");
        assertThat(Files.exists(dir.resolve("never.html"))).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "\"\"                                | say what to write: --html FILE, --junit FILE or both",
                "--html x.html --instance-price -3 | '-3' is not a price: give US dollars per hour",
                "--html x.html --instance-price free | 'free' is not a price",
            })
    void badFlagsAreOneLine(String flags, String expected) {
        String[] extra = flags.isBlank() ? new String[0] : flags.trim().split("\\s+");
        String[] args = new String[2 + extra.length];
        args[0] = "report";
        args[1] = runFile.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);

        Cli cli = Cli.run(args);

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).startsWith("pacer: ").contains(expected).doesNotContain("\tat ");
    }
}
