package io.pacer.load.kafka;

import java.nio.charset.StandardCharsets;

/** Record keys and ids as the decimal digits of a non-negative number in ASCII, readable in any Kafka tool. */
final class Ids {

    /** Returned by {@link #parse} for bytes that are not an id. */
    static final long NOT_AN_ID = -1;

    private static final int MAX_DIGITS = 18; // every 18-digit number fits in a long

    private Ids() {}

    static byte[] ascii(long id) {
        return Long.toString(id).getBytes(StandardCharsets.US_ASCII);
    }

    /** The id written by {@link #ascii}, or {@link #NOT_AN_ID}. */
    static long parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_DIGITS) {
            return NOT_AN_ID;
        }
        long id = 0;
        for (byte b : bytes) {
            if (b < '0' || b > '9') {
                return NOT_AN_ID;
            }
            id = id * 10 + (b - '0');
        }
        return id;
    }
}
