package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.testing.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code pacer replay}: a bad line stops the run with its line number, or is skipped and counted on request. */
@ExtendWith(KafkaExtension.class)
class ReplayCliTest {

    @Test
    void aBadLineIsAUsageErrorNamingItsLineNumber(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Path capture = capture(dir, 50, 17);

        Cli cli = Cli.run(
                "replay",
                capture.toString(),
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "replay-bad",
                "--speed",
                "max");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err())
                .contains("capture.jsonl line 17")
                .contains("--skip-bad-lines")
                .doesNotContain("\tat ");
    }

    @Test
    void skippedBadLinesAreCountedAndEveryGoodRecordIsSent(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Path capture = capture(dir, 200, 17);
        Path output = dir.resolve("replay.json");

        Cli cli = Cli.run(
                "replay",
                capture.toString(),
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "replay-skip",
                "--speed",
                "50",
                "--skip-bad-lines",
                "--output",
                output.toString());

        assertThat(cli.exitCode()).as(cli.err() + cli.out()).isZero();
        RunResult result = RunResults.read(output);
        assertThat(result.settings().pacing()).isEqualTo("recorded");
        assertThat(result.counts().ok()).isEqualTo(199);
        assertThat(result.driverSummary()).containsEntry("skipped_lines", 1.0).containsEntry("records", 199.0);
    }

    /** {@code records} JSON lines 10 ms apart, with line {@code badLine} (1-based) broken. */
    @Test
    void aGzipCaptureCutShortIsAUsageErrorNamingWhereItEnds(EmbeddedKafka kafka, @TempDir Path dir) throws Exception {
        Path plain = capture(dir, 20_000, -1);
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(packed)) {
            gzip.write(Files.readAllBytes(plain));
        }
        byte[] whole = packed.toByteArray();
        Path cut = Files.write(dir.resolve("cut.jsonl.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));

        Cli cli = Cli.run(
                "replay",
                cut.toString(),
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "replay-cut",
                "--speed",
                "max");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err())
                .contains("cut.jsonl.gz line ")
                .contains("cut short or damaged")
                .doesNotContain("internal error")
                .doesNotContain("\tat ");
    }

    private static Path capture(Path dir, int records, int badLine) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= records; i++) {
            lines.add(
                    i == badLine
                            ? "{\"ts\": 17145648"
                            : "{\"ts\": " + (1_714_564_800_000L + 10L * i) + ", \"key\": \"k" + i
                                    + "\", \"value\": \"value " + i + "\"}");
        }
        return Files.write(dir.resolve("capture.jsonl"), lines);
    }
}
