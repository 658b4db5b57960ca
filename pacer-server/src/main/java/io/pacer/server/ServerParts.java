package io.pacer.server;

import io.pacer.monitor.store.MetricStore;
import io.pacer.server.analysis.Optimization;
import io.pacer.server.cluster.Leadership;
import io.pacer.server.events.EventHub;
import io.pacer.server.metrics.ServerMeters;
import io.pacer.server.monitor.Monitoring;
import io.pacer.server.state.ServerDatabase;
import io.pacer.server.state.TargetStore;
import java.time.Clock;
import java.util.Objects;

/**
 * Internal, not API. The running parts of one service instance that route groups are built from: its configuration,
 * clock, history store and state database, the event stream, the monitoring (collectors, alert evaluator, health),
 * the service's own meters and the API's targets.
 *
 * @param config how the instance runs
 * @param clock the clock every decision takes {@code now} from
 * @param store the history store
 * @param database the service's own state
 * @param events the live event stream every part publishes to ({@code GET /api/events}; docs/server-api.md)
 * @param monitoring the collectors, the alert evaluator and what they know now
 * @param meters the service's own meters ({@code GET /metrics})
 * @param targets the targets added through the API
 * @param leadership whether this instance runs the alert evaluator (one instance among several on PostgreSQL)
 * @param instance this instance's name ({@link ServerConfig#instanceName()}), asked once at start
 * @param optimization the analysis and actions ({@code /api/performance/*}, {@code /api/optimization/*})
 */
public record ServerParts(
        ServerConfig config,
        Clock clock,
        MetricStore store,
        ServerDatabase database,
        EventHub events,
        Monitoring monitoring,
        ServerMeters meters,
        TargetStore targets,
        Leadership leadership,
        String instance,
        Optimization optimization) {

    public ServerParts {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(monitoring, "monitoring");
        Objects.requireNonNull(meters, "meters");
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(leadership, "leadership");
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(optimization, "optimization");
    }
}
