package io.pacer.load.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Measures how fast a capture is read and parsed (no Kafka): {@code java -cp <test classpath>
 * io.pacer.load.replay.CaptureReadSpeed capture.jsonl [rounds]}. Not a test: a measuring tool for the report.
 */
public final class CaptureReadSpeed {

    private CaptureReadSpeed() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 1; round <= rounds; round++) {
            long started = System.nanoTime();
            long records = 0;
            long payload = 0;
            try (CaptureReader reader = Captures.open(file, false)) {
                for (CaptureRecord r; (r = reader.next()) != null; ) {
                    records++;
                    payload += r.payloadBytes();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %d records, %.0f MB file, %.2f s: %.0f MB/s of file, %.0f MB/s of payload%n",
                    round,
                    records,
                    Files.size(file) / 1e6,
                    seconds,
                    Files.size(file) / seconds / 1e6,
                    payload / seconds / 1e6);
        }
    }
}
