package io.pacer.server;

import com.fasterxml.jackson.core.JsonFactory;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.pacer.internal.Json;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.store.MetricStore;
import io.pacer.server.auth.AuthRoutes;
import io.pacer.server.auth.Security;
import io.pacer.server.cluster.GatedAlertEvaluator;
import io.pacer.server.cluster.Leadership;
import io.pacer.server.dashboard.DashboardRoutes;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiRoute;
import io.pacer.server.http.ProblemResponses;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.runs.RunRoutes;
import io.pacer.server.state.ServerDatabase;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * One running {@code pacer serve} instance: the history store, the service's state, and the HTTP server with every
 * route group registered through one {@link Api} registry. Start it with {@link #start}; {@link #close} stops
 * accepting requests, lets in-flight ones finish and writes what is buffered.
 */
public final class PacerServer implements AutoCloseable {

    private final ServerParts parts;
    private final Api api;
    private final Javalin http;
    private final GatedAlertEvaluator evaluator;

    private PacerServer(ServerParts parts, Api api, Javalin http, GatedAlertEvaluator evaluator) {
        this.parts = parts;
        this.api = api;
        this.http = http;
        this.evaluator = evaluator;
    }

    /**
     * Opens the store and state database and starts serving.
     *
     * @throws IllegalStateException when the store cannot be opened or the port bound
     */
    public static PacerServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    static PacerServer start(ServerConfig config, Clock clock) {
        return start(config, clock, List.of());
    }

    /**
     * INTERIM (server-state): {@code rules} start {@link GatedAlertEvaluator}, run only where {@link Leadership} says;
     * for the lead to reconcile with server-api's evaluator, which should ask {@code parts.leadership().isLeader()}.
     */
    static PacerServer start(ServerConfig config, Clock clock, List<AlertRule> rules) {
        MetricStore store = MetricStore.open(config.store(), clock);
        ServerDatabase database;
        Leadership leadership;
        try {
            database = ServerDatabase.open(config.store());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        leadership = Leadership.forStore(config.store(), clock);
        ServerParts parts = new ServerParts(config, clock, store, database, leadership);
        Api api = new Api();
        for (RouteGroup group : groups(parts)) {
            group.register(api);
        }
        Javalin http = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(Json.mapper(new JsonFactory()), false));
            c.startup.showJavalinBanner = false;
            ProblemResponses.install(c.routes);
            Security.install(c, parts);
            api.installInto(c.routes);
        });
        try {
            http.start(config.host(), config.port());
        } catch (RuntimeException e) {
            leadership.close();
            database.close();
            store.close();
            throw new IllegalStateException(
                    "could not serve on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        GatedAlertEvaluator evaluator = rules.isEmpty()
                ? null
                : GatedAlertEvaluator.start(rules, store, leadership, clock, GatedAlertEvaluator.DEFAULT_INTERVAL);
        return new PacerServer(parts, api, http, evaluator);
    }

    /** The route groups of the service, in the order their routes are listed in the OpenAPI document. */
    private static List<RouteGroup> groups(ServerParts parts) {
        return List.of(
                new AuthRoutes(parts),
                // The run event for the dashboard: publish summary on S1's event hub here when it lands.
                new RunRoutes(parts.database(), parts.clock(), summary -> {}),
                DashboardRoutes.create());
    }

    /** The port actually bound (the configured one, or the free one chosen for port 0). */
    public int port() {
        return http.port();
    }

    /** The base URI clients reach this instance at ({@code http://127.0.0.1:8420}). */
    public URI uri() {
        String host = parts.config().host().equals("0.0.0.0")
                ? "127.0.0.1"
                : parts.config().host();
        return URI.create((parts.config().tlsKeystore() != null ? "https://" : "http://") + host + ":" + port());
    }

    /** Every route registered, as the OpenAPI document lists them. */
    public List<ApiRoute> routes() {
        return api.routes();
    }

    /** The running parts, for tests in this package. */
    ServerParts parts() {
        return parts;
    }

    /** INTERIM: the gated evaluator started with rules, or null. */
    GatedAlertEvaluator evaluator() {
        return evaluator;
    }

    @Override
    public void close() {
        try {
            if (evaluator != null) {
                evaluator.close();
            }
            parts.leadership().close();
            http.stop();
        } finally {
            try {
                parts.database().close();
            } finally {
                parts.store().close();
            }
        }
    }
}
