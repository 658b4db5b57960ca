package io.pacer.load.replay;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

/** Reads a capture timestamp written as ISO-8601 text with an offset, such as {@code 2024-05-01T12:00:00.250Z}. */
final class Timestamps {

    static final String RULE =
            "\"ts\" must be epoch milliseconds or an ISO-8601 time with offset such as 2024-05-01T12:00:00.250Z";

    private Timestamps() {}

    static long isoMillis(String text) throws RecordParser.BadRecord {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new RecordParser.BadRecord(RULE);
        }
    }
}
