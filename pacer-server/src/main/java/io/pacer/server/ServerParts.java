package io.pacer.server;

import io.pacer.monitor.store.MetricStore;
import io.pacer.server.cluster.Leadership;
import io.pacer.server.state.ServerDatabase;
import java.time.Clock;
import java.util.Objects;

/**
 * Internal, not API. The running parts of one service instance that route groups are built from: its configuration,
 * clock, history store and state database (and, as features land, the collectors, alert engine and event hub).
 *
 * @param config how the instance runs
 * @param clock the clock every decision takes {@code now} from
 * @param store the history store
 * @param database the service's own state
 * @param leadership whether this instance runs the alert evaluator (one instance among several on PostgreSQL)
 */
public record ServerParts(
        ServerConfig config, Clock clock, MetricStore store, ServerDatabase database, Leadership leadership) {

    public ServerParts {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(leadership, "leadership");
    }
}
