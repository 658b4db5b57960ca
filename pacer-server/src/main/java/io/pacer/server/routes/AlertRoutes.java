package io.pacer.server.routes;

import io.javalin.http.Context;
import io.pacer.monitor.alert.AlertRule;
import io.pacer.monitor.alert.AlertTransition;
import io.pacer.server.Role;
import io.pacer.server.ServerParts;
import io.pacer.server.http.Api;
import io.pacer.server.http.Params;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.monitor.Monitoring;
import io.pacer.server.monitor.Views.AlertView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Alerts: those pending or firing now, the history of transitions, and the rules in force. */
public final class AlertRoutes implements RouteGroup {

    /** The most transitions one history request returns (the newest, when there are more). */
    public static final int MAX_LIMIT = 10_000;

    private static final Pattern RULE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final ServerParts parts;

    public AlertRoutes(ServerParts parts) {
        this.parts = parts;
    }

    /** The body of {@code GET /api/alerts}. */
    public record Current(Instant at, List<AlertView> alerts) {}

    /** The body of {@code GET /api/alerts/history}. */
    public record History(Instant from, Instant to, List<AlertTransition> transitions) {}

    /** One rule, as the API shows it. */
    public record RuleView(
            String name,
            String metric,
            Map<String, String> labels,
            Double warning,
            Double critical,
            String direction,
            double forSeconds,
            String aggregation,
            Double windowSeconds,
            String action,
            String summary) {
        static RuleView of(AlertRule r) {
            return new RuleView(
                    r.name(),
                    r.metric(),
                    r.labels(),
                    r.warning(),
                    r.critical(),
                    r.direction() == null ? null : r.direction().name().toLowerCase(Locale.ROOT),
                    r.forDuration().toMillis() / 1000.0,
                    r.aggregation() == null ? null : r.aggregation().name().toLowerCase(Locale.ROOT),
                    r.window() == null ? null : r.window().toMillis() / 1000.0,
                    r.action(),
                    r.summary());
        }
    }

    @Override
    public void register(Api api) {
        api.get(
                "/api/alerts",
                Role.VIEWER,
                RouteDoc.of("alerts", "The alerts pending or firing now", "200: the active alerts, oldest first"),
                ctx -> {
                    var view = parts.monitoring().view();
                    ctx.json(new Current(view.at(), Monitoring.alerts(view)));
                });
        api.get(
                "/api/alerts/history",
                Role.VIEWER,
                RouteDoc.of("alerts", "Every alert transition of the last hours", "200: the transitions, oldest first")
                        .withParameters(
                                Param.query("hours", "number", "How far back, hours (default 24, from 0.001 to 17520)"),
                                Param.query("rule", "string", "Only this rule's transitions (default: every rule)"),
                                Param.query("limit", "integer", "At most this many, the newest (default 1000)")),
                this::history);
        api.get(
                "/api/alerts/rules",
                Role.VIEWER,
                RouteDoc.of("alerts", "The alert rules in force", "200: the rules, as configured"),
                ctx -> {
                    ctx.json(Map.of(
                            "rules",
                            parts.monitoring().rules().stream()
                                    .map(RuleView::of)
                                    .toList()));
                });
    }

    private void history(Context ctx) {
        Params params = Params.of(ctx, Set.of("hours", "rule", "limit"), null);
        double hours =
                params.number("hours", MetricsRoutes.DEFAULT_HOURS, MetricsRoutes.MIN_HOURS, MetricsRoutes.MAX_HOURS);
        String rule = params.text("rule", RULE, "a rule name: 1 to 100 letters, digits, '.', '_' or '-'");
        int limit = params.integer("limit", 1_000, 1, MAX_LIMIT);
        params.check();
        Instant to = parts.clock().instant().plusMillis(1);
        Instant from = to.minus(Duration.ofMillis(Math.round(hours * 3_600_000)));
        List<AlertTransition> all = Stores.read(
                () -> parts.store().alertHistory().transitions(from, to, rule == null ? limit : MAX_LIMIT * 10));
        List<AlertTransition> shown = rule == null
                ? all
                : all.stream().filter(t -> t.rule().equals(rule)).toList();
        if (shown.size() > limit) {
            shown = shown.subList(shown.size() - limit, shown.size());
        }
        ctx.json(new History(from, to, shown));
    }
}
