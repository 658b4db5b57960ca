package io.pacer.server.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pacer.analysis.Recommendation;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.Plan;
import io.pacer.analysis.action.StalePlanException;
import io.pacer.server.Role;
import io.pacer.server.auth.Body;
import io.pacer.server.auth.Security;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.Params;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seed 002's optimisation routes, plus the dry run: plan a change ({@code POST /api/optimization/plan}), apply exactly
 * that plan by its id — or plan and apply in one step from seed 002's body or a recommendation's id — schedule it,
 * revert it, and the history. A plan whose target moved since it was made is refused with a 409 problem
 * ({@code stale-plan}) and recorded as failed; nothing is changed.
 */
public final class OptimizationRoutes implements RouteGroup {

    /** The problem type of an apply refused because the state moved since the plan. */
    public static final String STALE_PLAN = "https://pacer.io/problems/stale-plan";

    /** History entries returned by default. */
    static final int DEFAULT_LIMIT = 50;
    /** The most history entries one request returns. */
    static final int MAX_LIMIT = 1_000;
    /** How far ahead an action may be scheduled. */
    static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(30);

    static final String REQUEST_PROPERTIES = "\"recommendation_id\":{\"type\":\"string\",\"description\":\"carry out"
            + " this recommendation's action (GET /api/performance/recommendations)\"},"
            + "\"kind\":{\"type\":\"string\",\"description\":\"the executor: agent.tunable, kafka.topic-config,"
            + " redis.config, postgres.index, postgres.setting\"},"
            + "\"target\":{\"type\":\"string\"},"
            + "\"parameters\":{\"type\":\"object\",\"additionalProperties\":{\"type\":\"string\"}},"
            + "\"service_name\":{\"type\":\"string\",\"description\":\"seed 002: the target\"},"
            + "\"optimization_type\":{\"type\":\"string\",\"description\":\"seed 002: the executor's kind\"},"
            + "\"action_parameters\":{\"type\":\"object\",\"description\":\"seed 002: the parameters (a list is"
            + " joined with commas)\"}";

