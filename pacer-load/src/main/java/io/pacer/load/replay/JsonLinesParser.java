package io.pacer.load.replay;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line, read with Jackson's streaming parser straight from the line buffer (no tree, no
 * per-line string of the whole line). Fields other than {@code ts}, {@code key}, {@code value},
 * {@code value_b64} and {@code headers} are ignored.
 */
final class JsonLinesParser implements RecordParser {
    private static final long QUOTES = ByteScan.lanes('"');
    private static final long BACKSLASHES = ByteScan.lanes('\\');

    static final String EXPECTED = "expected a JSON object with \"ts\" and \"value\"";
    private static final long NO_TS = Long.MIN_VALUE;

    private final JsonFactory json = new JsonFactory();

    @Override
    public CaptureRecord parse(LineReader lines) throws BadRecord, IOException {
        byte[] buf = lines.buffer();
        try (JsonParser parser = json.createParser(lines.buffer(), lines.start(), lines.end() - lines.start())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRecord(EXPECTED);
            }
            long ts = NO_TS;
            byte[] key = null;
            byte[] value = null;
            Map<String, byte[]> headers = Map.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "ts" -> ts = timestamp(parser, token);
                    case "key" ->
                        key = token == JsonToken.VALUE_NULL
                                ? null
                                : utf8(
                                        parser,
                                        token,
                                        buf,
                                        lines.start(),
                                        lines.end(),
                                        "\"key\" must be a string or null");
                    case "value" ->
                        value = utf8(parser, token, buf, lines.start(), lines.end(), "\"value\" must be a string");
                    case "value_b64" -> value = base64(parser, token);
                    case "headers" -> headers = headers(parser, token);
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null
                    || ts == NO_TS
                    || value == null) {
                throw new BadRecord(EXPECTED);
            }
            return new CaptureRecord(ts, key, value, headers);
        } catch (StreamReadException e) {
            throw new BadRecord(EXPECTED);
        }
    }

    private static long timestamp(JsonParser parser, JsonToken token) throws IOException, BadRecord {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            return Timestamps.isoMillis(parser.getText());
        }
        throw new BadRecord(Timestamps.RULE);
    }

    /**
     * A string's UTF-8 bytes. Without escapes they are the bytes between its quotes, copied straight from the line
     * (Jackson then only skips the string instead of decoding it to chars and back: the bulk of the parse time for
     * kilobyte values); with escapes Jackson decodes it.
     */
    private static byte[] utf8(JsonParser parser, JsonToken token, byte[] buf, int lineStart, int lineEnd, String rule)
            throws IOException, BadRecord {
        if (token != JsonToken.VALUE_STRING) {
            throw new BadRecord(rule);
        }
        int open = lineStart + (int) parser.currentTokenLocation().getByteOffset();
        if (open < lineEnd && buf[open] == '"') {
            // An unescaped control character is copied too: Jackson rejects it when it skips the string next.
            int close = ByteScan.indexOfEither(buf, open + 1, lineEnd, QUOTES, BACKSLASHES);
            if (close >= 0 && buf[close] == '"') {
                return Arrays.copyOfRange(buf, open + 1, close);
            }
        }
        return parser.getText().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] text(JsonParser parser, JsonToken token, String rule) throws IOException, BadRecord {
        if (token != JsonToken.VALUE_STRING) {
            throw new BadRecord(rule);
        }
        return parser.getText().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] base64(JsonParser parser, JsonToken token) throws IOException, BadRecord {
        if (token != JsonToken.VALUE_STRING) {
            throw new BadRecord("\"value_b64\" must be a base64 string");
        }
        try {
            return parser.getBinaryValue();
        } catch (StreamReadException e) {
            throw new BadRecord("\"value_b64\" must be valid base64");
        }
    }

    private static Map<String, byte[]> headers(JsonParser parser, JsonToken token) throws IOException, BadRecord {
        String rule = "\"headers\" must be an object of string values";
        if (token != JsonToken.START_OBJECT) {
            throw new BadRecord(rule);
        }
        Map<String, byte[]> headers = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            headers.put(name, text(parser, parser.nextToken(), rule));
        }
        return headers;
    }
}
