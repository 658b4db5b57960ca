package io.pacer.server.routes;

import io.pacer.server.Role;
import io.pacer.server.ServerParts;
import io.pacer.server.http.Api;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;

/**
 * {@code GET /api/events}: the live event stream (server-sent events) the dashboard draws from. The event types and
 * their data are in docs/server-api.md.
 */
public final class EventRoutes implements RouteGroup {

    private final ServerParts parts;

    public EventRoutes(ServerParts parts) {
        this.parts = parts;
    }

    @Override
    public void register(Api api) {
        api.sse(
                "/api/events",
                Role.VIEWER,
                RouteDoc.of(
                        "events",
                        "Live events: sample, health, alert, lag, run (server-sent events)",
                        "200: text/event-stream; the latest event of each type first, then each as it happens"),
                client -> parts.events().serve(client, client.ctx().header("Last-Event-ID")));
    }
}
