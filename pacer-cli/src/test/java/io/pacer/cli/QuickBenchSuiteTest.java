package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.Pacing;
import io.pacer.verdict.readiness.QuickBench;
import io.pacer.verdict.suite.Scenario;
import io.pacer.verdict.suite.ScenarioLauncher;
import io.pacer.verdict.suite.Suite;
import io.pacer.verdict.suite.SuiteRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The readiness quick bench's suite has exactly the options of {@code pacer kafka produce}: the CLI's launcher takes
 * every scenario, aimed at the cluster's servers and with the cluster's security settings as the producer's.
 */
class QuickBenchSuiteTest {

    @Test
    void theCliLauncherTakesEveryScenarioAsWritten(@TempDir Path dir) throws Exception {
        Path security = Files.writeString(dir.resolve("admin.properties"), "client.id=readiness-bench\n");
        Suite suite = QuickBench.suite("kafka-1:9093", security, 3);
        StringWriter err = new StringWriter();
        CliScenarioLauncher launcher = new CliScenarioLauncher("127.0.0.1:9092", 1, new PrintWriter(err));
        SuiteRunner.check(suite.scenarios(), launcher);
        for (Scenario scenario : suite.scenarios()) {
            ScenarioLauncher.Launch launch = launcher.prepare(scenario);
            try {
                assertThat(launch.parameters())
                        .containsEntry("command", "kafka produce")
                        .containsEntry("producer.acks", "all")
                        .containsEntry("producer.client.id", "readiness-bench")
                        .containsEntry("embedded_broker", "false");
                assertThat(launch.driver().describe()).contains(QuickBench.TOPIC);
            } finally {
                launch.release().run();
            }
        }
        ScenarioLauncher.Launch latency = launcher.prepare(suite.scenarios().get(0));
        assertThat(latency.workload().pacing()).isEqualTo(Pacing.open(500));
        latency.release().run();
        assertThat(err.toString())
                .as("the cluster's servers, no embedded broker")
                .isEmpty();
    }
}
