package io.pacer.load;

import java.util.Objects;

/**
 * How one operation ended.
 *
 * @param ok      whether it succeeded
 * @param status  a short, stable classification: {@code "ok"}, an HTTP status such as {@code "200"} or {@code "503"},
 *                or a failure type such as {@code "TimeoutException"}; counted per run and per label
 * @param label   groups latency per endpoint or topic ({@code "GET /orders"}); empty when the run has one kind of
 *                operation
 * @param records records this operation moved (1 for a send; the number polled for a consumer poll)
 * @param bytes   payload bytes this operation moved
 */
public record Outcome(boolean ok, String status, String label, long records, long bytes) {

    public static final String OK = "ok";

    public Outcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(label, "label");
        if (status.isBlank()) {
            throw new IllegalArgumentException("status must not be blank");
        }
        if (records < 0) {
            throw new IllegalArgumentException("records must be >= 0, but was " + records);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, but was " + bytes);
        }
    }

    /** One successful record of {@code bytes} bytes. */
    public static Outcome ok(long bytes) {
        return new Outcome(true, OK, "", 1, bytes);
    }

    /** A successful operation that moved {@code records} records and {@code bytes} bytes. */
    public static Outcome ok(long records, long bytes) {
        return new Outcome(true, OK, "", records, bytes);
    }

    /** A failed operation classified as {@code status}. */
    public static Outcome failed(String status) {
        return new Outcome(false, status, "", 1, 0);
    }

    public Outcome withLabel(String newLabel) {
        return new Outcome(ok, status, newLabel, records, bytes);
    }

    public Outcome withStatus(String newStatus) {
        return new Outcome(ok, newStatus, label, records, bytes);
    }
}
