package io.pacer.server.auth;

import com.fasterxml.jackson.core.JacksonException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.ProblemResponses;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;

/**
 * Input that is broken rather than wrong — a body that is not JSON, a body cut off before its declared length, bytes
 * Jetty cannot parse — answered as the client's fault (400) wherever a handler meets it, instead of as a 500 with a
 * stack trace in the log.
 */
final class MalformedInput {

    private MalformedInput() {}

    static void install(RoutesConfig routes) {
        routes.exception(JacksonException.class, (e, ctx) -> bad(ctx, "the body is not valid JSON: " + firstLine(e)));
        routes.exception(EofException.class, (e, ctx) -> bad(ctx, "the body ended before its declared length"));
        routes.exception(BadMessageException.class, (e, ctx) -> bad(ctx, "the request is malformed: " + firstLine(e)));
    }

    private static void bad(Context ctx, String detail) {
        ProblemResponses.send(
                ctx, ApiException.invalid("body", detail).problem(ctx.path(), ProblemResponses.correlationId(ctx)));
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).trim();
    }
}
