package io.pacer.load.replay;

/**
 * Reads a capture one record at a time, streaming: memory stays bounded by the longest line, whatever the file
 * size. Not thread-safe: one reader, one thread.
 */
public interface CaptureReader extends AutoCloseable {

    /**
     * The next record, or {@code null} at the end of the capture.
     *
     * @throws CaptureFormatException for a bad line, unless the reader skips bad lines
     * @throws java.io.UncheckedIOException when the file cannot be read (a truncated or corrupt gzip stream)
     */
    CaptureRecord next();

    /** The 1-based line on which the record last returned by {@link #next()} began (0 before the first). */
    long lineNumber();

    /** Bad lines skipped so far (always 0 unless the reader was opened to skip them). */
    long skipped();

    @Override
    void close();
}
