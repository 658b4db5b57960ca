package io.pacer.server.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.pacer.server.metrics.ServerMeters;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One log line per request (logger {@code io.pacer.server.request}, INFO; JSON when the service's log4j2
 * configuration is in force) and the request timer, both by route template rather than raw path; the correlation id
 * in the {@code X-Correlation-Id} response header and in the MDC under {@value #MDC_KEY} for every line logged while
 * the request is served — and, through {@link #carry}, in work the request hands to another thread.
 */
public final class RequestLog {

    /** The MDC key of the correlation id. */
    public static final String MDC_KEY = "correlationId";

    private static final Logger LOG = LoggerFactory.getLogger("io.pacer.server.request");
    private static final String STARTED = RequestLog.class.getName() + ".started";

    private RequestLog() {}

    public static void install(JavalinConfig config, ServerMeters meters) {
        config.routes.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            String id = ProblemResponses.correlationId(ctx);
            ctx.header(ProblemResponses.CORRELATION_HEADER, id);
            MDC.put(MDC_KEY, id);
        });
        config.requestLogger.http((ctx, millis) -> {
            try {
                Long started = ctx.attribute(STARTED);
                long nanos = started == null ? (long) (millis * 1e6) : System.nanoTime() - started;
                String route = route(ctx);
                int status = ctx.statusCode();
                meters.request(ctx.method().name(), route, status, nanos);
                MDC.put(MDC_KEY, ProblemResponses.correlationId(ctx));
                LOG.atInfo()
                        .addKeyValue("method", ctx.method().name())
                        .addKeyValue("path", ctx.path())
                        .addKeyValue("route", route)
                        .addKeyValue("status", status)
                        .addKeyValue("durationMs", Math.round(nanos / 1e4) / 100.0)
                        .addKeyValue("client", ctx.ip())
                        .log("{} {} {} {} ms", ctx.method().name(), ctx.path(), status, Math.round(nanos / 1e6));
            } finally {
                MDC.remove(MDC_KEY);
            }
        });
    }

    /** The matched route's template ({@code /api/targets/{id}}), or {@code unmatched} — never the raw path. */
    static String route(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }

    /** {@code work} run with the calling thread's MDC (the request's correlation id) on whatever thread runs it. */
    public static <T> Callable<T> carry(Callable<T> work) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> before = MDC.getCopyOfContextMap();
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
            try {
                return work.call();
            } finally {
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        };
    }

    /** An executor that runs each task with the submitting thread's MDC. */
    public static Executor carrying(Executor executor) {
        return task -> {
            Callable<Void> carried = carry(() -> {
                task.run();
                return null;
            });
            executor.execute(() -> {
                try {
                    carried.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        };
    }
}
