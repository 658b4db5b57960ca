package io.pacer.verdict.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteFileTest {

    @Test
    void theBuiltInSuiteHasItsFiveScenariosWithSoakOffByDefault() {
        Suite suite = SuiteFile.builtIn();

        assertThat(suite.name()).isEqualTo("built-in");
        assertThat(suite.scenarios())
                .extracting(Scenario::name)
                .containsExactly("baseline", "high-throughput", "stress", "end-to-end", "soak");
        assertThat(suite.select(null, Set.of())).extracting(Scenario::name).doesNotContain("soak");
        assertThat(suite.select(null, Set.of("soak")))
                .extracting(Scenario::name)
                .contains("soak");
        assertThat(suite.select("stress", Set.of())).extracting(Scenario::name).containsExactly("stress");
        Scenario baseline = suite.scenarios().get(0);
        assertThat(baseline.driver()).isEqualTo("kafka produce");
        assertThat(baseline.options().get("rate").values()).containsExactly("500");
        assertThat(baseline.gates()).extracting(Scenario.GateSpec::text).containsExactly("p95<500ms", "errors<1%");
        assertThat(baseline.abortOnFail()).isTrue();
        assertThat(suite.scenarios().get(1).options().get("P").values()).hasSize(4);
        assertThat(suite.scenarios().get(2).search()).isNotNull();
    }

    @Test
    void selectingAScenarioTheSuiteDoesNotHaveListsTheOnesItHas() {
        assertThatThrownBy(() -> SuiteFile.builtIn().select("strss", Set.of()))
                .hasMessage("suite built-in has no scenario 'strss'; its scenarios are baseline, high-throughput,"
                        + " stress, end-to-end, soak");
        assertThatThrownBy(() -> SuiteFile.builtIn().select(null, List.of("sock")))
                .hasMessageContaining("no scenario 'sock'");
    }

    @Test
    void aFileIsNamedAfterItselfUnlessItSaysAndErrorsNameIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nightly.yaml");
        Files.writeString(file, "scenarios:\n  - name: a\n    driver: http\n");
        assertThat(SuiteFile.read(file).name()).isEqualTo("nightly");

        Files.writeString(file, "scenarios:\n  - name: a\n    driver: http\n    gates: [p96<1s]\n");
        assertThatThrownBy(() -> SuiteFile.read(file))
                .isInstanceOf(SuiteException.class)
                .hasMessageStartingWith(file + ":4:13: scenario 'a': gate 'p96<1s': unknown metric 'p96'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not YAML           | 'scenarios: [a'                                                   | s.yaml:1:14: not valid YAML
            empty              | ''                                                                | s.yaml:1:1: the file is empty
            a list at the top  | '- a'                                                             | s.yaml:1:1: the suite must be a mapping of keys to values, but is a list
            no scenarios       | 'name: x'                                                         | s.yaml:1:1: the suite needs 'scenarios'
            unknown top key    | 'scenarioz: []'                                                   | s.yaml:1:1: the suite: unknown key 'scenarioz'; valid keys are defaults, name, scenarios
            empty scenarios    | 'scenarios: []'                                                   | s.yaml:1:12: 'scenarios' must be a non-empty list
            scenario not a map | 'scenarios: [a]'                                                  | s.yaml:1:13: scenarios[0] must be a mapping
            no name            | 'scenarios: [{driver: http}]'                                     | s.yaml:1:13: scenarios[0] needs a 'name'
            no driver          | 'scenarios: [{name: a}]'                                          | s.yaml:1:13: scenario 'a' needs a 'driver'
            twice the same     | 'scenarios: [{name: a, driver: http}, {name: a, driver: http}]'   | s.yaml:1:38: scenario name 'a' is used twice (first at line 1)
            repeated key       | 'scenarios: [{name: a, name: b, driver: http}]'                   | s.yaml:1:23: scenarios[0].name: appears twice (first at line 1); keep one
            a bad gate         | 'scenarios: [{name: a, driver: http, gates: [p95<500]}]'          | s.yaml:1:45: scenario 'a': gate 'p95<500': bound '500' must be a latency with its unit
            a gate as a map    | 'scenarios: [{name: a, driver: http, gates: [{p95: 1}]}]'         | s.yaml:1:45: scenario 'a' gates must be a value, but is a mapping
            a bad boolean      | 'scenarios: [{name: a, driver: http, abortOnFail: yes please}]'   | s.yaml:1:50: scenario 'a' abortOnFail must be true or false, but was 'yes please'
            an option as a map | 'scenarios: [{name: a, driver: http, rate: {x: 1}}]'              | s.yaml:1:43: scenario 'a' option rate must be a value, but is a mapping
            a dashed option    | 'scenarios: [{name: a, driver: http, --rate: 5}]'                 | s.yaml:1:37: scenario 'a': '--rate' is not an option name: write the driver's flag without dashes
            search, no gates   | 'scenarios: [{name: a, driver: http, search: {from: 1, to: 2, step: 1}}]' | s.yaml:1:37: scenario 'a': a capacity search needs gates
            search, no to      | 'scenarios: [{name: a, driver: http, gates: [lost=0], search: {from: 1, step: 1}}]' | s.yaml:1:62: scenario 'a' search needs 'to'
            search, bad key    | 'scenarios: [{name: a, driver: http, gates: [lost=0], search: {from: 1, to: 2, stride: 1}}]' | s.yaml:1:79: scenario 'a' search: unknown key 'stride'; valid keys are from, to, step, factor, refine, min
            search, bad number | 'scenarios: [{name: a, driver: http, gates: [lost=0], search: {from: x, to: 2, step: 1}}]' | s.yaml:1:69: scenario 'a' search.from must be a number, but was 'x'
            search, both ways  | 'scenarios: [{name: a, driver: http, gates: [lost=0], search: {from: 1, to: 2, step: 1, factor: 2}}]' | s.yaml:1:62: scenario 'a' search: a search needs either step
            search, to < from  | 'scenarios: [{name: a, driver: http, gates: [lost=0], search: {from: 5, to: 2, step: 1}}]' | s.yaml:1:62: scenario 'a' search: search to must be >= from (5), but was 2
            """)
    void everyProblemNamesFileLineColumnAndField(String what, String yaml, String message) {
        assertThatThrownBy(() -> SuiteFile.read("s.yaml", "s", new StringReader(yaml)))
                .as(what)
                .isInstanceOf(SuiteException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void defaultsGiveEveryScenarioTheirOptionsUnlessItSetsItsOwn() throws Exception {
        Suite suite = SuiteFile.read("s.yaml", "s", new StringReader("""
                defaults:
                  warmup: 10s
                  duration: 1m
                scenarios:
                  - name: a
                    driver: http
                    duration: 20s
                  - name: b
                    driver: stream
                """));
        Scenario a = suite.scenarios().get(0);
        assertThat(a.options().get("duration").values()).containsExactly("20s");
        assertThat(a.options().get("duration").inherited()).isFalse();
        assertThat(a.options().get("warmup").values()).containsExactly("10s");
        assertThat(a.options().get("warmup").inherited()).isTrue();
        assertThat(a.options().get("warmup").at()).hasToString("s.yaml:2:3");
        assertThat(suite.scenarios().get(1).options().get("duration").values()).containsExactly("1m");

        assertThatThrownBy(() -> SuiteFile.read(
                        "s.yaml",
                        "s",
                        new StringReader("defaults: {gates: [lost=0]}\nscenarios: [{name: a, driver: http}]")))
                .hasMessage("s.yaml:1:12: defaults: 'gates' is a scenario key, not an option; defaults hold options"
                        + " only");
    }

    @Test
    void anOptionKeepsWhereItWasWrittenAndItsValuesAsText() throws Exception {
        Suite suite = SuiteFile.read("s.yaml", "s", new StringReader("""
                scenarios:
                  - name: a
                    driver: kafka   produce
                    rate: 1_000
                    skip-bad-lines: true
                    P:
                      - acks=all
                      - linger.ms=5
                """));
        Scenario a = suite.scenarios().get(0);
        assertThat(a.driver()).isEqualTo("kafka produce");
        assertThat(a.options().get("rate").values()).containsExactly("1_000");
        assertThat(a.options().get("skip-bad-lines").values()).containsExactly("true");
        assertThat(a.options().get("P").values()).containsExactly("acks=all", "linger.ms=5");
        assertThat(a.options().get("P").at()).hasToString("s.yaml:6:5");
        assertThat(a.enabled()).isTrue();
        assertThat(a.abortOnFail()).isFalse();
    }
}
