package io.pacer.load.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * CSV records {@code ts,key,value} (RFC 4180): a field may be quoted with {@code "}, a quote inside it doubled,
 * and a quoted field may span lines. An empty unquoted key is {@code null}; a quoted empty key {@code ""} is the
 * empty key. The header line is checked by {@link #isHeader}.
 */
final class CsvParser implements RecordParser {
    private static final long COMMAS = ByteScan.lanes(',');
    private static final long QUOTES = ByteScan.lanes('"');

    static final String HEADER = "ts,key,value";
    private static final byte[] HEADER_BYTES = HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] NEWLINE = {'\n'};
    private static final String EXPECTED = "expected 3 fields ts,key,value";

    /** Collects a quoted field's bytes; reused, grows to the largest field. */
    private byte[] scratch = new byte[1024];
    /** The field just read: [fieldStart, fieldEnd) of fieldBytes, and whether it was quoted. */
    private byte[] fieldBytes;

    private int fieldStart;
    private int fieldEnd;
    private boolean quoted;

    /** Whether the current line is the header {@code ts,key,value} (a UTF-8 byte-order mark before it is allowed). */
    static boolean isHeader(LineReader lines) {
        int from = lines.start();
        byte[] buf = lines.buffer();
        if (lines.end() - from >= BOM.length && Arrays.equals(buf, from, from + BOM.length, BOM, 0, BOM.length)) {
            from += BOM.length;
        }
        return Arrays.equals(buf, from, lines.end(), HEADER_BYTES, 0, HEADER_BYTES.length);
    }

    @Override
    public CaptureRecord parse(LineReader lines) throws BadRecord, IOException, LineReader.TooLong {
        int at = field(lines, lines.start());
        long ts = timestamp();
        at = expectComma(lines, at);
        at = field(lines, at);
        byte[] key = !quoted && fieldStart == fieldEnd ? null : Arrays.copyOfRange(fieldBytes, fieldStart, fieldEnd);
        at = expectComma(lines, at);
        at = field(lines, at);
        byte[] value = Arrays.copyOfRange(fieldBytes, fieldStart, fieldEnd);
        if (at != lines.end()) {
            throw new BadRecord(EXPECTED + " (quote a field that contains a comma)");
        }
        return new CaptureRecord(ts, key, value, Map.of());
    }

    private static int expectComma(LineReader lines, int at) throws BadRecord {
        if (at == lines.end()) {
            throw new BadRecord(EXPECTED);
        }
        return at + 1; // field() stops only at a comma or the line end
    }

    /** Reads one field starting at {@code at} of the current line; returns where it stopped (a comma or the end). */
    private int field(LineReader lines, int at) throws BadRecord, IOException, LineReader.TooLong {
        byte[] buf = lines.buffer();
        if (at < lines.end() && buf[at] == '"') {
            return quotedField(lines, at + 1);
        }
        int end = ByteScan.indexOfEither(buf, at, lines.end(), COMMAS, QUOTES);
        if (end < 0) {
            end = lines.end();
        } else if (buf[end] == '"') {
            throw new BadRecord(
                    "a quote inside an unquoted field; quote the whole field and double the quotes inside it");
        }
        fieldBytes = buf;
        fieldStart = at;
        fieldEnd = end;
        quoted = false;
        return end;
    }

    private int quotedField(LineReader lines, int at) throws BadRecord, IOException, LineReader.TooLong {
        int length = 0;
        while (true) {
            byte[] buf = lines.buffer();
            int end = lines.end();
            int from = at;
            while (at < end && !(buf[at] == '"' && (at + 1 == end || buf[at + 1] != '"'))) {
                at += buf[at] == '"' ? 2 : 1; // a doubled quote: keep one
            }
            length = append(buf, from, at, length);
            if (at < end) {
                break; // the closing quote
            }
            length = append(NEWLINE, 0, 1, length);
            if (!lines.next()) {
                throw new BadRecord("a quoted field is not closed before the end of the file");
            }
            at = lines.start();
        }
        at++;
        if (at < lines.end() && lines.buffer()[at] != ',') {
            throw new BadRecord("a closing quote must end its field");
        }
        fieldBytes = scratch;
        fieldStart = 0;
        fieldEnd = length;
        quoted = true;
        return at;
    }

    /** Appends {@code buf[from, to)} to the scratch field, turning each doubled quote into one. */
    private int append(byte[] buf, int from, int to, int length) {
        if (length + (to - from) > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(2 * scratch.length, length + to - from));
        }
        for (int i = from; i < to; i++) {
            scratch[length++] = buf[i];
            if (buf[i] == '"') {
                i++;
            }
        }
        return length;
    }

    /** Epoch milliseconds as digits (parsed in place), else ISO-8601 text. */
    private long timestamp() throws BadRecord {
        int i = fieldStart;
        boolean negative = i < fieldEnd && fieldBytes[i] == '-';
        if (negative) {
            i++;
        }
        if (i == fieldEnd || fieldEnd - i > 18) {
            return Timestamps.isoMillis(
                    new String(fieldBytes, fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8));
        }
        long millis = 0;
        for (; i < fieldEnd; i++) {
            int digit = fieldBytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return Timestamps.isoMillis(
                        new String(fieldBytes, fieldStart, fieldEnd - fieldStart, StandardCharsets.UTF_8));
            }
            millis = millis * 10 + digit;
        }
        return negative ? -millis : millis;
    }
}
