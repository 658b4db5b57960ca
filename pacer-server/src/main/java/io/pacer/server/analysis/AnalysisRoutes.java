package io.pacer.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pacer.analysis.Analysis;
import io.pacer.analysis.AnalysisRequest;
import io.pacer.server.Role;
import io.pacer.server.auth.Body;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.Params;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import io.pacer.tune.Durations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Seed 002's analysis routes: run one analysis ({@code POST /api/performance/analyze}, its request flags as written),
 * the bottlenecks and recommendations of the latest analysis, and the trends with their forecast.
 */
public final class AnalysisRoutes implements RouteGroup {

    /** The default trend window, as seed 002's {@code ?days=7}. */
    static final double DEFAULT_DAYS = 7;
    /** The default forecast horizon. */
    static final long DEFAULT_HORIZON_HOURS = 24;
    /** The shortest window {@link AnalysisRequest} accepts. */
    static final Duration MIN_WINDOW = Duration.ofSeconds(10);

    static final String ANALYZE_SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
            + "\"include_system_metrics\":{\"type\":\"boolean\",\"default\":true},"
            + "\"include_integration_metrics\":{\"type\":\"boolean\",\"default\":true},"
            + "\"include_database_metrics\":{\"type\":\"boolean\",\"default\":true},"
            + "\"quick_analysis\":{\"type\":\"boolean\",\"default\":false,"
            + "\"description\":\"quick detectors only, over at most 5 minutes\"},"
            + "\"window\":{\"type\":[\"integer\",\"string\"],\"description\":\"how far back: seconds (900) or a"
            + " duration (15m); default 15m, at most 7d\"}}}";

    private static final Set<String> ANALYZE_FIELDS = Set.of(
            "include_system_metrics",
            "include_integration_metrics",
            "include_database_metrics",
            "quick_analysis",
            "window");

    private final Optimization optimization;

    public AnalysisRoutes(Optimization optimization) {
        this.optimization = optimization;
    }

    @Override
    public void register(Api api) {
        api.post(
                "/api/performance/analyze",
                Role.OPERATOR,
                RouteDoc.of(
                                "analysis",
                                "Run one analysis: score, system/integration/database metrics, recommendations,"
                                        + " critical issues, bottlenecks with evidence (seed 002's field names)",
                                "200: the analysis")
                        .withBody(ANALYZE_SCHEMA),
                this::analyze);
        api.get(
                "/api/performance/bottlenecks",
                Role.VIEWER,
                RouteDoc.of(
                        "analysis",
                        "The latest analysis's findings, most severe first, each with its evidence and confidence",
                        "200: {timestamp, performance_score, bottlenecks}"),
                this::bottlenecks);
        api.get(
                "/api/performance/recommendations",
                Role.VIEWER,
                RouteDoc.of(
                        "analysis",
                        "The latest analysis's recommendations, ranked, each with its findings and, where Pacer can"
                                + " carry it out, its action request",
                        "200: {timestamp, performance_score, recommendations}"),
                this::recommendations);
        api.get(
                "/api/performance/trends",
                Role.VIEWER,
                RouteDoc.of(
                                "analysis",
                                "Trends, significant changes with their possible causes, and forecasts",
                                "200: the trend report (seed 002's period_days, trends, significant_changes, plus"
                                        + " details and forecasts)")
                        .withParameters(
                                Param.query("days", "number", "How far back, in days (default 7; from 0.01 to 365)"),
                                Param.query(
                                        "horizon_hours",
                                        "integer",
                                        "How far ahead to forecast, in hours (default 24; from 1 to 720)")),
                this::trends);
    }

    private void analyze(Context ctx) {
        AnalysisRequest request;
        if (ctx.body().isBlank()) {
            request = AnalysisRequest.full();
        } else {
            Body body = Body.of(ctx, ANALYZE_FIELDS);
            request = request(body);
        }
        ctx.json(optimization.analyze(request));
    }

    /** Seed 002's flags (each included unless set false), the window in seconds or as a duration. */
    static AnalysisRequest request(Body body) {
        Duration window = window(body.node("window"));
        try {
            return new AnalysisRequest(
                    window,
                    body.flag("include_system_metrics", true),
                    body.flag("include_integration_metrics", true),
                    body.flag("include_database_metrics", true),
                    body.flag("quick_analysis", false));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("window", e.getMessage());
        }
    }

    private static Duration window(JsonNode node) {
        if (node == null) {
            return null;
        }
        String rule = "seconds (900) or a duration (15m), from 10 s to 7 days";
        Duration window = null;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            window = Duration.ofSeconds(node.asLong());
        } else if (node.isTextual()) {
            try {
                window = Durations.parse(node.asText().strip());
            } catch (RuntimeException e) {
                window = null;
            }
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(AnalysisRequest.MAX_WINDOW) > 0) {
            throw ApiException.invalid("window", "must be " + rule + ", but was " + node);
        }
        return window;
    }

    private void bottlenecks(Context ctx) {
        Analysis a = optimization.latest();
        Map<String, Object> body = head(a);
        body.put("bottlenecks", a.bottlenecks());
        ctx.json(body);
    }

    private void recommendations(Context ctx) {
        Analysis a = optimization.latest();
        Map<String, Object> body = head(a);
        body.put("recommendations", a.optimizationRecommendations());
        ctx.json(body);
    }

    private static Map<String, Object> head(Analysis a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", a.timestamp());
        body.put("window_seconds", a.windowSeconds());
        body.put("performance_score", a.performanceScore());
        return body;
    }

    private void trends(Context ctx) {
        Params params = Params.of(ctx, Set.of("days", "horizon_hours"), null);
        double days = params.number("days", DEFAULT_DAYS, 0.01, 365);
        long horizon = params.whole("horizon_hours", DEFAULT_HORIZON_HOURS, 1, 720);
        params.check();
        ctx.json(optimization.trends(Duration.ofSeconds(Math.round(days * 86_400)), Duration.ofHours(horizon)));
    }
}
