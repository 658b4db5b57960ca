package io.pacer.monitor.kafka;

/**
 * A lag history file that cannot be used, with a one-line message naming the file, the field (as a JSON path such as
 * {@code partitions[0].commits[2].offset}), what is wrong and, where known, the line and column.
 */
public final class LagHistoryException extends IllegalArgumentException {
    LagHistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
