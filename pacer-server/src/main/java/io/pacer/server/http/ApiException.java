package io.pacer.server.http;

import java.util.List;
import java.util.Objects;

/**
 * Thrown by a handler to answer with a {@link Problem}: the service's error handler turns it into the problem body,
 * adding the path and correlation id. Use the factories; each names the problem type it stands for.
 */
public final class ApiException extends RuntimeException {

    private static final String TYPES = "https://pacer.io/problems/";

    private final int status;
    private final String type;
    private final String title;
    private final transient List<Problem.FieldError> errors;

    public ApiException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.title = Objects.requireNonNull(title, "title");
        this.errors = List.copyOf(errors);
    }

    /** 400: one field was wrong. */
    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new Problem.FieldError(field, message)));
    }

    /** 400: these fields were wrong. */
    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid; see errors";
        return new ApiException(400, TYPES + "validation", "Invalid request", detail, errors);
    }

    /** 401: no or bad credentials. */
    public static ApiException unauthorized(String detail) {
        return new ApiException(401, TYPES + "unauthorized", "Authentication required", detail, List.of());
    }

    /** 403: the caller's role does not allow this. */
    public static ApiException forbidden(String detail) {
        return new ApiException(403, TYPES + "forbidden", "Not allowed", detail, List.of());
    }

    /** 404: no such resource. */
    public static ApiException notFound(String detail) {
        return new ApiException(404, TYPES + "not-found", "Not found", detail, List.of());
    }

    /** 409: the request conflicts with the current state. */
    public static ApiException conflict(String detail) {
        return new ApiException(409, TYPES + "conflict", "Conflict", detail, List.of());
    }

    /** 413: the body is larger than the route accepts. */
    public static ApiException tooLarge(String detail) {
        return new ApiException(413, TYPES + "too-large", "Request too large", detail, List.of());
    }

    /** 429: the caller's rate limit is spent. */
    public static ApiException rateLimited(String detail) {
        return new ApiException(429, TYPES + "rate-limited", "Too many requests", detail, List.of());
    }

    /** 503: a dependency (the store) is down; the client may retry. */
    public static ApiException unavailable(String detail) {
        return new ApiException(503, TYPES + "unavailable", "Service unavailable", detail, List.of());
    }

    public int status() {
        return status;
    }

    /** The problem this exception answers with, for the request at {@code path}. */
    public Problem problem(String path, String correlationId) {
        return new Problem(type, title, status, getMessage(), path, correlationId, errors);
    }
}
