package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.testing.KafkaExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka commands end to end against a real broker, through the same entry point as the shaded jar. */
@ExtendWith(KafkaExtension.class)
class KafkaCliTest {

    @Test
    void seedSurfaceRunsAsWrittenAndWritesAReadableResult(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Path output = dir.resolve("results.json");
        Cli cli = Cli.run(
                "kafka",
                "--duration",
                "3",
                "--users",
                "10",
                "--rate",
                "100",
                "--output",
                output.toString(),
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "seed-surface");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult result = RunResults.read(output);
        assertThat(result.schema()).isEqualTo(RunResult.SCHEMA);
        assertThat(result.settings().users()).isEqualTo(10);
        assertThat(result.settings().ratePerSecond()).isEqualTo(100.0);
        assertThat(result.settings().parameters()).containsEntry("topic", "seed-surface");
        // 100/s for 3 s: the open schedule issues 300 operations (a few more or less at the boundaries).
        assertThat((double) result.counts().operations()).isCloseTo(300, within(30.0));
        assertThat(result.counts().failed()).isZero();
        assertThat(result.latency().count()).isEqualTo(result.counts().ok());
        assertThat(cli.out()).contains("operations").contains("p99").contains("verdict      PASS");
    }

    @Test
    void unlimitedProduceCountsExactlyTheRecordsAskedFor(EmbeddedKafka kafka) {
        Cli cli = Cli.run(
                "kafka",
                "produce",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "unlimited",
                "--rate",
                "-1",
                "--count",
                "5000",
                "--record-size",
                "200",
                "-P",
                "acks=all",
                "-P",
                "linger.ms=5");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        assertThat(cli.out())
                .contains("operations   5,000   ok 5,000   failed 0")
                .contains("unlimited rate");
    }

    @Test
    void consumeReadsBackWhatWasProduced(EmbeddedKafka kafka) {
        assertThat(Cli.run(
                                "kafka",
                                "produce",
                                "--bootstrap",
                                kafka.bootstrapServers(),
                                "--topic",
                                "readback",
                                "--rate",
                                "-1",
                                "--count",
                                "2000")
                        .exitCode())
                .isZero();

        Cli cli = Cli.run(
                "kafka",
                "consume",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "readback",
                "--group",
                "readers",
                "--count",
                "2000",
                "--duration",
                "60s");

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        assertThat(cli.out()).contains("records/s").containsPattern("2,0\\d\\d records|ok");
    }
}
