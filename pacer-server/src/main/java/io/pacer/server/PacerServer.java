package io.pacer.server;

import com.fasterxml.jackson.core.JsonFactory;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.pacer.internal.Json;
import io.pacer.monitor.store.MetricStore;
import io.pacer.server.analysis.AnalysisRoutes;
import io.pacer.server.analysis.Optimization;
import io.pacer.server.analysis.OptimizationRoutes;
import io.pacer.server.auth.AuthRoutes;
import io.pacer.server.auth.Security;
import io.pacer.server.cluster.ClusterWrites;
import io.pacer.server.cluster.Leadership;
import io.pacer.server.dashboard.DashboardRoutes;
import io.pacer.server.events.EventHub;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiRoute;
import io.pacer.server.http.ProblemResponses;
import io.pacer.server.http.RequestLog;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.metrics.ServerMeters;
import io.pacer.server.monitor.Monitoring;
import io.pacer.server.routes.AlertRoutes;
import io.pacer.server.routes.EventRoutes;
import io.pacer.server.routes.HealthRoutes;
import io.pacer.server.routes.LagRoutes;
import io.pacer.server.routes.MetricsRoutes;
import io.pacer.server.routes.OpenApiRoutes;
import io.pacer.server.routes.TargetRoutes;
import io.pacer.server.runs.RunRoutes;
import io.pacer.server.state.ServerDatabase;
import io.pacer.server.state.TargetStore;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code pacer serve} instance: the history store, the service's state, the collectors and alert
 * evaluator, the event stream, and the HTTP server with every route group registered through one {@link Api}
 * registry. Start it with {@link #start}; {@link #close} stops accepting requests, lets in-flight ones finish (up to
 * the configured shutdown timeout) and writes what is buffered.
 */
public final class PacerServer implements AutoCloseable {

    /**
     * Jetty's threads. Each event-stream client holds one while connected (its queue is written by its own request
     * thread, so a slow client costs only itself); the event hub admits at most {@link EventHub#DEFAULT_MAX_STREAMS}
     * streams, so the other threads stay free for requests.
     */
    public static final int MAX_THREADS = 400;

    private static final Logger LOG = LoggerFactory.getLogger(PacerServer.class);

    private final ServerParts parts;
    private final Api api;
    private final Javalin http;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PacerServer(ServerParts parts, Api api, Javalin http) {
        this.parts = parts;
        this.api = api;
        this.http = http;
    }

    /**
     * Opens the store and state database, starts collecting and evaluating, and serves.
     *
     * @throws IllegalStateException when the store cannot be opened or the port bound
     */
    public static PacerServer start(ServerConfig config) {
        return start(config, Clock.systemUTC(), List.of(), () -> true);
    }

    /** As {@link #start(ServerConfig)}, with another clock and extra route groups (tests). */
    static PacerServer start(ServerConfig config, Clock clock, List<Function<ServerParts, RouteGroup>> extra) {
        return start(config, clock, extra, () -> true);
    }

    /**
     * As {@link #start(ServerConfig)}, evaluating alerts only while {@code evaluating} says so and this instance holds
     * the evaluator lock of the instances sharing its database ({@link Leadership}; checked at every evaluation).
     */
    static PacerServer start(
            ServerConfig config,
            Clock clock,
            List<Function<ServerParts, RouteGroup>> extra,
            BooleanSupplier evaluating) {
        return start(config, clock, extra, evaluating, EventHub::new);
    }

