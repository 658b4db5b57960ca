package io.pacer.server.routes;

import io.javalin.http.Context;
import io.pacer.server.Role;
import io.pacer.server.ServerParts;
import io.pacer.server.http.Api;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.monitor.Views.CollectorView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /health}: the service's own health — 200 when every component is up, 503 naming the reason of each that
 * is not. Components: the store (a write into the state database succeeds; its sample buffer is not nearly full),
 * the collectors (some collector succeeded lately: a single target that is down is a monitored fact, not the
 * service's failure, and is listed with its reason) and the alert evaluator (its thread runs and refreshed lately).
 */
public final class HealthRoutes implements RouteGroup {

    /** A store buffer fuller than this makes the store down: samples are about to be dropped. */
    public static final double BUFFER_DOWN_RATIO = 0.9;
    /** The evaluator refreshes every second; this much silence means it is stuck. */
    public static final Duration EVALUATOR_STALE_AFTER = Duration.ofSeconds(10);

    private final ServerParts parts;

    public HealthRoutes(ServerParts parts) {
        this.parts = parts;
    }

    /**
     * One component's health.
     *
     * @param status {@code up} or {@code down}
     * @param detail why, in one line
     * @param facts the figures behind it
     */
    public record Component(String status, String detail, Map<String, Object> facts) {}

    /** The body of {@code /health}. */
    public record Health(String status, Instant checkedAt, Map<String, Component> components) {}

    @Override
    public void register(Api api) {
        api.get(
                "/health",
                Role.PUBLIC,
                RouteDoc.of(
                        "health",
                        "The service's own health: store, collectors and alert evaluator",
                        "200: every component is up; 503: some component is down; each with its reason"),
                this::health);
    }

    private void health(Context ctx) {
        Health health = check(parts.clock().instant());
        ctx.status(health.status().equals("up") ? 200 : 503);
        ctx.json(health);
    }

    /** The health at {@code now}. */
    public Health check(Instant now) {
        Map<String, Component> components = new LinkedHashMap<>();
        components.put("store", store());
        components.put("collectors", collectors(now));
        components.put("alertEvaluator", evaluator(now));
        boolean up = components.values().stream().allMatch(c -> c.status().equals("up"));
        return new Health(up ? "up" : "down", now, components);
    }

    private Component store() {
        int buffered = parts.store().buffered();
        int capacity = parts.config().store().bufferCapacity();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("buffered", buffered);
        facts.put("capacity", capacity);
        facts.put("dropped", parts.store().dropped());
        String written = writable();
        if (written != null) {
            return new Component("down", "the state database refused a write: " + written, facts);
        }
        if (buffered >= capacity * BUFFER_DOWN_RATIO) {
            return new Component(
                    "down",
                    "the sample buffer is " + Math.round(100.0 * buffered / capacity)
                            + " % full: the store is not keeping up and samples are about to be dropped",
                    facts);
        }
        return new Component("up", "writable; " + buffered + " of " + capacity + " samples buffered", facts);
    }

    /** Null when a write (rolled back) succeeds, else why not. */
    private String writable() {
        try (Connection c = parts.database().connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s =
                    c.prepareStatement("INSERT INTO pacer_setting (name, value, updated_ts) VALUES (?, ?, ?)")) {
                s.setString(1, "health.probe." + UUID.randomUUID());
                s.setString(2, "{}");
                s.setLong(3, 0);
                s.executeUpdate();
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private Component collectors(Instant now) {
        List<CollectorView> all = parts.monitoring().collectors();
        Duration interval = parts.config().targets().interval();
        Duration grace = interval.multipliedBy(3).compareTo(Duration.ofSeconds(30)) > 0
                ? interval.multipliedBy(3)
                : Duration.ofSeconds(30);
        Instant latest = null;
        List<String> down = new ArrayList<>();
        for (CollectorView c : all) {
            if (c.lastSuccess() != null && (latest == null || c.lastSuccess().isAfter(latest))) {
                latest = c.lastSuccess();
            }
            if (c.state().equals("down")) {
                down.add(c.name() + ": " + c.lastError());
            }
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("collectors", all);
        facts.put("lastSuccess", latest);
        long up = all.stream().filter(c -> c.state().equals("up")).count();
        String summary = up + " of " + all.size() + " collectors up" + (down.isEmpty() ? "" : "; down: " + down);
        boolean starting = Duration.between(parts.monitoring().startedAt(), now).compareTo(grace) < 0;
        if (all.isEmpty()
                || starting
                || (latest != null && Duration.between(latest, now).compareTo(grace) <= 0)) {
            return new Component("up", (starting && latest == null ? "starting; " : "") + summary, facts);
        }
        return new Component(
                "down",
                "no collection succeeded " + (latest == null ? "since the start" : "since " + latest) + " (" + grace
                        + " allowed); " + summary,
                facts);
    }

    private Component evaluator(Instant now) {
        Instant last = parts.monitoring().lastEvaluation();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("lastEvaluation", last);
        facts.put("rules", parts.monitoring().rules().size());
        facts.put("instance", parts.instance());
        facts.put("role", parts.leadership().describe());
        facts.put("sharedStore", parts.leadership().shared());
        if (!parts.monitoring().evaluatorRunning()) {
            return new Component("down", "the alert evaluator's thread has stopped; the log says why", facts);
        }
        Instant since = last == null ? parts.monitoring().startedAt() : last;
        if (Duration.between(since, now).compareTo(EVALUATOR_STALE_AFTER) > 0) {
            return new Component(
                    "down",
                    "the alert evaluator has not refreshed since " + since + " (it refreshes every second)",
                    facts);
        }
        return new Component(
                "up",
                last == null
                        ? "starting"
                        : "evaluated " + parts.monitoring().rules().size() + " rules at " + last,
                facts);
    }
}
