package io.pacer.server.runs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pacer.internal.Json;
import io.pacer.server.http.ApiException;
import io.pacer.verdict.ResultFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads an uploaded run or suite result: at most the service's request limit ({@code --max-request-bytes}), chunked
 * or not; exactly one JSON document in UTF-8 (a UTF-8 byte order mark is dropped; UTF-16, UTF-32 and trailing content
 * are refused, so what is kept is what was checked); read by pacer-verdict's {@link ResultFile} (so the service
 * accepts exactly what {@code pacer report} and {@code pacer compare} accept), with a problem that names the field
 * that did not fit. What is kept is the document written again from its parsed tree, never the bytes sent, so a run
 * served back is always one valid JSON value.
 */
final class RunUpload {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/ -]{0,127}");
    private static final Path UPLOAD = Path.of("body");
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private RunUpload() {}

    /**
     * An upload read and checked.
     *
     * @param result the run or suite result
     * @param json the result written again from its parsed tree: what is kept and served
     */
    record Upload(ResultFile result, String json) {}

    /** The request's body, refused with 413 when larger than {@code maxBytes}, whether declared or chunked. */
    static byte[] body(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        try (InputStream in = ctx.req().getInputStream()) {
            if (declared > maxBytes) {
                drain(in, maxBytes);
                throw tooLarge("is " + declared + " bytes", maxBytes);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > maxBytes) {
                    drain(in, maxBytes);
                    throw tooLarge("is more than " + maxBytes + " bytes", maxBytes);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            // The client sent less than it declared, or the connection broke: its fault, not the service's.
            throw ApiException.invalid("body", "could not be read to its end (" + e.getMessage() + "); send it again");
        }
    }

    /**
     * Reads and discards what is left of a refused body, up to {@link #DRAIN_LIMITS} times the limit: a server that
     * answers 413 and closes while the client is still sending makes the client's TCP stack drop the answer (a reset),
     * so a slightly-too-large upload would fail with no message. Larger bodies are cut off.
     */
    private static void drain(InputStream in, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = DRAIN_LIMITS * maxBytes;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
            left -= n;
        }
    }

    /** How many times the limit a refused body is still read (and discarded) so that its client sees the 413. */
    static final int DRAIN_LIMITS = 4;

    /** The body as a run or suite result; anything else is a 400 naming the field. */
    static Upload read(byte[] body) {
        String json =
                write(tree(body, "send a run result (pacer.run-result/N) or a suite result (pacer.suite-result/N)"));
        try {
            return new Upload(ResultFile.read(UPLOAD, json.getBytes(StandardCharsets.UTF_8)), json);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith(UPLOAD + ": ")
                    ? e.getMessage().substring(UPLOAD.toString().length() + 2)
                    : e.getMessage();
            throw ApiException.invalid(field(e), message);
        }
    }

    /**
     * The body as exactly one JSON document in UTF-8 (a byte order mark dropped); anything else is a 400 naming
     * {@code body}, ending with {@code expected} when the body is empty.
     */
    static JsonNode tree(byte[] body, String expected) {
        int start = startsWith(body, UTF8_BOM) ? UTF8_BOM.length : 0;
        String text = utf8(body, start);
        if (text.isBlank()) {
            throw ApiException.invalid("body", "empty; " + expected);
        }
        try (JsonParser parser = Json.documentReader().createParser(text)) {
            JsonNode tree = Json.documentReader().readTree(parser);
            JsonLocation end = parser.currentLocation();
            if (moreAfter(parser)) {
                throw ApiException.invalid(
                        "body",
                        "more than one JSON document: the first ends at line " + end.getLineNr() + ", column "
                                + end.getColumnNr() + " and more follows; send exactly one");
            }
            return tree;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ApiException.invalid(
                    "body",
                    "not valid JSON: " + e.getOriginalMessage().split("\n")[0]
                            + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean moreAfter(JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (JsonParseException e) {
            return true; // garbage after the document, such as " ]]]"
        }
    }

    /** The body decoded as strict UTF-8 from {@code start}: UTF-16 and UTF-32 (NUL bytes, their marks) are refused. */
    private static String utf8(byte[] body, int start) {
        boolean wide = startsWith(body, new byte[] {(byte) 0xFE, (byte) 0xFF})
                || startsWith(body, new byte[] {(byte) 0xFF, (byte) 0xFE});
        for (int i = start; i < body.length && !wide; i++) {
            wide = body[i] == 0;
        }
        if (wide) {
            throw ApiException.invalid(
                    "body",
                    "must be UTF-8, but looks like UTF-16 or UTF-32 (it has NUL bytes or their byte order mark)");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, start, body.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("body", "must be UTF-8, but has bytes that are not (" + e.getMessage() + ")");
        }
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String write(JsonNode tree) {
        try {
            return Json.valueWriter(JsonNode.class).writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The run's name: {@code requested} when given (checked), else the result's subject. */
    static String name(String requested, ResultFile result) {
        if (requested == null) {
            String subject = result.subject();
            return subject == null || subject.isBlank() ? result.kind() : subject;
        }
        if (!NAME.matcher(requested).matches()) {
            throw ApiException.invalid(
                    "name",
                    "must be 1 to 128 letters, digits, spaces or '.', '_', ':', '/', '-', starting with a letter or"
                            + " digit, but was '" + requested + "'");
        }
        return requested;
    }

    /** The JSON path of the field Jackson could not map ({@code counts.operations}), else what was wrong. */
    static String field(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException) {
                return "body";
            }
            if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (JsonMappingException.Reference ref : mapping.getPath()) {
                    if (ref.getFieldName() != null) {
                        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.length() == 0 ? "body" : path.toString();
            }
        }
        return e.getMessage() != null && e.getMessage().contains("schema") ? "schema" : "body";
    }

    private static ApiException tooLarge(String size, long maxBytes) {
        return ApiException.tooLarge("the body " + size + "; at most " + maxBytes
                + " bytes are accepted (the service's --max-request-bytes, PACER_MAX_REQUEST_BYTES; a run result is"
                + " usually well under 1 MB)");
    }
}
