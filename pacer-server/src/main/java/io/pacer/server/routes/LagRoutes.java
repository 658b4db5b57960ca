package io.pacer.server.routes;

import io.pacer.monitor.live.MonitorView;
import io.pacer.server.Role;
import io.pacer.server.ServerParts;
import io.pacer.server.http.Api;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.monitor.Monitoring.LagView;

/**
 * {@code GET /api/lag}: every Kafka consumer group of the clusters in pacer.yaml (and added through the API), as the
 * lag collector last evaluated it (Burrow's rules: status, lag in records and seconds, catch-up estimate).
 */
public final class LagRoutes implements RouteGroup {

    private final ServerParts parts;

    public LagRoutes(ServerParts parts) {
        this.parts = parts;
    }

    @Override
    public void register(Api api) {
        api.get(
                "/api/lag",
                Role.VIEWER,
                RouteDoc.of(
                        "lag",
                        "Kafka consumer lag per group, evaluated",
                        "200: every group's status and its partitions', as last collected"),
                ctx -> {
                    MonitorView view = parts.monitoring().view();
                    ctx.json(new LagView(view.at(), view.kafka()));
                });
    }
}
