package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher's SPILL path across a process kill: a child JVM ({@link SpillingBatcherMain}) spills while its sink
 * is down and is killed with SIGKILL mid-stream; a new batcher on the same directory then delivers every event
 * whose flush had been acknowledged, exactly once and in order.
 */
@Timeout(120)
class BatcherKillTest {
    private static final long ACKED_BEFORE_KILL = 20_000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedEventIsDeliveredExactlyOnceAfterSigkill() throws Exception {
        Path spool = dir.resolve("spool");
        Path stderr = dir.resolve("stderr.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SpillingBatcherMain.class.getName(),
                        spool.toString())
                .redirectError(stderr.toFile())
                .start();
        long lastAck = 0;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastAck < ACKED_BEFORE_KILL) {
                String line = out.readLine();
                if (line == null || System.nanoTime() > deadline) {
                    fail("child stopped acknowledging at " + lastAck + "; stderr:\n" + Files.readString(stderr));
                }
                if (line.startsWith("ACK ")) {
                    lastAck = Long.parseLong(line.substring(4));
                }
            }
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);

        InMemorySink<String> sink = InMemorySink.create();
        try (Batcher<String> recovered = Batcher.<String>builder()
                .overflow(Overflow.spill(spool, 1L << 30), SpoolCodec.utf8())
                .build(sink)) {
            Await.until(
                    WAIT,
                    "recovered.snapshot().spoolDepth() == 0",
                    () -> recovered.snapshot().spoolDepth() == 0);
            assertThat(recovered.flush(Duration.ofSeconds(10))).isTrue();
        }
        List<String> delivered = sink.delivered();
        assertThat(delivered.size()).isGreaterThanOrEqualTo((int) lastAck);
        for (int i = 0; i < delivered.size(); i++) {
            if (Long.parseLong(delivered.get(i)) != i + 1) {
                fail("event " + (i + 1) + " missing, repeated or out of order: found " + delivered.get(i) + " at index "
                        + i + " (last acknowledged " + lastAck + ")");
            }
        }
    }
}
