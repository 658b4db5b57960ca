package io.pacer.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The one shape of every error the service returns: RFC 9457 problem details ({@code application/problem+json}),
 * with Pacer's two extensions — the request's correlation id, to find it in the logs, and the fields that were wrong.
 * Never an HTML page, never a stack trace.
 *
 * @param type a URI naming the kind of problem ({@code https://pacer.io/problems/validation}); {@code about:blank}
 *     when the status says it all
 * @param title a short summary of the kind of problem, the same for every occurrence
 * @param status the HTTP status code
 * @param detail what went wrong this time, and how to fix it
 * @param instance the request path
 * @param correlationId the request's correlation id (also in the {@code X-Correlation-Id} header)
 * @param errors the fields that were wrong; empty when the problem is not about input
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String correlationId,
        List<FieldError> errors) {

    /** The media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /**
     * One wrong input.
     *
     * @param field the field, query parameter or header, as the client wrote it ({@code hours}, {@code rule.threshold})
     * @param message what was wrong and what is accepted
     */
    public record FieldError(String field, String message) {

        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }
}
