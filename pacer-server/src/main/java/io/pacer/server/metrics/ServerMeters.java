package io.pacer.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pacer.monitor.store.MetricStore;
import io.pacer.server.events.EventHub;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's own meters, exposed at {@code /metrics} in Prometheus' text format: HTTP requests by route template and
 * status, the store's buffer and drops, each collector's collection time, event-stream clients and events, and the
 * JVM's. Every meter has a description, because {@code promtool check metrics} rejects an empty HELP. (Micrometer's
 * processor meters are left out: their names fail promtool's lint, and the host collector measures the CPU.)
 */
public final class ServerMeters implements AutoCloseable {

    /** The methods the request meter labels by name; every other method is counted as {@code other}. */
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServerMeters() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The store's buffer and drops, read when scraped. */
    public void bindStore(MetricStore store) {
        Gauge.builder("pacer.store.buffered", store, MetricStore::buffered)
                .description("Samples buffered in memory, not yet written to the store")
                .baseUnit("samples")
                .register(registry);
        FunctionCounter.builder("pacer.store.dropped", store, MetricStore::dropped)
                .description("Samples the store dropped since the service started (buffer full or unstorable)")
                .baseUnit("samples")
                .register(registry);
    }

    /** Event-stream clients connected, read when scraped. */
    public void bindEvents(EventHub events) {
        Gauge.builder("pacer.server.events.clients", events, EventHub::clients)
                .description("Clients connected to the event stream GET /api/events")
                .register(registry);
    }

    /** A gauge read when scraped. */
    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    /** Counts one event published on the stream. */
    public void eventPublished(String type) {
        Counter.builder("pacer.server.events.published")
                .description("Events published on the event stream, by type")
                .tag("type", type)
                .register(registry)
                .increment();
    }

    /** Records one collection's duration, by collector name and outcome, and the samples it yielded. */
    public void collection(String collector, boolean up, double seconds, int samples) {
        Counter.builder("pacer.collector.samples")
                .description("Samples collected and handed to the store, by collector")
                .tag("collector", collector)
                .register(registry)
                .increment(samples);
        Timer.builder("pacer.collector.duration")
                .description("How long one collection took, by collector and outcome")
                .tag("collector", collector)
                .tag("outcome", up ? "success" : "failure")
                .register(registry)
                .record(Duration.ofNanos((long) (seconds * 1e9)));
    }

    /**
     * Records one HTTP request, by method, route template (never the raw path) and status. The method label is one of
     * {@link #METHODS} or {@code other}: any client may send any token as a method, and each must not add a series.
     */
    public void request(String method, String route, int status, long nanos) {
        Timer.builder("pacer.server.requests")
                .description("HTTP requests served, by method, route template and status")
                .tag("method", methodLabel(method))
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The method label of a request: the method when it is one of {@link #METHODS}, else {@code other}. */
    static String methodLabel(String method) {
        return METHODS.contains(method) ? method : "other";
    }

    /** Prometheus' text exposition format (0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for parts that add meters of their own. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
