package io.pacer.server.routes;

import io.pacer.server.http.ApiException;
import java.io.Writer;

/**
 * A writer into memory that refuses to grow past a bound: an export is built whole before it is answered, and its
 * size is the client's to choose (hours, resolution), so it stops at {@code max} characters with a 400 saying how to
 * ask for less rather than filling the heap.
 */
final class BoundedWriter extends Writer {

    private final StringBuilder text = new StringBuilder();
    private final int max;

    BoundedWriter(int max) {
        this.max = max;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        if (text.length() + (long) length > max) {
            throw ApiException.invalid(
                    "hours",
                    "the export would exceed " + max / (1024 * 1024) + " MiB; ask for fewer hours or a coarser"
                            + " resolution, or use pacer metrics export, which writes to a file");
        }
        text.append(chars, offset, length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
        return text.toString();
    }
}
