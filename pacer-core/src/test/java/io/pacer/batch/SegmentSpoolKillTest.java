package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a child JVM ({@link SpoolWriterMain}) with SIGKILL while it appends as fast as it can, then reopens its
 * spool: every acknowledged event is there exactly once and in order (ids contiguous from the first replayed one);
 * with commits, nothing acknowledged as committed comes back.
 */
class SegmentSpoolKillTest {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "kill after {0} acked ids, segments of {1} bytes, commit every {2} appends")
    @CsvSource({"2000, 65536, 0", "8000, 4096, 3", "30000, 1024, 2"})
    void acknowledgedAppendsSurviveSigkill(long killAfterIds, long segmentBytes, int commitEvery) throws Exception {
        Path spoolDir = dir.resolve("spool");
        Path stderr = dir.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC", // start fast; this test is about the kill
                        "-cp",
                        System.getProperty("java.class.path"),
                        SpoolWriterMain.class.getName(),
                        spoolDir.toString(),
                        Long.toString(segmentBytes),
                        Integer.toString(commitEvery))
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(child, lines), "spool-child-stdout");
        reader.setDaemon(true);
        reader.start();
        long lastAck = 0;
        long lastCommit = 0;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (lastAck < killAfterIds) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    fail("child acked only " + lastAck + " ids in " + TIMEOUT_SECONDS + " s (alive=" + child.isAlive()
                            + "); stderr:\n" + Files.readString(stderr));
                }
                lastAck = Math.max(lastAck, parse(line, "ACK "));
                lastCommit = Math.max(lastCommit, parse(line, "COMMIT "));
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux; asserted via the exit code below
        }
        assertThat(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .as("child exits after SIGKILL")
                .isTrue();
        assertThat(child.exitValue())
                .as("128 + SIGKILL(9): killed, not shut down")
                .isEqualTo(137);
        reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        assertThat(reader.isAlive()).as("stdout reader reached end of stream").isFalse();
        for (String line : lines) { // printed before the kill, so these appends and commits had returned too
            lastAck = Math.max(lastAck, parse(line, "ACK "));
            lastCommit = Math.max(lastCommit, parse(line, "COMMIT "));
        }

        List<Long> ids = new ArrayList<>();
        try (SegmentSpool<String> spool =
                SegmentSpool.open(spoolDir, 1L << 30, SpoolCodec.utf8(), segmentBytes, false)) {
            for (List<String> batch = spool.peek(); batch != null; batch = spool.peek()) {
                batch.forEach(id -> ids.add(Long.parseLong(id)));
                spool.commit();
            }
        }
        System.out.printf(
                "kill after %d: last ACK %d, last COMMIT %d, replayed ids %s..%s%n",
                killAfterIds,
                lastAck,
                lastCommit,
                ids.isEmpty() ? "-" : ids.get(0),
                ids.isEmpty() ? "-" : ids.get(ids.size() - 1));
        assertThat(ids).as("acked ids survive").isNotEmpty();
        long first = ids.get(0);
        long last = ids.get(ids.size() - 1);
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) != first + i) {
                fail("ids not contiguous and increasing at index " + i + ": " + ids.subList(Math.max(0, i - 3), i + 1));
            }
        }
        if (commitEvery == 0) {
            assertThat(first)
                    .as("nothing was committed, so replay starts at id 1")
                    .isEqualTo(1);
        } else {
            assertThat(first - 1).as("acknowledged commits are durable").isGreaterThanOrEqualTo(lastCommit);
        }
        assertThat(last).as("every acked id is replayed").isGreaterThanOrEqualTo(lastAck);
        // No upper bound on ids beyond the last ACK seen: appended-but-unacknowledged events may survive, and the
        // JDK drains a dead child's pipe on its own reaper thread, which was seen to lose the last ACK lines.
    }

    /** The number after {@code prefix}, or 0 for other lines (a line cut short by the kill only understates). */
    private static long parse(String line, String prefix) {
        if (!line.startsWith(prefix)) {
            return 0;
        }
        try {
            return Long.parseLong(line.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void readLines(Process child, BlockingQueue<String> lines) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("READ-ERROR " + e);
        }
    }
}
