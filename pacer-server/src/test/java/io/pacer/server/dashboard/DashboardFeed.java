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
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.AlertTransition;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import io.pacer.monitor.health.HealthReport;
import io.pacer.monitor.health.HealthScore;
import io.pacer.monitor.kafka.LagResult;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: the APIs the dashboard reads, in the shapes docs/server-api.md documents ({@code /api/events},
 * {@code /api/performance/metrics}, {@code /api/alerts}, {@code /api/lag}), the runs routes' ({@code /api/runs}: a
 * page of run summaries) and the session contract ({@code POST} / {@code DELETE /api/session}), until those routes are
 * merged. The data is real where that is cheap: {@link #collect} runs real collectors (host, JVM, a Prometheus scrape
 * of a real batcher) and scores their samples with the real {@link HealthScore}; lag is pacer-monitor's own
 * {@link LagResult} and an alert event its own {@link AlertTransition}, serialised by Pacer's one Jackson setup.
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
    private final List<Alert> active = new CopyOnWriteArrayList<>();
    private final Map<String, LagResult> lags = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> runs = new CopyOnWriteArrayList<>();
    private final AtomicBoolean requireSession = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger signOuts = new AtomicInteger();
    private final List<String> historyQueries = new CopyOnWriteArrayList<>();
    private volatile String lastHealth;
    private volatile String sharedAs;

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
                RouteDoc.of("metrics", "History (test contract)", "200: {series:[{name, labels, points}]}")
                        .withParameters(
                                RouteDoc.Param.query("hours", "number", "How far back"),
                                RouteDoc.Param.query("name", "string", "The series name"),
                                RouteDoc.Param.query("label.NAME", "string", "A label matcher")),
                ctx -> {
                    check(ctx);
                    historyQueries.add(ctx.queryString());
                    List<Map<String, Object>> series = series(ctx.queryParam("name"), hours(ctx));
                    ctx.json(Map.of("hours", hours(ctx), "resolution", "raw", "series", series));
                });
        api.get("/health", Role.PUBLIC, RouteDoc.of("health", "Health (test contract)", "200"), ctx -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("instance", sharedAs == null ? "localhost:8420" : sharedAs);
            facts.put("sharedStore", sharedAs != null);
            ctx.json(Map.of("status", "up", "components", Map.of("alertEvaluator", Map.of("facts", facts))));
        });
        // the analysis panels' routes, answering as a service with a quiet history does
        api.get(
                "/api/performance/recommendations",
                Role.VIEWER,
                RouteDoc.of("analysis", "Recommendations (test contract)", "200"),
                ctx -> {
                    check(ctx);
                    ctx.json(
                            Map.of("timestamp", Instant.now(), "performance_score", 100, "recommendations", List.of()));
                });
        api.get(
                "/api/performance/bottlenecks",
                Role.VIEWER,
                RouteDoc.of("analysis", "Bottlenecks (test contract)", "200"),
                ctx -> {
                    check(ctx);
                    ctx.json(Map.of("timestamp", Instant.now(), "performance_score", 100, "bottlenecks", List.of()));
                });
        api.get(
                "/api/performance/trends",
                Role.VIEWER,
                RouteDoc.of("analysis", "Trends (test contract)", "200")
                        .withParameters(
                                RouteDoc.Param.query("days", "number", "How far back"),
                                RouteDoc.Param.query("horizon_hours", "integer", "How far ahead")),
                ctx -> {
                    check(ctx);
                    ctx.json(Map.of(
                            "period_days",
                            1,
                            "trends",
                            Map.of(),
                            "details",
                            List.of(),
                            "significant_changes",
                            List.of(),
                            "forecasts",
                            List.of()));
                });
        api.get(
                "/api/optimization/history",
                Role.VIEWER,
                RouteDoc.of("optimization", "Action history (test contract)", "200")
                        .withParameters(RouteDoc.Param.query("limit", "integer", "At most this many")),
                ctx -> {
                    check(ctx);
                    ctx.json(Map.of("actions", List.of()));
                });
        api.get("/api/alerts", Role.VIEWER, RouteDoc.of("alerts", "Current alerts (test contract)", "200"), ctx -> {
            check(ctx);
            ctx.json(alerts);
        });
        api.get("/api/lag", Role.VIEWER, RouteDoc.of("lag", "Lag per group (test contract)", "200"), ctx -> {
            check(ctx);
            ctx.json(Map.of("at", Instant.now(), "groups", List.copyOf(lags.values())));
        });
        api.get(
                "/api/runs",
                Role.VIEWER,
                RouteDoc.of("runs", "Recent runs (test contract)", "200")
                        .withParameters(RouteDoc.Param.query("limit", "integer", "At most this many")),
                ctx -> {
                    check(ctx);
                    String limit = ctx.queryParam("limit");
                    List<Map<String, Object>> page =
                            runs.subList(0, Math.min(limit == null ? 20 : Integer.parseInt(limit), runs.size()));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("runs", List.copyOf(page));
                    body.put("next", null);
                    ctx.json(body);
                });
        api.post(
                "/api/session",
                Role.PUBLIC,
                RouteDoc.of("session", "Sign in (test contract)", "200: {user, role, via, csrfToken}; 401"),
                ctx -> {
                    JsonNode body = json.readTree(ctx.body());
                    Set<String> fields = new java.util.TreeSet<>();
                    body.fieldNames().forEachRemaining(fields::add);
                    if (!Set.of("user", "password").containsAll(fields)
                            && !Set.of("key").equals(fields)) {
                        throw ApiException.invalid("body", "must be {user, password} or {key}, but had " + fields);
                    }
                    boolean byPassword = "admin".equals(body.path("user").asText())
                            && PASSWORD.equals(body.path("password").asText());
                    boolean byKey = API_KEY.equals(body.path("key").asText());
                    if (!byPassword && !byKey) {
                        throw ApiException.unauthorized("wrong user name and password, or key");
                    }
                    ctx.header("Set-Cookie", SESSION_COOKIE + "=ok; Path=/; HttpOnly; SameSite=Strict");
                    ctx.json(session());
                });
        api.get(
                "/api/session",
                Role.VIEWER,
                RouteDoc.of("session", "Who is signed in (test contract)", "200: {user, role, via, csrfToken}"),
                ctx -> {
                    check(ctx);
                    ctx.json(
                            "ok".equals(ctx.cookie(SESSION_COOKIE))
                                    ? session()
                                    : Map.of("role", "admin", "via", "no_auth"));
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

    private static Map<String, Object> session() {
        return Map.of("user", "admin", "role", "admin", "via", "session", "csrfToken", CSRF_TOKEN);
    }

    /** From now on every API call without the session cookie answers 401 (or, when false, none does). */
    void requireSession(boolean required) {
        requireSession.set(required);
    }

    /** From now on /health says the store is shared and this instance is {@code instance} (null: its own store). */
    void shareStoreAs(String instance) {
        sharedAs = instance;
    }

    /** The query strings of every history request so far. */
    List<String> historyQueries() {
        return List.copyOf(historyQueries);
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

    /** Answers 401 (an ApiException) when a session is required and the request has none. */
    void check(Context ctx) {
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
                points.add(Map.of(
                        "t",
                        s.timestamp(),
                        "count",
                        1,
                        "avg",
                        s.value(),
                        "min",
                        s.value(),
                        "max",
                        s.value(),
                        "last",
                        s.value()));
            }
        }
        return List.copyOf(byKey.values());
    }

    /**
     * One collection of every collector, as the service's runner makes it: each collector's samples plus its
     * {@code collector.up}, kept as history and published as that collector's {@code sample} event; then the
     * {@code health} event they score to, with the active alerts and every collector's view.
     */
    void collect() {
        Instant now = Instant.now();
        List<Map<String, Object>> views = new ArrayList<>();
        for (Collector c : collectors) {
            List<Sample> samples = new ArrayList<>();
            String error = null;
            try {
                samples.addAll(c.collect(now));
            } catch (Exception e) {
                error = String.valueOf(e.getMessage());
            }
            samples.add(Sample.of("collector.up", Map.of("collector", c.name()), now, error == null ? 1 : 0));
            history.addAll(samples);
            samples.forEach(s -> latest.put(s.name() + s.labels(), s));
            publishSamples(c.name(), samples);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", c.name());
            view.put("state", error == null ? "up" : "down");
            view.put("lastAt", now);
            view.put("lastError", error);
            views.add(view);
        }
        HealthReport report = HealthScore.ofDefaults().score(List.copyOf(latest.values()), List.copyOf(active));
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("at", now);
        health.put("score", report.score());
        health.put("status", report.status());
        health.put("components", report.components());
        health.put("deductions", report.deductions());
        health.put("alerts", List.copyOf(alerts));
        health.put("collectors", views);
        lastHealth = publish("health", health);
    }

    /** Publishes a {@code sample} event: {@code {"collector": …, "samples": [{name, labels, timestamp, value}]}}. */
    void publishSamples(String collector, List<Sample> samples) {
        List<Map<String, Object>> wire = new ArrayList<>();
        for (Sample s : samples) {
            wire.add(Map.of("name", s.name(), "labels", s.labels(), "timestamp", s.timestamp(), "value", s.value()));
        }
        publish("sample", Map.of("collector", collector, "samples", wire));
    }

    /** Ends every stream, as a restart of the service does. */
    void endStreams() {
        for (SseClient client : clients) {
            clients.remove(client);
            client.close();
        }
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

    /**
     * An alert fires: listed by {@code GET /api/alerts} as the service's AlertView, published as pacer-monitor's
     * {@link AlertTransition} from PENDING to FIRING.
     */
    void fire(String rule, SeriesKey series, Severity severity, double value, double threshold, Instant since) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rule", rule);
        view.put("series", series.toString());
        view.put("name", series.name());
        view.put("labels", series.labels());
        view.put("state", "firing");
        view.put("severity", severity.name().toLowerCase(Locale.ROOT));
        view.put("value", value);
        view.put("threshold", threshold);
        view.put("since", since);
        view.put("firingSince", since);
        alerts.add(view);
        active.add(new Alert(rule, series, AlertState.FIRING, severity, value, threshold, since, since, null));
        publish(
                "alert",
                new AlertTransition(
                        rule,
                        series,
                        AlertState.PENDING,
                        AlertState.FIRING,
                        severity,
                        value,
                        threshold,
                        Instant.now(),
                        since,
                        null,
                        rule + " fired"));
    }

    /** An alert resolves: gone from {@code GET /api/alerts}, published as a transition from FIRING to INACTIVE. */
    void resolve(String rule, SeriesKey series, Severity severity, double value, double threshold, Instant since) {
        alerts.removeIf(a -> a.get("rule").equals(rule) && a.get("series").equals(series.toString()));
        active.removeIf(a -> a.rule().equals(rule) && a.series().equals(series));
        publish(
                "alert",
                new AlertTransition(
                        rule,
                        series,
                        AlertState.FIRING,
                        AlertState.INACTIVE,
                        severity,
                        value,
                        threshold,
                        Instant.now(),
                        since,
                        null,
                        rule + " resolved"));
    }

    /** A group's evaluation changed: kept for {@code GET /api/lag}, published as {@code {"at", "groups": [it]}}. */
    void lag(LagResult result) {
        lags.put(result.group().name(), result);
        publish("lag", Map.of("at", Instant.now(), "groups", List.of(result)));
    }

    /** A run was uploaded: its summary, as the runs routes list and publish it. */
    void run(Map<String, Object> summary) {
        runs.add(0, summary);
        publish("run", summary);
    }

    /** Waits until a dashboard connects to the stream after {@code before} connections. */
    void awaitConnectionAfter(int before, Duration timeout) {
        Await.until(timeout, "a dashboard connected to /api/events", () -> connections.get() > before);
    }
}
