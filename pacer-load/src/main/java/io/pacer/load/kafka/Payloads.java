package io.pacer.load.kafka;

import io.pacer.load.LoadSetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Record values, chosen by operation sequence without allocating: either a pool of distinct random A–Z arrays
 * (what Kafka's ProducerPerformance sends with {@code --record-size}, so compression sees realistic data rather
 * than one repeated array), or the lines of a payload file, round-robin.
 *
 * <p>Notes: the producer copies a value into its batch during {@code send}, so sharing the arrays is safe. The
 * pool holds at most {@link #POOL_BYTES} (at least one array): enough that consecutive records in one batch differ,
 * which is all a compressor can exploit.
 */
final class Payloads {

    static final int POOL_BYTES = 8 << 20;
    static final int MAX_POOL_ARRAYS = 4096;

    private final byte[][] values;

    private Payloads(byte[][] values) {
        this.values = values;
    }

    /** Distinct arrays of {@code size} random upper-case letters. */
    static Payloads randomLetters(int size, long seed) {
        int count = Math.max(1, Math.min(MAX_POOL_ARRAYS, POOL_BYTES / size));
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] values = new byte[count][size];
        for (byte[] value : values) {
            for (int i = 0; i < size; i++) {
                value[i] = (byte) ('A' + random.nextInt(26));
            }
        }
        return new Payloads(values);
    }

    /** The lines of a UTF-8 file, without their line ends. */
    static Payloads lines(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            throw new LoadSetupException(
                    "cannot read payload file " + file + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): check --payload-file",
                    e);
        }
        if (lines.isEmpty()) {
            throw new LoadSetupException("payload file " + file + " has no lines: put one payload per line");
        }
        byte[][] values = new byte[lines.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = lines.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return new Payloads(values);
    }

    byte[] next(long sequence) {
        return values[(int) Long.remainderUnsigned(sequence, values.length)];
    }

    int distinct() {
        return values.length;
    }
}
