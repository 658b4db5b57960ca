package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.testing.Browser;
import io.pacer.testing.ChromiumExtension;
import io.pacer.testing.JUnitXml;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.ReportPage;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.SuiteResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code pacer full --baseline NAME --html --junit}: a one-scenario suite on the tests' broker, saved as a baseline,
 * then run again and compared in the same run — the comparison on the console, the before/after in the HTML report
 * (opened in a real browser), {@code compare METRIC} test cases in the JUnit XML (valid against the schema CI servers
 * read), and an exit code that says what they say.
 */
@ExtendWith({ChromiumExtension.class, KafkaExtension.class})
class FullBaselineCliTest {

    private static final String SUITE = """
            name: smoke
            scenarios:
              - name: steady
                driver: kafka produce
                topic: full-baseline
                rate: 300
                duration: 40s         # --quick: 4s
                warmup: 10s           # --quick: 1s
                interval: 200ms
                gates: [p99<30s, errors<50%]
            """;

    @Test
    @Timeout(240)
    void aSuiteIsComparedWithItsBaselineIntoTheConsoleTheHtmlAndTheJUnitXml(
            Browser browser, EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Path suite = Files.writeString(dir.resolve("smoke.yaml"), SUITE);
        String data = dir.resolve("data").toString();
        Path first = dir.resolve("first.json");
        String bootstrap = kafka.bootstrapServers();
        Cli baselineRun =
                Cli.run("full", "--quick", "--suite", suite.toString(), "-b", bootstrap, "--output", first.toString());
        assertThat(baselineRun.exitCode()).as(baselineRun.err()).isZero();
        Cli save = Cli.run("baseline", "save", "main", first.toString(), "--data-dir", data);
        assertThat(save.exitCode()).as(save.err()).isZero();
        Path html = dir.resolve("report.html");
        Path junit = dir.resolve("junit.xml");
        Path second = dir.resolve("second.json");

        Cli cli = Cli.run(
                "full",
                "--quick",
                "--suite",
                suite.toString(),
                "-b",
                bootstrap,
                "--baseline",
                "main",
                "--data-dir",
                data,
                "--min-intervals",
                "5",
                "--html",
                html.toString(),
                "--junit",
                junit.toString(),
                "--instance-price",
                "0.192",
                "--output",
                second.toString());

        SuiteResult result = SuiteResults.read(second);
        assertThat(result.scenarios())
                .singleElement()
                .satisfies(s -> assertThat(s.error()).isNull());
        assertThat(result.passed())
                .as("gates far beyond anything a 300/s run can miss")
                .isTrue();
        assertThat(cli.out())
                .contains("suite 'smoke' against baseline suite 'smoke'")
                .contains("scenario steady")
                .containsPattern("samples: \\d+ vs \\d+ measured intervals")
                .containsPattern("verdict: (no regression|REGRESSED) beyond the 5 % tolerance");
        boolean regressed = cli.out().contains("verdict: REGRESSED");
        assertThat(cli.exitCode())
                .as("1 exactly when the comparison found a regression (every gate passed)\n" + cli.out() + cli.err())
                .isEqualTo(regressed ? ExitCode.FAILED_RUN : ExitCode.OK);
        assertThat(cli.err()).contains("wrote " + html + " (").contains("wrote " + junit + " (");

        String xml = Files.readString(junit);
        JUnitXml.validate(xml);
        Element testsuite = JUnitXml.children(JUnitXml.parse(xml).getDocumentElement(), "testsuite")
                .get(0);
        assertThat(testsuite.getAttribute("name")).isEqualTo("steady");
        List<Element> cases = JUnitXml.children(testsuite, "testcase");
        assertThat(cases)
                .extracting(c -> c.getAttribute("name"))
                .containsExactly(
                        "run",
                        "p99<30s",
                        "errors<50%",
                        "compare throughput",
                        "compare p50",
                        "compare p95",
                        "compare p99",
                        "compare p99.9",
                        "compare error rate");
        long regressions = cases.stream()
                .filter(c -> !JUnitXml.children(c, "failure").isEmpty())
                .count();
        assertThat(regressions > 0)
                .as("a failed compare test case exactly when regressed")
                .isEqualTo(regressed);
        assertThat(testsuite.getAttribute("failures")).isEqualTo(Long.toString(regressions));

        String page = Files.readString(html);
        assertThat(page)
                .contains("Compared with the baseline")
                .contains("Per million operations")
                .contains(regressed ? "verdict fail\">REGRESSED" : "verdict pass\">PASSED");
        ReportPage shown = ReportPage.open(browser, html);
        assertThat(shown.charts())
                .as("the scenario's 3 charts and 3 overlaid with the baseline")
                .isEqualTo(6);
        assertThat(shown.count("[data-chart^='cmp-']")).isEqualTo(3);
        assertThat(shown.seriesPixels())
                .hasSize(6)
                .allSatisfy(n -> assertThat(n).isGreaterThan(100));
        assertThat(shown.fetched()).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
        browser.screenshot("full-baseline");
    }

    @Test
    void aMissingBaselineListsTheSavedOnesBeforeAnythingRuns(@TempDir Path dir) throws Exception {
        String data = dir.resolve("data").toString();

        Cli none = Cli.run("full", "--baseline", "main", "--data-dir", data);

        assertThat(none.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(none.err().lines().toList())
                .singleElement()
                .asString()
                .startsWith("pacer: --baseline 'main' is neither a saved baseline nor a file: no baseline 'main' in ")
                .endsWith("none saved yet (save one with: pacer baseline save NAME RESULT.json)");
        assertThat(none.out()).isEmpty();
    }
}
