package io.pacer.server.runs;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.javalin.http.Context;
import io.pacer.server.http.ApiException;
import io.pacer.verdict.ResultFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads an uploaded run or suite result: at most {@link #MAX_BYTES}, read by pacer-verdict's {@link ResultFile} (so
 * the service accepts exactly what {@code pacer report} and {@code pacer compare} accept), with a problem that names
 * the field that did not fit.
 */
final class RunUpload {

    /**
     * 16 MiB, the service's default request limit ({@code SecurityConfig}): a suite of a dozen scenarios with
     * per-interval histograms is a few MB.
     */
    static final int MAX_BYTES = (int) io.pacer.server.SecurityConfig.DEFAULT_MAX_REQUEST_BYTES;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/ -]{0,127}");
    private static final Path UPLOAD = Path.of("body");

    private RunUpload() {}

    /** The request's body, refused with 413 when larger than {@link #MAX_BYTES}. */
    static byte[] body(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BYTES) {
            throw tooLarge(declared);
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw tooLarge(out.size());
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            // The client sent less than it declared, or the connection broke: its fault, not the service's.
            throw ApiException.invalid("body", "could not be read to its end (" + e.getMessage() + "); send it again");
        }
    }

    /** The body as a run or suite result; anything else is a 400 naming the field. */
    static ResultFile read(byte[] body) {
        if (body.length == 0) {
            throw ApiException.invalid(
                    "body", "empty; send a run result (pacer.run-result/N) or a suite result (pacer.suite-result/N)");
        }
        try {
            return ResultFile.read(UPLOAD, body);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith(UPLOAD + ": ")
                    ? e.getMessage().substring(UPLOAD.toString().length() + 2)
                    : e.getMessage();
            throw ApiException.invalid(field(e), message);
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

    private static ApiException tooLarge(long bytes) {
        return ApiException.tooLarge("the result is " + bytes + " bytes; at most " + MAX_BYTES
                + " are accepted (a run result is usually well under 1 MB)");
    }
}