    /** As {@link #start(ServerConfig, Clock, List, BooleanSupplier)}, with another event hub (tests: its limits). */
    static PacerServer start(
            ServerConfig config,
            Clock clock,
            List<Function<ServerParts, RouteGroup>> extra,
            BooleanSupplier evaluating,
            Supplier<EventHub> hub) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            ServerMeters meters = opened(opened, new ServerMeters());
            // The state database first: its migration must not race the history store's writer thread for SQLite's
            // write lock (a read-then-write transaction gets SQLITE_BUSY at once, without the busy timeout).
            ServerDatabase database = opened(opened, ServerDatabase.open(config.store()));
            MetricStore store = opened(opened, MetricStore.open(config.store(), clock));
            EventHub events = opened(opened, hub.get());
            TargetStore targets = new TargetStore(database);
            Leadership leadership = opened(opened, Leadership.forStore(config.store(), clock));
            BooleanSupplier leading = () -> evaluating.getAsBoolean() && leadership.isLeader();
            String instance = config.instanceName();
            // Several instances may share a PostgreSQL store: each stores its own host and JVM under its name, and
            // only the leader stores what they all collect from shared targets.
            MetricStore writes = leadership.shared()
                    ? ClusterWrites.of(store, instance, () -> evaluating.getAsBoolean() && leadership.leadsOrLedLast())
                    : store;
            Monitoring monitoring =
                    opened(opened, Monitoring.start(config, writes, targets, events, meters, clock, leading));
            Optimization optimization =
                    opened(opened, Optimization.start(config, clock, store, database, targets, events, leading));
            meters.bindStore(store);
            meters.bindEvents(events);
            ServerParts parts = new ServerParts(
                    config,
                    clock,
                    store,
                    database,
                    events,
                    monitoring,
                    meters,
                    targets,
                    leadership,
                    instance,
                    optimization);
            Api api = new Api();
            for (RouteGroup group : groups(parts)) {
                group.register(api);
            }
            extra.forEach(group -> group.apply(parts).register(api));
            Javalin http = Javalin.create(c -> {
                c.jsonMapper(new JavalinJackson(Json.mapper(new JsonFactory()), false));
                c.startup.showJavalinBanner = false;
                QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
                threads.setName("pacer-http");
                c.jetty.threadPool = threads;
                c.jetty.modifyServer(server -> {
                    server.setStopTimeout(config.shutdownTimeout().toMillis());
                    server.setHandler(new GracefulHandler());
                });
                c.http.prefer405over404 = true; // POST /health: 405 with Allow, not 404
                RequestLog.install(c, meters);
                ProblemResponses.install(c.routes, config.security().maxRequestBytes());
                Security.install(c, parts);
                api.installInto(c.routes);
            });
            try {
                checkLocal(config.host());
                http.start(config.host(), config.port());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "could not serve on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
            }
            LOG.info(
                    "serving on {}:{} ({} routes; store {})",
                    config.host(),
                    http.port(),
                    api.routes().size(),
                    config.store().jdbcUrl());
            return new PacerServer(parts, api, http);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Refuses a host this machine cannot bind: Jetty would blame the port ("already in use") for a name that does
     * not resolve or an address that is not this machine's.
     */
    private static void checkLocal(String host) {
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(
                    "--host " + host + " does not resolve; give an address of this machine, e.g. 127.0.0.1 or 0.0.0.0");
        }
        try {
            if (!address.isAnyLocalAddress()
                    && !address.isLoopbackAddress()
                    && java.net.NetworkInterface.getByInetAddress(address) == null) {
                throw new IllegalArgumentException("--host " + host + " (" + address.getHostAddress()
                        + ") is not an address of this machine; give one of its addresses, 127.0.0.1 or 0.0.0.0");
            }
        } catch (java.net.SocketException e) {
            // the interfaces cannot be listed: let the bind say what is wrong
        }
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T part) {
        opened.add(0, part);
        return part;
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** The route groups of the service, in the order their routes are listed in the OpenAPI document. */
    private static List<RouteGroup> groups(ServerParts parts) {
        return List.of(
                new AuthRoutes(parts),
                new HealthRoutes(parts),
                new MetricsRoutes(parts),
                new AlertRoutes(parts),
                new TargetRoutes(parts),
                new LagRoutes(parts),
                new EventRoutes(parts),
                new RunRoutes(
                        parts.database(),
                        parts.clock(),
                        parts.config().security().maxRequestBytes(),
                        summary -> parts.events().publish("run", summary)),
                new AnalysisRoutes(parts.optimization()),
                new OptimizationRoutes(parts.optimization()),
                DashboardRoutes.create(),
                new OpenApiRoutes());
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

    /** The running parts (tests). */
    ServerParts parts() {
        return parts;
    }

    /** Every HTTP endpoint Javalin actually registered, as {@code METHOD path} (the OpenAPI test compares them). */
    List<String> registeredEndpoints() {
        List<String> all = new ArrayList<>();
        for (ParsedEndpoint e : http.unsafe.internalRouter.allHttpHandlers()) {
            // HEAD twins of GET routes are not routes of their own (Api registers one for every GET).
            if (e.endpoint.method.isHttpMethod() && e.endpoint.method != HandlerType.HEAD) {
                all.add(e.endpoint.method.name() + " " + e.endpoint.path);
            }
        }
        return all;
    }

    /**
     * Stops gracefully: ends the event streams, stops accepting connections and lets in-flight requests finish (up to
     * the shutdown timeout), stops the collectors and the evaluator, then writes what the store buffers. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info(
                "stopping: finishing in-flight requests (up to {}), then writing buffered samples",
                parts.config().shutdownTimeout());
        parts.events().close();
        try {
            http.stop();
        } finally {
            closeAll(List.of(
                    parts.optimization(),
                    parts.monitoring(),
                    parts.leadership(),
                    parts.database(),
                    parts.store(),
                    parts.meters()));
        }
        LOG.info("stopped");
    }
}
