package io.pacer.server.routes;

import io.javalin.http.Context;
import io.pacer.server.Role;
import io.pacer.server.ServerParts;
import io.pacer.server.auth.Security;
import io.pacer.server.events.EventHub;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/events}: the live event stream (server-sent events) the dashboard draws from. The event types and
 * their data are in docs/server-api.md.
 *
 * <p>The stream is served on the request's own (Jetty) thread, whatever the {@code Accept} header says — Javalin's SSE
 * handler would answer an empty 200 without {@code Accept: text/event-stream} and run streams on an unbounded pool of
 * its own. Streams are admitted per caller and in total ({@link EventHub#admit}): past either limit the answer is a
 * problem, 429 or 503, before anything is streamed.
 */
public final class EventRoutes implements RouteGroup {

    /** Seconds a client refused because the service serves its most streams is told to wait. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ServerParts parts;

    public EventRoutes(ServerParts parts) {
        this.parts = parts;
    }

    @Override
    public void register(Api api) {
        api.eventStream(
                "/api/events",
                Role.VIEWER,
                RouteDoc.of(
                        "events",
                        "Live events: sample, health, alert, lag, run (server-sent events)",
                        "200: text/event-stream (whatever the Accept header); the latest event of each type first, then"
                                + " each as it happens. 429: this caller already has "
                                + EventHub.DEFAULT_MAX_STREAMS_PER_CALLER + " streams open; 503: the service already"
                                + " serves " + EventHub.DEFAULT_MAX_STREAMS + " streams"),
                this::stream);
    }

    private void stream(Context ctx) throws IOException {
        EventHub events = parts.events();
        try (EventHub.Slot slot = admit(ctx, events)) {
            HttpServletResponse res = ctx.res();
            res.setStatus(200);
            res.setCharacterEncoding("UTF-8");
            res.setContentType(Api.EVENT_STREAM);
            res.setHeader("X-Accel-Buffering", "no"); // nginx: pass events on at once
            res.flushBuffer();
            events.serve(new ResponseSink(res.getOutputStream()), ctx.header("Last-Event-ID"));
        }
    }

    private static EventHub.Slot admit(Context ctx, EventHub events) {
        try {
            return events.admit(Security.caller(ctx));
        } catch (EventHub.TooManyStreams e) {
            if (e.perCaller()) {
                throw ApiException.rateLimited("at most " + e.limit() + " event streams may be open at once per API"
                        + " key, user or address, and this caller has that many; close one (another dashboard tab?)");
            }
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            throw ApiException.unavailable("the service already serves its most event streams (" + e.limit()
                    + "); retry in " + RETRY_AFTER_SECONDS + " s or use another instance");
        }
    }

    /** Writes events in the {@code text/event-stream} format, flushing each; false once the client has gone. */
    private record ResponseSink(OutputStream out) implements EventHub.Sink {

        @Override
        public boolean event(String type, String data, String id) {
            // EventHub writes one line of JSON; were it ever more, each line goes in a data field of its own
            return write("id: " + id + "\nevent: " + type + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n");
        }

        @Override
        public boolean comment(String text) {
            return write(": " + text + "\n\n");
        }

        private boolean write(String text) {
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
