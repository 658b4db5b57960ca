package io.pacer.server.dashboard;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.pacer.internal.Json;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.monitor.health.HealthReport;
import io.pacer.monitor.health.HealthScore;
import io.pacer.server.Role;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;
import io.pacer.testing.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: the APIs the dashboard reads, serving exactly the contract it is built against until the service's own
 * routes land (S1's {@code /api/events}, {@code /api/performance/metrics}, {@code /api/alerts}, {@code /api/lag}; S2's
 * {@code POST /api/session}; S4's {@code /api/runs}). The data is real where that is cheap: {@link #collect} runs real
 * collectors (host, JVM, a Prometheus scrape of a real batcher) and scores their samples with the real
 * {@link HealthScore}; alerts, lag and runs are published as the contract describes them.
 */
final class DashboardFeed implements RouteGroup {

    static final String SESSION_COOKIE = "pacer_session";
    static final String PASSWORD = "correct horse";
    static final String API_KEY = "pk_test_0123456789abcdef";
    static final String CSRF_TOKEN = "csrf-test";

    private final ObjectMapper json = Json.mapper(new JsonFactory());
    private final List<Collector> collectors;
    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
    private final List<Sample> history = new CopyOnWriteArrayList<>();
    private final Map<String, Sample> latest = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> alerts = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> lags = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> runs = new CopyOnWriteArrayList<>();
    private final AtomicBoolean requireSession = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger signOuts = new AtomicInteger();
    private volatile String lastHealth;

    DashboardFeed(List<Collector> collectors) {
        this.collectors = List.copyOf(collectors);
    }

    @Override
    public void register(Api api) {
        api.sse(
                "/api/events",
                Role.VIEWER,
                RouteDoc.of("events", "Live events (test contract)", "200: text/event-stream"),
                client -> {
                    if (!allowed(client.ctx())) {
                        client.close();
                        return;
                    }
                    client.keepAlive();
                    client.onClose(() -> clients.remove(client));
                    // a new dashboard gets the latest score at once rather than at the next evaluation
                    String health = lastHealth;
                    if (health != null) {
                        client.sendEvent("health", health);
                    }
                    clients.add(client);
                    connections.incrementAndGet();
                });
        api.get(
                "/api/performance/metrics",
                Role.VIEWER,
                RouteDoc.of("metrics", "History (test contract)", "200: {series:[{name, labels, points}]}"),
                ctx -> {
                    check(ctx);
                    ctx.json(Map.of("series", series(ctx.queryParam("name"), hours(ctx))));
                });
        api.get("/api/alerts", Role.VIEWER, RouteDoc.of("alerts", "Current alerts (test contract)", "200"), ctx -> {
            check(ctx);
            ctx.json(alerts);
        });
        api.get("/api/lag", Role.VIEWER, RouteDoc.of("lag", "Lag per group (test contract)", "200"), ctx -> {
            check(ctx);
            ctx.json(lags);
        });
        api.get("/api/runs", Role.VIEWER, RouteDoc.of("runs", "Recent runs (test contract)", "200"), ctx -> {
            check(ctx);
            ctx.json(runs);
        });
        api.post(
                "/api/session",
                Role.PUBLIC,
                RouteDoc.of("session", "Sign in (test contract)", "200: {csrfToken}; 401"),
                ctx -> {
                    JsonNode body = json.readTree(ctx.body());
                    boolean byPassword = "admin".equals(body.path("username").asText())
                            && PASSWORD.equals(body.path("password").asText());
                    boolean byKey = API_KEY.equals(body.path("apiKey").asText());
                    if (!byPassword && !byKey) {
                        throw ApiException.unauthorized("wrong user name and password, or key");
                    }
                    ctx.header("Set-Cookie", SESSION_COOKIE + "=ok; Path=/; HttpOnly; SameSite=Strict");
                    ctx.json(Map.of("csrfToken", CSRF_TOKEN, "user", "admin", "role", "admin"));
                });
        api.delete(
                "/api/session",
                Role.VIEWER,
                RouteDoc.of("session", "Sign out (test contract)", "204; 403 without the CSRF token"),
                ctx -> {
                    check(ctx);
                    if (!CSRF_TOKEN.equals(ctx.header("X-CSRF-Token"))) {
                        throw ApiException.forbidden("a cookie session's mutation needs its X-CSRF-Token header");
                    }
                    ctx.header("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
                    signOuts.incrementAndGet();
                    ctx.status(204);
                });
    }

    /** From now on every API call without the session cookie answers 401 (or, when false, none does). */
    void requireSession(boolean required) {
        requireSession.set(required);
    }

    /** How many sign-outs (with the right CSRF token) the service saw. */
    int signOuts() {
        return signOuts.get();
    }

    /** How many samples of this name have been collected. */
    long history(String name) {
        return history.stream().filter(s -> s.name().equals(name)).count();
    }

    /** How many dashboards have connected to the stream so far. */
    int connections() {
        return connections.get();
    }

    private boolean allowed(Context ctx) {
        return !requireSession.get() || "ok".equals(ctx.cookie(SESSION_COOKIE));
    }

    private void check(Context ctx) {
        if (!allowed(ctx)) {
            throw ApiException.unauthorized("sign in, or send Authorization: Bearer KEY");
        }
    }

    private static double hours(Context ctx) {
        String hours = ctx.queryParam("hours");
        return hours == null ? 24 : Double.parseDouble(hours);
    }

    private List<Map<String, Object>> series(String name, double hours) {
        Instant from = Instant.now().minusMillis((long) (hours * 3_600_000));
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Sample s : history) {
            if ((name == null || s.name().equals(name)) && !s.timestamp().isBefore(from)) {
                Map<String, Object> series = byKey.computeIfAbsent(s.name() + s.labels(), k -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", s.name());
                    m.put("labels", s.labels());
                    m.put("points", new ArrayList<Map<String, Object>>());
                    return m;
                });
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> points = (List<Map<String, Object>>) series.get("points");
                points.add(Map.of("at", s.timestamp(), "value", s.value()));
            }
        }
        return List.copyOf(byKey.values());
    }

    /**
     * One collection of every collector, as the service's runner makes it (with {@code collector.up} per collector):
     * kept as history, published as one {@code sample} batch, then the {@code health} it scores to.
     */
    List<Sample> collect() {
        Instant now = Instant.now();
        List<Sample> samples = new ArrayList<>();
        for (Collector c : collectors) {
            double up = 1;
            try {
                samples.addAll(c.collect(now));
            } catch (Exception e) {
                up = 0;
            }
            samples.add(Sample.of("collector.up", Map.of("collector", c.name()), now, up));
        }
        history.addAll(samples);
        samples.forEach(s -> latest.put(s.name() + s.labels(), s));
        publishSamples(samples);
        HealthReport health = HealthScore.ofDefaults().score(List.copyOf(latest.values()), List.of());
        lastHealth = publish("health", health);
        return samples;
    }

    /** Publishes a {@code sample} event of the batch form, {@code {"samples":[…]}}. */
    void publishSamples(List<Sample> samples) {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (Sample s : samples) {
            wire.add(Map.of("name", s.name(), "labels", s.labels(), "at", s.timestamp(), "value", s.value()));
        }
        publish("sample", Map.of("samples", wire));
    }

    /** Publishes one event to every connected client; returns its data as sent. */
    String publish(String type, Object data) {
        String text;
        try {
            text = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        for (SseClient client : clients) {
            if (client.terminated()) {
                clients.remove(client);
            } else {
                client.sendEvent(type, text);
            }
        }
        return text;
    }

    void alert(Map<String, Object> alert) {
        alerts.add(alert);
        publish("alert", alert);
    }

    void lag(Map<String, Object> lag) {
        lags.removeIf(l -> l.get("group").equals(lag.get("group")));
        lags.add(lag);
        publish("lag", lag);
    }

    void run(Map<String, Object> run) {
        runs.add(0, run);
        publish("run", run);
    }

    /** Waits until a dashboard connects to the stream after {@code before} connections. */
    void awaitConnectionAfter(int before, Duration timeout) {
        Await.until(timeout, "a dashboard connected to /api/events", () -> connections.get() > before);
    }
}
