package io.pacer.load.replay;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic capture for replay benchmarks: distinct records (key {@code k-<n>}, a value of
 * {@value #VALUE_BYTES} random letters), timestamps rising at {@value #RECORDS_PER_SECOND} records per second from
 * {@value #START_MILLIS}. Streams straight to the file, so any size costs the same memory.
 *
 * <pre>
 *   java -cp pacer-load.jar io.pacer.load.replay.CaptureGenerator /tmp/capture.jsonl 1g jsonl
 *   java -cp pacer-load.jar io.pacer.load.replay.CaptureGenerator /tmp/capture.csv.gz 200m csv   (gzip: name ends .gz)
 * </pre>
 */
public final class CaptureGenerator {

    /** How records are written; see the package documentation. */
    public enum Format {
        JSONL,
        CSV
    }

    public static final int VALUE_BYTES = 1000;
    public static final int RECORDS_PER_SECOND = 10_000;
    public static final long START_MILLIS = 1_700_000_000_000L;

    private static final int OUTPUT_BUFFER_BYTES = 1 << 20;
    private static final byte[] LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int LETTERS_PER_LONG = 12; // 5 random bits per letter
    private static final String USAGE = "usage: CaptureGenerator <file> <size, e.g. 1g, 500m, 1048576> <jsonl|csv>"
            + " (gzip when the file name ends in .gz)";

    private CaptureGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println(USAGE);
            System.exit(2);
        }
        long size;
        Format format;
        try {
            size = parseSize(args[1]);
            format = parseFormat(args[2]);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "; " + USAGE);
            System.exit(2);
            return;
        }
        Path file = Path.of(args[0]);
        long started = System.nanoTime();
        long records = write(file, size, format, 1);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s: %d records, %d bytes in %.1f s (%.0f MB/s of records)%n",
                file,
                records,
                Files.size(file),
                seconds,
                size / seconds / 1e6);
    }

    /**
     * Writes records to {@code file} until at least {@code sizeBytes} of uncompressed records were written
     * (gzip-compressed when the name ends in {@code .gz}); the same seed writes the same file.
     *
     * @return the number of records written
     */
    public static long write(Path file, long sizeBytes, Format format, long seed) throws IOException {
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must be >= 0, but was " + sizeBytes);
        }
        SplittableRandom random = new SplittableRandom(seed);
        byte[] line = new byte[VALUE_BYTES + 128];
        long written = 0;
        long records = 0;
        OutputStream raw = Files.newOutputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            raw = new GZIPOutputStream(raw, OUTPUT_BUFFER_BYTES);
        }
        try (OutputStream out = new BufferedOutputStream(raw, OUTPUT_BUFFER_BYTES)) {
            if (format == Format.CSV) {
                byte[] header = (CsvParser.HEADER + "\n").getBytes(StandardCharsets.US_ASCII);
                out.write(header);
                written += header.length;
            }
            while (written < sizeBytes) {
                int length = format == Format.CSV ? csvLine(line, records, random) : jsonLine(line, records, random);
                out.write(line, 0, length);
                written += length;
                records++;
            }
        }
        return records;
    }

    private static int jsonLine(byte[] line, long n, SplittableRandom random) {
        int at = ascii(line, 0, "{\"ts\":");
        at = ascii(line, at, Long.toString(timestamp(n)));
        at = ascii(line, at, ",\"key\":\"k-");
        at = ascii(line, at, Long.toString(n));
        at = ascii(line, at, "\",\"value\":\"");
        at = letters(line, at, random);
        at = ascii(line, at, "\"}\n");
        return at;
    }

    private static int csvLine(byte[] line, long n, SplittableRandom random) {
        int at = ascii(line, 0, Long.toString(timestamp(n)));
        at = ascii(line, at, ",k-");
        at = ascii(line, at, Long.toString(n));
        line[at++] = ',';
        at = letters(line, at, random);
        line[at++] = '\n';
        return at;
    }

    private static long timestamp(long n) {
        return START_MILLIS + n * 1000 / RECORDS_PER_SECOND;
    }

    private static int letters(byte[] line, int at, SplittableRandom random) {
        int end = at + VALUE_BYTES;
        while (at < end) {
            long bits = random.nextLong();
            for (int i = 0; i < LETTERS_PER_LONG && at < end; i++, bits >>>= 5) {
                line[at++] = LETTERS[(int) (bits & 31)];
            }
        }
        return at;
    }

    private static int ascii(byte[] line, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            line[at++] = (byte) text.charAt(i);
        }
        return at;
    }

    static Format parseFormat(String text) {
        for (Format format : Format.values()) {
            if (format.name().equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("format must be jsonl or csv, but was '" + text + "'");
    }

    /** {@code 1048576}, {@code 500k}, {@code 200m}, {@code 1g} (binary multiples; a trailing {@code b} is allowed). */
    static long parseSize(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = s.endsWith("k") ? 10 : s.endsWith("m") ? 20 : s.endsWith("g") ? 30 : 0;
        if (shift > 0) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            long value = Long.parseLong(s);
            if (value < 0 || value > Long.MAX_VALUE >> shift) {
                throw new NumberFormatException();
            }
            return value << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "size must be a byte count such as 1g, 500m or 1048576, but was '" + text + "'");
        }
    }
}
