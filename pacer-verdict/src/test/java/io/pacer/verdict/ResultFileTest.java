package io.pacer.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.internal.Json;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.verdict.compare.SyntheticRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Run and suite results told apart by their schema; every bad file named with what is wrong. */
class ResultFileTest {
    @TempDir
    Path dir;

    @Test
    void aRunResultIsRecognised() throws Exception {
        RunResult run = SyntheticRuns.typical(12).run(1, 1.0);
        Path file = dir.resolve("run.json");
        RunResults.write(run, file);

        ResultFile read = ResultFile.read(file);

        assertThat(read.kind()).isEqualTo("run");
        assertThat(read.subject()).isEqualTo("synthetic");
        assertThat(read.run()).isEqualTo(run);
        assertThat(read.suite()).isNull();
    }

    @Test
    void aSuiteResultIsRecognisedWithItsRuns() throws Exception {
        RunResult run = SyntheticRuns.typical(12).run(1, 1.0);
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        SuiteResult suite = new SuiteResult(
                SuiteResult.SCHEMA,
                "built-in",
                at,
                at.plusSeconds(9),
                List.of(
                        new ScenarioResult("baseline", "kafka produce", run, List.of(), null, null),
                        new ScenarioResult("soak", "kafka produce", null, List.of(), null, "cannot reach Kafka")));
        Path file = dir.resolve("suite.json");
        Json.documentWriter().writeValue(file.toFile(), suite);

        ResultFile read = ResultFile.read(file);

        assertThat(read.kind()).isEqualTo("suite");
        assertThat(read.subject()).isEqualTo("built-in");
        assertThat(read.suite()).isEqualTo(suite);
    }

    /** A suite file written before latency objects had p95: its embedded runs get it, as run files do. */
    @Test
    void anOldSuiteFileGetsP95InItsEmbeddedRuns() throws Exception {
        RunResult run = SyntheticRuns.typical(12).run(3, 1.0);
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        SuiteResult suite = new SuiteResult(
                SuiteResult.SCHEMA,
                "old",
                at,
                at.plusSeconds(9),
                List.of(new ScenarioResult("baseline", "kafka produce", run, List.of(), null, null)));
        ObjectNode tree =
                Json.documentReader().readTree(SuiteResults.toJson(suite)).deepCopy();
        ObjectNode latency = (ObjectNode) tree.at("/scenarios/0/run/latency");
        assertThat(latency.remove("p95")).isNotNull();
        Path file = dir.resolve("old-suite.json");
        Json.documentWriter().writeValue(file.toFile(), tree);

        RunResult read = ResultFile.read(file).suite().scenarios().get(0).run();

        assertThat(read.latency().p95()).isPositive().isEqualTo(run.latency().p95());
        assertThat(read).isEqualTo(run);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty      | '' | not a Pacer result: expected a \"schema\" field pacer.run-result/N or"
                        + " pacer.suite-result/N, but found none",
                "no schema  | {\"driver\": \"x\"} | but found none",
                "other      | {\"schema\": \"k6/1\"} | but found \"k6/1\"",
                "broken     | {\"schema\": | not valid JSON: ",
                "newer run  | {\"schema\": \"pacer.run-result/2\"} | run result schema pacer.run-result/2 is newer"
                        + " than this Pacer reads (pacer.run-result/1); read it with a newer Pacer",
                "newer suite| {\"schema\": \"pacer.suite-result/9\"} | suite result schema pacer.suite-result/9 is"
                        + " newer than this Pacer reads (pacer.suite-result/1); read it with a newer Pacer",
                "bad suite  | {\"schema\": \"pacer.suite-result/1\", \"scenarios\": 3} | not a valid suite result: ",
                "bad fields | {\"schema\": \"pacer.suite-result/1\", \"suite\": 3, \"scenarios\": 7} | not a valid suite"
                        + " result: ",
                "bad run    | {\"schema\": \"pacer.run-result/1\", \"counts\": [1]} | not a valid run result: ",
                "bad embedded run | {\"schema\": \"pacer.suite-result/1\", \"suite\": \"s\", \"scenarios\":"
                        + " [{\"name\": \"a\", \"driver\": \"http\", \"gates\": [], \"run\": {\"schema\":"
                        + " \"pacer.run-result/7\"}}]} | run result schema pacer.run-result/7 is newer",
            })
    void aBadFileIsNamedWithWhatIsWrong(String what, String content, String expected) throws Exception {
        Path file = Files.writeString(dir.resolve("r.json"), content);

        assertThatThrownBy(() -> ResultFile.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(expected)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMissingFileOrADirectoryIsNamed() {
        assertThatThrownBy(() -> ResultFile.read(dir.resolve("nope.json")))
                .hasMessage(dir.resolve("nope.json") + ": no such file");
        assertThatThrownBy(() -> ResultFile.read(dir)).hasMessage(dir + ": is a directory, not a result file");
    }
}
