package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.SuiteResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code pacer full}: the built-in suite end to end on the embedded broker, and every way a suite can be wrong. */
class FullCliTest {

    /**
     * The built-in suite, scaled down by --quick, against the one embedded broker it starts: every scenario runs, the
     * stream's correctness gates hold, and the exit code, the console and the JSON say the same thing.
     */
    @Test
    @Timeout(300)
    void theBuiltInSuiteRunsEndToEndOnTheEmbeddedBroker(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("results.json");

        Cli cli = Cli.run("full", "--quick", "--output", json.toString());

        SuiteResult result = SuiteResults.read(json);
        assertThat(result.suite()).isEqualTo("built-in");
        assertThat(result.scenarios())
                .extracting(ScenarioResult::name)
                .containsExactly("baseline", "high-throughput", "stress", "end-to-end");
        assertThat(result.scenarios()).allSatisfy(s -> {
            assertThat(s.error()).as(s.name()).isNull();
            assertThat(s.run().counts().operations()).as(s.name()).isPositive();
            assertThat(s.gates()).as(s.name()).isNotEmpty();
        });
        assertThat(cli.err()).containsOnlyOnce("starting one embedded Kafka broker for the suite");
        ScenarioResult endToEnd = result.scenarios().get(3);
        assertThat(endToEnd.gates())
                .filteredOn(g -> g.metric().equals("lost") || g.metric().equals("duplicated"))
                .hasSize(2)
                .allSatisfy(g -> {
                    assertThat(g.measured()).isZero();
                    assertThat(g.passed()).isTrue();
                });
        ScenarioResult stress = result.scenarios().get(2);
        assertThat(stress.capacity().steps()).isNotEmpty();
        assertThat(stress.capacity().limitedBy()).isIn("system", "generator", "none");
        assertThat(stress.run().settings().parameters()).containsEntry("command", "kafka produce");
        assertThat(result.scenarios().get(0).run().settings().durationMillis())
                .as("--quick: 30s becomes 3s")
                .isEqualTo(3000);

        long gates =
                result.scenarios().stream().mapToLong(s -> s.gates().size()).sum();
        long failed = result.scenarios().stream()
                .flatMap(s -> s.gates().stream())
                .filter(g -> !g.passed())
                .count();
        assertThat(cli.exitCode()).as(cli.out() + cli.err()).isEqualTo(result.passed() ? 0 : 1);
        assertThat(cli.out())
                .contains("baseline · kafka produce · ", "  capacity ", "end-to-end · stream · ")
                .contains("suite built-in: " + (result.passed() ? "PASS" : "FAIL") + ", " + gates + " gates, " + failed
                        + " failed, 4 scenarios in ");
        for (GateResult g : result.scenarios().get(0).gates()) {
            assertThat(cli.out()).contains((g.passed() ? "✓ " : "✗ ") + g.gate());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            unknown driver   | "driver: kafka produse"                  | s.yaml:2:5: scenario 'a': unknown driver 'kafka produse'; drivers are kafka produce, kafka consume, stream, http, replay
            unknown option   | "driver: kafka produce\\n    rat: 5"       | s.yaml:4:5: scenario 'a' option rat: unknown option for driver kafka produce; its options are P, bootstrap, clients, count,
            bad option value | "driver: kafka produce\\n    rate: fast"   | s.yaml:4:5: scenario 'a' option rate: Invalid value for option '--rate': 'fast' is not a rate
            bad warm-up      | "driver: stream\\n    warmup: sometimes"   | s.yaml:2:5: scenario 'a': --warmup 'sometimes' must be a time
            switch with text | "driver: replay\\n    capture: c.jsonl\\n    skip-bad-lines: maybe" | s.yaml:5:5: scenario 'a' option skip-bad-lines: is a switch
            missing required | "driver: http"                           | s.yaml:2:5: scenario 'a': Missing required option: '--url=URL'
            output per run   | "driver: http\\n    output: x.json"       | s.yaml:4:5: scenario 'a' option output: a suite scenario cannot set output
            on workers       | "driver: http\\n    workers: 3"           | s.yaml:4:5: scenario 'a' option workers: a suite scenario cannot set workers: run the whole suite on workers
            a bad gate       | "driver: http\\n    gates: [p95<fast]"     | s.yaml:4:13: scenario 'a': gate 'p95<fast': bound 'fast' must be a latency with its unit
            """)
    void aBadSuiteExitsTwoWithOneLineNamingThePlace(String what, String scenario, String message, @TempDir Path dir)
            throws Exception {
        Path suite = Files.writeString(
                dir.resolve("s.yaml"), "scenarios:\n  - name: a\n    " + scenario.replace("\\n", "\n") + "\n");

        Cli cli = Cli.run("full", "--suite", suite.toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        List<String> lines = cli.err().lines().toList();
        assertThat(lines).as(what).hasSize(1);
        assertThat(lines.get(0)).as(what).startsWith("pacer: " + suite.getParent() + "/" + message);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aSuiteWithEveryScenarioDisabledIsAUsageErrorNotAPass(@TempDir Path dir) throws Exception {
        Path suite = Files.writeString(
                dir.resolve("off.yaml"),
                "scenarios:\n  - name: a\n    driver: service\n    enabled: false\n    seconds: 1\n");

        Cli cli = Cli.run("full", "--suite", suite.toString());

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().lines().toList())
                .singleElement()
                .asString()
                .contains("has no scenario to run: every one is disabled");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no such suite     | full --suite /no/such/suite.yaml | no such file: /no/such/suite.yaml
            no such scenario  | full --scenario strss            | suite built-in has no scenario 'strss'; its scenarios are baseline, high-throughput, stress, end-to-end, soak
            no such --with    | full --with sock                 | suite built-in has no scenario 'sock'
            bad bootstrap     | full --bootstrap nohostport      | --bootstrap 'nohostport' must be HOST:PORT
            """)
    void badUsageOfFullExitsTwo(String what, String args, String message) {
        Cli cli = Cli.run(args.split(" "));

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err().lines().toList()).singleElement().asString().contains(message);
    }
}
