package io.pacer.load.replay;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads records line by line through a {@link RecordParser}, skipping blank lines; a bad record either stops the
 * reader with a {@link CaptureFormatException} or, when skipping, is counted and passed over.
 */
final class StreamingCaptureReader implements CaptureReader {

    static final String SKIP_FIX = "fix the line or pass --skip-bad-lines to skip and count such lines";

    private final String file;
    private final LineReader lines;
    private final RecordParser parser;
    private final boolean skipBadLines;
    /** The current line was read (to tell the format) but not yet parsed. */
    private boolean pending;

    private long lineNumber;
    private long skipped;

    StreamingCaptureReader(String file, LineReader lines, RecordParser parser, boolean pending, boolean skipBadLines) {
        this.file = file;
        this.lines = lines;
        this.parser = parser;
        this.pending = pending;
        this.skipBadLines = skipBadLines;
    }

    @Override
    public CaptureRecord next() {
        try {
            while (nextLine()) {
                long line = lines.number();
                try {
                    CaptureRecord record = parser.parse(lines);
                    lineNumber = line;
                    return record;
                } catch (RecordParser.BadRecord e) {
                    bad(line, e.getMessage(), lines.text());
                } catch (LineReader.TooLong e) {
                    bad(line, e.getMessage(), e.head());
                }
            }
            return null;
        } catch (IOException e) {
            // a gzip cut short or damaged: the user's file, so a format problem (exit 2), not an internal error
            throw new CaptureFormatException(
                    file,
                    lines.number(),
                    "cannot be read past this line: " + e.getMessage(),
                    "the capture is cut short or damaged; take it again, or cut it at this line");
        }
    }

    /** Moves to the next non-blank line (or the pending one); false at the end. */
    private boolean nextLine() throws IOException {
        if (pending) {
            pending = false;
            return true;
        }
        while (true) {
            try {
                if (!lines.next()) {
                    return false;
                }
                if (!lines.blank()) {
                    return true;
                }
            } catch (LineReader.TooLong e) {
                bad(lines.number(), e.getMessage(), e.head());
            }
        }
    }

    private void bad(long line, String problem, String text) {
        if (!skipBadLines) {
            throw new CaptureFormatException(file, line, problem, text, SKIP_FIX);
        }
        skipped++;
    }

    @Override
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        try {
            lines.close();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot close: " + e.getMessage(), e);
        }
    }
}
