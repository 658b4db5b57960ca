package io.pacer.load.replay;

import java.io.IOException;

/** Turns the line(s) of one capture record into a {@link CaptureRecord}: one implementation per file format. */
interface RecordParser {

    /**
     * Parses the record that begins on the current line of {@code lines} (a CSV record with a quoted line break
     * continues on the following lines).
     */
    CaptureRecord parse(LineReader lines) throws BadRecord, IOException, LineReader.TooLong;

    /** What was wrong with a record, in words for the one-line error message. Cheap: no stack trace. */
    final class BadRecord extends Exception {
        BadRecord(String problem) {
            super(problem, null, false, false);
        }
    }
}