    static final String PLAN_SCHEMA =
            "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{" + REQUEST_PROPERTIES + "}}";
    static final String APPLY_SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
            + "\"plan_id\":{\"type\":\"string\",\"description\":\"apply exactly this plan (POST"
            + " /api/optimization/plan)\"}," + REQUEST_PROPERTIES + "}}";
    static final String SCHEDULE_SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"at\"],"
            + "\"properties\":{\"at\":{\"type\":\"string\",\"format\":\"date-time\"},"
            + "\"plan_id\":{\"type\":\"string\"}," + REQUEST_PROPERTIES + "}}";
    static final String REVERT_SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{"
            + "\"id\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"}}}";

    private static final Set<String> REQUEST_FIELDS = Set.of(
            "recommendation_id",
            "kind",
            "target",
            "parameters",
            "service_name",
            "optimization_type",
            "action_parameters");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger LOG = LoggerFactory.getLogger(OptimizationRoutes.class);

    private final Optimization optimization;

    public OptimizationRoutes(Optimization optimization) {
        this.optimization = optimization;
    }

    @Override
    public void register(Api api) {
        api.post(
                "/api/optimization/plan",
                Role.OPERATOR,
                RouteDoc.of(
                                "optimization",
                                "Plan a change (a dry run): the exact settings it changes, before and after; the plan"
                                        + " is kept so it can be applied by its id",
                                "200: the plan. 400: unknown kind or bad parameters")
                        .withBody(PLAN_SCHEMA),
                this::plan);
        api.post(
                "/api/optimization/apply",
                Role.OPERATOR,
                RouteDoc.of(
                                "optimization",
                                "Apply exactly the plan plan_id, or plan and apply in one step (seed 002's body, or a"
                                        + " recommendation_id); its verification window starts",
                                "200: the action record with its plan. 404: unknown or expired plan. 409 (stale-plan):"
                                        + " the target moved since the plan; nothing changed")
                        .withBody(APPLY_SCHEMA),
                this::apply);
        api.get(
                "/api/optimization/history",
                Role.VIEWER,
                RouteDoc.of(
                                "optimization",
                                "The action history, newest first: who, when, what, before, after, verdict, rollback",
                                "200: {actions}")
                        .withParameters(Param.query(
                                "limit",
                                "integer",
                                "How many, newest first (default " + DEFAULT_LIMIT + "; at most " + MAX_LIMIT + ")")),
                this::history);
        api.post(
                "/api/optimization/schedule",
                Role.OPERATOR,
                RouteDoc.of(
                                "optimization",
                                "Apply a plan later, at 'at' (re-checked then: a stale plan is refused)",
                                "200: the scheduled action. 404: unknown or expired plan")
                        .withBody(SCHEDULE_SCHEMA),
                this::schedule);
        api.delete(
                "/api/optimization/revert",
                Role.OPERATOR,
                RouteDoc.of(
                                "optimization",
                                "Revert an applied action, or cancel a scheduled one (id and reason in the query or the"
                                        + " body)",
                                "200: the action record. 404: unknown id. 409: neither applied nor scheduled")
                        .withParameters(
                                Param.query("id", "string", "The action's id, as the history lists it"),
                                Param.query("reason", "string", "Why, for the history (default: none)"))
                        .withBody(REVERT_SCHEMA),
                this::revert);
    }

    private void plan(Context ctx) {
        Body body = Body.of(ctx, REQUEST_FIELDS);
        ActionRequest request = request(body);
        ctx.json(act(
                true,
                () -> optimization.actions().plan(request, optimization.clock().instant())));
    }

    private void apply(Context ctx) {
        Set<String> known = new java.util.HashSet<>(REQUEST_FIELDS);
        known.add("plan_id");
        Body body = Body.of(ctx, known);
        String planId = planId(body);
        String who = Security.requester(ctx);
        ActionRecord record = act(false, () -> {
            Instant now = optimization.clock().instant();
            return optimization.actions().apply(planId, who, now);
        });
        LOG.info("action {} applied by {}: {}", record.id(), who, record.plan().summary());
        optimization.changed(record);
        ctx.json(record);
    }

    private void schedule(Context ctx) {
        Set<String> known = new java.util.HashSet<>(REQUEST_FIELDS);
        known.addAll(List.of("plan_id", "at"));
        Body body = Body.of(ctx, known);
        Instant now = optimization.clock().instant();
        String atText = body.text("at", true);
        Instant at;
        try {
            at = Instant.parse(atText.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(
                    "at", "must be an ISO-8601 instant such as 2026-01-15T10:35:00Z, but was '" + atText + "'");
        }
        if (at.isBefore(now.minusSeconds(1)) || at.isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
            throw ApiException.invalid("at", "must be from now (" + now + ") to 30 days ahead, but was " + at);
        }
        String planId = planId(body);
        String who = Security.requester(ctx);
        ActionRecord record = act(false, () -> optimization.actions().schedule(planId, at, who, now));
        LOG.info("action {} scheduled for {} by {}", record.id(), at, who);
        optimization.changed(record);
        ctx.json(record);
    }

    private void revert(Context ctx) {
        Params params = Params.of(ctx, Set.of("id", "reason"), null);
        String id = params.text("id", ID, "an action id as the history lists it");
        String reason = ctx.queryParam("reason");
        params.check();
        if (!ctx.body().isBlank()) {
            Body body = Body.of(ctx, Set.of("id", "reason"));
            if (id != null && body.has("id")) {
                throw ApiException.invalid("id", "is given in both the query and the body; give it once");
            }
            id = id != null ? id : body.text("id", false);
            reason = reason != null ? reason : body.text("reason", false);
        }
        if (id == null) {
            throw ApiException.invalid("id", "is required: DELETE /api/optimization/revert?id=ACTION_ID");
        }
        String actionId = id;
        String why = reason == null || reason.isBlank() ? "reverted through the API" : reason.strip();
        String who = Security.requester(ctx);
        ActionRecord record = act(
                false,
                () -> optimization
                        .actions()
                        .revert(actionId, who, why, optimization.clock().instant()));
        LOG.info("action {} reverted by {}: {}", actionId, who, why);
        optimization.changed(record);
        ctx.json(record);
    }

    private void history(Context ctx) {
        Params params = Params.of(ctx, Set.of("limit"), null);
        int limit = params.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        params.check();
        ctx.json(Map.of("actions", optimization.actions().history(limit)));
    }

    /** The plan to apply: plan_id as given, or a new plan of the request the body describes. */
    private String planId(Body body) {
        String planId = body.text("plan_id", false);
        boolean describes = REQUEST_FIELDS.stream().anyMatch(body::has);
        if (planId != null && describes) {
            throw ApiException.invalid(
                    "plan_id",
                    "applies a plan as it was planned; give either plan_id or a request"
                            + " (recommendation_id, kind/target/parameters or seed 002's fields), not both");
        }
        if (planId != null) {
            return planId;
        }
        ActionRequest request = request(body);
        Plan plan = act(
                true,
                () -> optimization.actions().plan(request, optimization.clock().instant()));
        return plan.id();
    }

    /**
     * The request a body describes: a recommendation's action, Pacer's {@code kind}/{@code target}/{@code
     * parameters}, or seed 002's {@code service_name}/{@code optimization_type}/{@code action_parameters}.
     */
    ActionRequest request(Body body) {
        ActionRequest request = described(body);
        String refusal = optimization.refusal(request);
        if (refusal != null) {
            throw ApiException.invalid(body.has("service_name") ? "service_name" : "target", refusal);
        }
        return request;
    }

    private ActionRequest described(Body body) {
        boolean recommendation = body.has("recommendation_id");
        boolean pacer = body.has("kind") || body.has("target") || body.has("parameters");
        boolean seed = body.has("service_name") || body.has("optimization_type") || body.has("action_parameters");
        int given = (recommendation ? 1 : 0) + (pacer ? 1 : 0) + (seed ? 1 : 0);
        if (given != 1) {
            throw ApiException.invalid(
                    "body",
                    (given == 0 ? "says nothing to do" : "mixes request shapes")
                            + "; give one of: plan_id (apply only), recommendation_id, kind+target+parameters, or"
                            + " seed 002's service_name+optimization_type+action_parameters");
        }
        if (recommendation) {
            String id = body.text("recommendation_id", true);
            Recommendation r = optimization
                    .recommendation(id)
                    .orElseThrow(() -> ApiException.notFound("the latest analysis has no recommendation '" + id
                            + "'; see GET /api/performance/recommendations"));
            if (r.action() == null) {
                throw ApiException.invalid(
                        "recommendation_id",
                        "'" + id + "' has no action Pacer can carry out; its steps are for people: "
                                + String.join("; ", r.actions()));
            }
            return r.action();
        }
        String kindField = pacer ? "kind" : "optimization_type";
        String targetField = pacer ? "target" : "service_name";
        String parametersField = pacer ? "parameters" : "action_parameters";
        String kind = body.text(kindField, true);
        String target = body.text(targetField, true);
        Map<String, String> parameters = parameters(parametersField, body.node(parametersField));
        try {
            return new ActionRequest(kind, target, parameters);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(kind.isBlank() ? kindField : targetField, e.getMessage());
        }
    }

    /** A parameters object: strings, numbers and booleans as text; a list of them joined with commas. */
    private static Map<String, String> parameters(String field, JsonNode node) {
        Map<String, String> all = new LinkedHashMap<>();
        if (node == null) {
            return all;
        }
        if (!node.isObject()) {
            throw ApiException.invalid(field, "must be an object of name: value, but was " + node.getNodeType());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isValueNode() && !v.isNull()) {
                all.put(e.getKey(), v.asText());
            } else if (v.isArray()) {
                List<String> items = new ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                all.put(e.getKey(), String.join(",", items));
            } else {
                throw ApiException.invalid(
                        field + "." + e.getKey(), "must be a string, number, boolean or list of them");
            }
        }
        return all;
    }

    /**
     * Runs an actions call, answering its refusals as problems: a stale plan 409 ({@link #STALE_PLAN}), an unknown id
     * 404, bad parameters 400, an unreachable target 503 while planning and 409 otherwise (the action's state does not
     * allow it, or the target refused).
     */
    private static <T> T act(boolean planning, Supplier<T> call) {
        try {
            return call.get();
        } catch (StalePlanException e) {
            throw new ApiException(
                    409, STALE_PLAN, "Stale plan", e.getMessage() + "; plan again and apply the new plan", List.of());
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("parameters", e.getMessage());
        } catch (IllegalStateException e) {
            throw planning ? ApiException.unavailable(e.getMessage()) : ApiException.conflict(e.getMessage());
        }
    }
}
