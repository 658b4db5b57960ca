package io.pacer.load.replay;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** Entry point for reading captures; the format is described in the {@linkplain io.pacer.load.replay package}. */
public final class Captures {

    private static final int STREAM_BUFFER_BYTES = 1 << 16;
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private Captures() {}

    /**
     * Opens {@code capture} for streaming. Gzip is recognised by its magic bytes, whatever the name. The format is
     * CSV when the name ends in {@code .csv} or {@code .csv.gz}, JSON lines when it ends in {@code .jsonl},
     * {@code .ndjson} or {@code .json} (optionally {@code .gz}); otherwise the first non-blank line decides: JSON
     * lines if it starts with <code>{</code>, CSV if it is the header {@code ts,key,value}.
     *
     * @param skipBadLines skip and count bad lines ({@link CaptureReader#skipped()}) instead of failing on the first
     * @throws CaptureFormatException when a CSV capture lacks its header line, or the format cannot be told
     */
    public static CaptureReader open(Path capture, boolean skipBadLines) throws IOException {
        String file = capture.getFileName().toString();
        LineReader lines = new LineReader(decompressed(Files.newInputStream(capture)));
        try {
            return reader(file, lines, skipBadLines);
        } catch (RuntimeException | IOException e) {
            lines.close();
            throw e;
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, STREAM_BUFFER_BYTES);
        in.mark(2);
        boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        in.reset();
        return gzip ? new GZIPInputStream(in, STREAM_BUFFER_BYTES) : in;
    }

    private static CaptureReader reader(String file, LineReader lines, boolean skipBadLines) throws IOException {
        String name = file.toLowerCase(Locale.ROOT).replaceFirst("\\.gz$", "");
        boolean csvByName = name.endsWith(".csv");
        boolean jsonByName = name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json");
        if (jsonByName) {
            return new StreamingCaptureReader(file, lines, new JsonLinesParser(), false, skipBadLines);
        }
        if (!firstNonBlankLine(file, lines)) {
            return new StreamingCaptureReader(file, lines, new JsonLinesParser(), false, skipBadLines);
        }
        if (CsvParser.isHeader(lines)) {
            return new StreamingCaptureReader(file, lines, new CsvParser(), false, skipBadLines);
        }
        if (csvByName) {
            throw new CaptureFormatException(
                    file,
                    lines.number(),
                    "expected the CSV header line " + CsvParser.HEADER,
                    lines.text(),
                    "add the header line " + CsvParser.HEADER + " as the first line");
        }
        if (lines.end() > lines.start() && lines.buffer()[lines.start()] == '{') {
            return new StreamingCaptureReader(file, lines, new JsonLinesParser(), true, skipBadLines);
        }
        throw new CaptureFormatException(
                file,
                lines.number(),
                "expected a JSON object or the CSV header line " + CsvParser.HEADER,
                lines.text(),
                "name the file .jsonl or .csv, or fix its first line");
    }

    private static boolean firstNonBlankLine(String file, LineReader lines) throws IOException {
        try {
            while (lines.next()) {
                if (!lines.blank()) {
                    return true;
                }
            }
            return false;
        } catch (LineReader.TooLong e) {
            throw new CaptureFormatException(file, lines.number(), e.getMessage(), e.head(), "fix the first line");
        }
    }
}
