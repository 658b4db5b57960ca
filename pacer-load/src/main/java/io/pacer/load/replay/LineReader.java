package io.pacer.load.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines in place: each line is a range of one reusable buffer, so no line is copied or
 * decoded unless its parser needs to. The buffer grows to fit the longest line, up to {@link #MAX_LINE_BYTES}, which
 * bounds memory whatever the file size. Line ends are {@code \n} or {@code \r\n}. Not thread-safe.
 */
final class LineReader implements AutoCloseable {
    private static final long NEWLINES = ByteScan.lanes('\n');

    static final int MAX_LINE_BYTES = 16 << 20;
    static final int DEFAULT_BUFFER_BYTES = 1 << 20;
    private static final int HEAD_BYTES = 64;

    /** A line longer than the maximum; the reader has skipped it. */
    static final class TooLong extends Exception {
        private final String head;

        TooLong(int maxLineBytes, String head) {
            super("a line must be at most " + maxLineBytes + " bytes", null, false, false);
            this.head = head;
        }

        /** The start of the line, for the error message. */
        String head() {
            return head;
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private byte[] buf;
    /** Data in the buffer is [pos, limit); the current line is [start, end); scanned up to scan without a '\n'. */
    private int pos;

    private int limit;
    private int scan;
    private int start;
    private int end;
    private boolean eof;
    private long number;

    LineReader(InputStream in) {
        this(in, DEFAULT_BUFFER_BYTES, MAX_LINE_BYTES);
    }

    LineReader(InputStream in, int bufferBytes, int maxLineBytes) {
        if (maxLineBytes < HEAD_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be >= " + HEAD_BYTES + ", but was " + maxLineBytes);
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.min(bufferBytes, maxLineBytes + 1)];
    }

    /**
     * Advances to the next line; false at the end of the stream.
     *
     * @throws TooLong when the line exceeds the maximum; it is skipped, the next call reads the line after it
     */
    boolean next() throws IOException, TooLong {
        while (true) {
            int newline = indexOfNewline(scan, limit);
            if (newline >= 0) {
                return take(newline, newline + 1);
            }
            scan = limit;
            if (eof) {
                return pos < limit && take(limit, limit);
            }
            if (limit - pos > maxLineBytes) {
                String head = new String(buf, pos, HEAD_BYTES, StandardCharsets.UTF_8);
                skipRestOfLine();
                throw new TooLong(maxLineBytes, head);
            }
            fill();
        }
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    boolean blank() {
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The current line decoded, for error messages. */
    String text() {
        return new String(buf, start, end - start, StandardCharsets.UTF_8);
    }

    private boolean take(int lineEnd, int nextPos) {
        start = pos;
        end = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
        pos = nextPos;
        scan = nextPos;
        number++;
        return true;
    }

    private int indexOfNewline(int from, int to) {
        return ByteScan.indexOf(buf, from, to, NEWLINES);
    }

    /** Makes room after the data (moving it to the front, or growing the buffer) and reads more of the stream. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            scan -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(2L * buf.length, maxLineBytes + 1L));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private void skipRestOfLine() throws IOException {
        number++;
        while (true) {
            int newline = indexOfNewline(scan, limit);
            if (newline >= 0) {
                pos = newline + 1;
                scan = pos;
                return;
            }
            pos = limit;
            scan = limit;
            if (eof) {
                return;
            }
            fill();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
