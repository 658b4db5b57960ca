package io.pacer.batch;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * A durable FIFO of batches on disk (single writer, single reader: the flusher thread). A batch returned from
 * {@link #append} has been handed to the operating system, so it survives the process being killed; a torn
 * or corrupt tail left by a crash is detected by checksum and cut on open.
 */
interface Spool<T> extends Closeable {

    /**
     * Appends one batch as one record.
     *
     * @throws SpoolFullException when the record would take the spool past its size bound
     */
    void append(List<T> batch) throws IOException;

    /** The oldest batch not yet committed, or {@code null} when the spool is empty. Does not remove it. */
    List<T> peek() throws IOException;

    /** Marks the batch last returned by {@link #peek} as delivered, durably, and moves past it. */
    void commit() throws IOException;

    /** Events appended and not yet committed. */
    long depthEvents();

    /** Bytes on disk held by records not yet committed. */
    long sizeBytes();
}
