package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.Pacing;
import io.pacer.verdict.suite.Scenario;
import io.pacer.verdict.suite.ScenarioLauncher;
import io.pacer.verdict.suite.SuiteFile;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scenario's options become the driver command's arguments: names, switches, positionals, defaults, --quick. */
class CliScenarioLauncherTest {

    private static final String BOOTSTRAP = "127.0.0.1:9092";

    @Test
    void optionsAreTheCommandsFlagsWithoutDashes(@TempDir Path dir) throws Exception {
        Path capture = Files.writeString(dir.resolve("c.jsonl"), "{\"ts\": 1, \"value\": \"v\"}\n");
        Scenario produce = scenario("driver: kafka produce\n    rate: 250\n    P: [acks=1, linger.ms=7]\n"
                + "    record-size: 64\n    warmup: 2s\n    duration: 30s");
        Scenario http = scenario("driver: http\n    url: [http://127.0.0.1:1/a, http://127.0.0.1:1/b]\n"
                + "    X: POST\n    H: 'Content-Type: text/plain'");
        Scenario replay =
                scenario("driver: replay\n    capture: " + capture + "\n    skip-bad-lines: true\n" + "    speed: max");

        StringWriter err = new StringWriter();
        ScenarioLauncher.Launch p = new CliScenarioLauncher(BOOTSTRAP, 1, new PrintWriter(err)).prepare(produce);
        assertThat(p.workload().pacing()).isEqualTo(Pacing.open(250));
        assertThat(p.workload().limit().duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.workload().warmup().duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.parameters())
                .containsEntry("command", "kafka produce")
                .containsEntry("record_size", "64")
                .containsEntry("producer.acks", "1")
                .containsEntry("producer.linger.ms", "7");
        assertThat(p.parameters()).containsEntry("embedded_broker", "false");
        assertThat(err.toString())
                .as("the suite's servers, no broker of its own")
                .isEmpty();
        p.release().run();

        ScenarioLauncher.Launch h = launcher(1).prepare(http);
        assertThat(h.parameters())
                .containsEntry("method", "POST")
                .containsEntry("urls", "http://127.0.0.1:1/a http://127.0.0.1:1/b");
        h.release().run();

        ScenarioLauncher.Launch r = launcher(1).prepare(replay);
        assertThat(r.parameters())
                .containsEntry("capture", capture.toString())
                .containsEntry("skip_bad_lines", "true")
                .containsEntry("speed", "max");
        r.release().run();
    }

    @Test
    void suiteDefaultsApplyWhereTheDriverHasTheOptionAndQuickShortensTime() throws Exception {
        var suite = SuiteFile.read("s.yaml", "s", new StringReader("""
                defaults:
                  P: [acks=1]
                  duration: 30s
                  warmup: auto
                scenarios:
                  - name: produce
                    driver: kafka produce
                  - name: api
                    driver: http
                    url: http://127.0.0.1:1/
                    warmup: 10s
                """));

        ScenarioLauncher.Launch produce =
                launcher(FullCommand.QUICK_SCALE).prepare(suite.scenarios().get(0));
        assertThat(produce.parameters()).containsEntry("producer.acks", "1");
        assertThat(produce.workload().limit().duration()).isEqualTo(Duration.ofSeconds(3));
        assertThat(produce.workload().warmup().auto())
                .as("auto is not a time: left as it is")
                .isTrue();
        produce.release().run();

        ScenarioLauncher.Launch api =
                launcher(FullCommand.QUICK_SCALE).prepare(suite.scenarios().get(1));
        assertThat(api.parameters()).doesNotContainKey("producer.acks");
        assertThat(api.workload().warmup().duration()).isEqualTo(Duration.ofSeconds(1));
        api.release().run();
    }

    private static CliScenarioLauncher launcher(double scale) {
        return new CliScenarioLauncher(BOOTSTRAP, scale, new PrintWriter(new StringWriter()));
    }

    private static Scenario scenario(String body) throws Exception {
        return SuiteFile.read("s.yaml", "s", new StringReader("scenarios:\n  - name: a\n    " + body + "\n"))
                .scenarios()
                .get(0);
    }
}
