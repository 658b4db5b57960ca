package io.pacer.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.pacer.server.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The route registry: every route of the service is registered here with the role it requires and its OpenAPI doc,
 * then installed into Javalin with that role. Access control reads the role Javalin matched; the OpenAPI document is
 * generated from {@link #routes()}. A route cannot exist without both.
 *
 * <p>Every GET route also answers HEAD, with the same role: Javalin's own HEAD fallback matches no route, so it
 * carries no role and skips the handler. The HEAD twin runs the GET handler (Jetty sends no body for HEAD), so its
 * status and headers are the GET's; an event stream's twin only says what it would stream.
 */
public final class Api {

    /** The media type of a server-sent-events stream. */
    public static final String EVENT_STREAM = "text/event-stream";

    private final List<ApiRoute> routes = new ArrayList<>();
    private final List<Runnable> installs = new ArrayList<>();
    private RoutesConfig target;

    public Api get(String path, Role role, RouteDoc doc, Handler handler) {
        return add(HandlerType.GET, path, role, doc, handler);
    }

    public Api post(String path, Role role, RouteDoc doc, Handler handler) {
        return add(HandlerType.POST, path, role, doc, handler);
    }

    public Api put(String path, Role role, RouteDoc doc, Handler handler) {
        return add(HandlerType.PUT, path, role, doc, handler);
    }

    public Api delete(String path, Role role, RouteDoc doc, Handler handler) {
        return add(HandlerType.DELETE, path, role, doc, handler);
    }

    /**
     * A server-sent-events stream served by Javalin's own SSE handler, for test doubles only: it answers an empty 200
     * unless the request accepts {@code text/event-stream}, and runs each stream on Javalin's unbounded pool. The
     * service's streams use {@link #eventStream}.
     */
    public Api sse(String path, Role role, RouteDoc doc, Consumer<SseClient> client) {
        routes.add(new ApiRoute(HandlerType.GET, path, role, doc, true));
        installs.add(() -> target.sse(path, client, role));
        return this;
    }

    /**
     * A server-sent-events stream: {@code stream} writes the events to the response itself, on the request thread,
     * until the client disconnects or the server stops; it may refuse by throwing before it writes.
     */
    public Api eventStream(String path, Role role, RouteDoc doc, Handler stream) {
        routes.add(new ApiRoute(HandlerType.GET, path, role, doc, true));
        installs.add(() -> {
            target.addHttpHandler(HandlerType.GET, path, stream, role);
            target.addHttpHandler(HandlerType.HEAD, path, ctx -> ctx.contentType(EVENT_STREAM), role);
        });
        return this;
    }

    private Api add(HandlerType method, String path, Role role, RouteDoc doc, Handler handler) {
        for (ApiRoute r : routes) {
            if (r.method() == method && r.path().equals(path)) {
                throw new IllegalStateException(method + " " + path + " is registered twice");
            }
        }
        routes.add(new ApiRoute(method, path, role, doc, false));
        boolean takesQuery = doc.parameters().stream().anyMatch(p -> p.in().equals("query"));
        Handler checked = path.startsWith("/api/") && !takesQuery ? takesNoQuery(handler) : handler;
        installs.add(() -> {
            target.addHttpHandler(method, path, checked, role);
            if (method == HandlerType.GET) {
                target.addHttpHandler(HandlerType.HEAD, path, checked, role);
            }
        });
        return this;
    }

    /**
     * {@code handler} of an API route that documents no query parameter, behind a check that it gets none: a stray
     * {@code ?x=1} is a 400, not silently ignored. Routes that take parameters validate them all together, unknown
     * ones included, with {@link Params}.
     */
    private static Handler takesNoQuery(Handler handler) {
        return ctx -> {
            Params.of(ctx, Set.of(), null).check();
            handler.handle(ctx);
        };
    }

    /** Every route registered, in registration order. */
    public List<ApiRoute> routes() {
        return List.copyOf(routes);
    }

    /** Installs every registered route into Javalin's route configuration. */
    public void installInto(RoutesConfig config) {
        this.target = config;
        installs.forEach(Runnable::run);
    }
}
