package io.pacer.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.pacer.internal.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers — a request it refuses before any handler sees it: a URI it cannot decode ({@code /%}), a
 * malformed header line, headers or a URI over its limits (431, 414) — as {@link Problem}s with a correlation id and
 * the service's security headers, like every other answer, instead of Jetty's HTML page.
 */
public final class JettyProblems extends ErrorHandler {

    private final ObjectWriter writer = Json.mapper(new JsonFactory()).writer();
    private final Map<String, String> headers;

    /** @param headers the headers every answer carries (the security headers) */
    public JettyProblems(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s : response.getStatus();
        if (status < 400) {
            status = 500;
        }
        String message = request.getAttribute(ERROR_MESSAGE) instanceof String m ? m : null;
        String id = ProblemResponses.correlationId(request.getHeaders().get(ProblemResponses.CORRELATION_HEADER));
        Problem problem = new Problem(
                "about:blank", title(status), status, detail(status, message), path(request), id, List.of());
        byte[] body;
        try {
            body = writer.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
        HttpFields.Mutable out = response.getHeaders();
        headers.forEach(out::put);
        out.put(ProblemResponses.CORRELATION_HEADER, id);
        out.put(HttpHeader.CACHE_CONTROL, "no-store");
        out.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        out.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.setStatus(status);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 413 -> "Request too large";
            case 414 -> "URI too long";
            case 431 -> "Request headers too large";
            default -> {
                String reason = HttpStatus.getMessage(status);
                yield reason == null ? "HTTP " + status : reason;
            }
        };
    }

    private static String detail(int status, String message) {
        String said = message == null || message.isBlank() ? "" : " (" + message + ")";
        return switch (status) {
            case 400 -> "the request is malformed" + said + "; check its request line, headers and URI encoding";
            case 414 -> "the request URI is longer than this service accepts; send long input in a body";
            case 431 -> "the request headers are larger than this service accepts (8 KiB); send fewer or shorter ones";
            default -> "the request could not be served" + said;
        };
    }

    /** The request's path when Jetty could read one (not for a URI it refused). */
    private static String path(Request request) {
        try {
            String path =
                    request.getHttpURI() == null ? null : request.getHttpURI().getPath();
            return path == null || path.length() > 256 ? null : path;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
