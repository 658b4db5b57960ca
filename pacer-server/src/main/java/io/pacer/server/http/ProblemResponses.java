package io.pacer.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the handlers that turn every failure into a {@link Problem}: an {@link ApiException} as it says, Javalin's
 * own responses (404 for an unknown path, 405, 400 from its validators) with their status, the store's database being
 * unreachable as a 503 ({@link StoreOutage}: the client may retry), and anything else as a 500
 * whose detail names only the correlation id — the stack trace goes to the log, never to the client.
 */
public final class ProblemResponses {

    /** The header carrying a request's correlation id, in and out. */
    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private ProblemResponses() {}

    /** As {@link #install(RoutesConfig, long)} without naming the body size limit in 413 answers. */
    public static void install(RoutesConfig routes) {
        install(routes, -1);
    }

    /**
     * Installs the handlers into {@code routes}; a 413 from reading a (chunked) body past {@code maxRequestBytes}
     * states that limit, and a 405 lists the path's methods in {@code Allow}.
     */
    public static void install(RoutesConfig routes, long maxRequestBytes) {
        routes.exception(ApiException.class, (e, ctx) -> send(ctx, e.problem(ctx.path(), correlationId(ctx))));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 413) {
                String limit = maxRequestBytes < 0 ? "" : " of " + maxRequestBytes + " bytes";
                send(
                        ctx,
                        ApiException.tooLarge("the body is larger than the limit" + limit + " (--max-request-bytes)")
                                .problem(ctx.path(), correlationId(ctx)));
                return;
            }
            if (e.getStatus() == 405) {
                allow(ctx, e.getDetails());
            }
            send(ctx, fromStatus(ctx, e.getStatus(), e.getMessage()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (StoreOutage.isOutage(e)) {
                ctx.header("Retry-After", Long.toString(StoreOutage.RETRY_AFTER_SECONDS));
                send(ctx, StoreOutage.problem(e).problem(ctx.path(), correlationId(ctx)));
                return;
            }
            String id = correlationId(ctx);
            LOG.error("{} {} failed (correlation id {})", ctx.method(), ctx.path(), id, e);
            send(
                    ctx,
                    new Problem(
                            "about:blank",
                            "Internal error",
                            500,
                            "the service failed to answer; the log has the details under correlation id " + id,
                            ctx.path(),
                            id,
                            List.of()));
        });
    }

    /** The request's correlation id: the one the client sent (if sane), else one made for it. */
    public static String correlationId(Context ctx) {
        Object known = ctx.attribute(CORRELATION_HEADER);
        if (known instanceof String s) {
            return s;
        }
        String id = correlationId(ctx.header(CORRELATION_HEADER));
        ctx.attribute(CORRELATION_HEADER, id);
        return id;
    }

    /** The correlation id for a request that sent {@code sent} (may be null): that one if sane, else a new one. */
    public static String correlationId(String sent) {
        return sent != null && sent.matches("[A-Za-z0-9._-]{1,64}")
                ? sent
                : UUID.randomUUID().toString();
    }

    /** The {@code Allow} header of a 405, from the methods Javalin found for the path. */
    private static void allow(Context ctx, Map<String, String> details) {
        for (String methods : details.values()) {
            ctx.header("Allow", methods);
        }
    }

    private static Problem fromStatus(Context ctx, int status, String message) {
        String title = switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 400 -> "Invalid request";
            case 401 -> "Authentication required";
            case 403 -> "Not allowed";
            default -> "HTTP " + status;
        };
        String detail = switch (status) {
            case 404 -> "no route " + ctx.method() + " " + ctx.path() + "; see /openapi.json";
            case 405 ->
                ctx.path() + " does not answer " + ctx.method() + "; it answers "
                        + ctx.res().getHeader("Allow");
            default -> message;
        };
        return new Problem("about:blank", title, status, detail, ctx.path(), correlationId(ctx), List.of());
    }

    /** Writes {@code problem} as the response, with its status and media type. */
    public static void send(Context ctx, Problem problem) {
        ctx.status(problem.status());
        ctx.header(CORRELATION_HEADER, correlationId(ctx));
        ctx.json(problem);
        ctx.contentType(Problem.MEDIA_TYPE);
    }
}
