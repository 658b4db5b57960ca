package io.pacer.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pacer.internal.Json;
import io.pacer.monitor.Collector;
import io.pacer.monitor.Sample;
import io.pacer.monitor.collect.Failures;
import io.pacer.server.Role;
import io.pacer.server.ServerParts;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.Params;
import io.pacer.server.http.Problem;
import io.pacer.server.http.RequestLog;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.monitor.TargetSpec;
import io.pacer.server.monitor.Views.CollectorView;
import io.pacer.server.monitor.Views.SampleView;
import io.pacer.server.state.TargetStore.StoredTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Targets: list every collector with its health (from pacer.yaml and added here), add one (kept in the state database
 * and collected from at once, no restart), remove one added here, and test one — a single collection, answering what
 * it got or why it failed, run on a worker thread that carries the request's correlation id.
 */
public final class TargetRoutes implements RouteGroup {

    /** Samples shown by a target test. */
    public static final int TEST_SAMPLES_SHOWN = 20;

    static final String BODY_SCHEMA = "{\"type\":\"object\",\"required\":[\"kind\",\"target\"],"
            + "\"additionalProperties\":false,\"properties\":{"
            + "\"kind\":{\"type\":\"string\",\"enum\":[\"scrape\",\"health\",\"postgres\",\"redis\",\"jmx\",\"kafka\"]},"
            + "\"target\":{\"type\":\"string\",\"description\":\"URL, host:port or bootstrap list, as in pacer.yaml\"}}}";

    private static final Logger LOG = LoggerFactory.getLogger(TargetRoutes.class);
    private static final ExecutorService TESTS = Executors.newCachedThreadPool(runnable -> {
        Thread t = new Thread(runnable, "pacer-target-test");
        t.setDaemon(true);
        return t;
    });

    private final ServerParts parts;

    public TargetRoutes(ServerParts parts) {
        this.parts = parts;
    }

    /** One target: a collector, where it came from, and its health. */
    public record TargetView(
            Long id,
            String source,
            String kind,
            String target,
            String collector,
            Instant created,
            CollectorView health) {}

    /** The answer of a target test. */
    public record TestResult(
            boolean ok,
            String collector,
            double seconds,
            int samples,
            List<SampleView> sample,
            String error,
            String correlationId) {}

    @Override
    public void register(Api api) {
        api.get(
                "/api/targets",
                Role.VIEWER,
                RouteDoc.of("targets", "Every target collected from, with its health", "200: the targets"),
                this::list);
        api.post(
                "/api/targets",
                Role.OPERATOR,
                RouteDoc.of("targets", "Add a target; collected from at once", "201: the target added")
                        .withBody(BODY_SCHEMA),
                this::add);
        api.delete(
                "/api/targets/{id}",
                Role.OPERATOR,
                RouteDoc.of("targets", "Remove a target added through the API", "204: removed")
                        .withParameters(Param.path("id", "The target's id, as listed")),
                this::remove);
        api.post(
                "/api/targets/test",
                Role.OPERATOR,
                RouteDoc.of(
                                "targets",
                                "Collect once from a target without adding it",
                                "200: what the collection got, or why it failed")
                        .withBody(BODY_SCHEMA),
                this::test);
    }

    private void list(Context ctx) {
        Params.of(ctx, Set.of(), null).check();
        var monitoring = parts.monitoring();
        List<CollectorView> health = monitoring.collectors();
        Map<Long, String> api = monitoring.apiTargets();
        List<StoredTarget> stored = Stores.read(() -> parts.targets().list());
        List<TargetView> all = new ArrayList<>();
        for (CollectorView h : health) {
            StoredTarget mine = null;
            for (StoredTarget t : stored) {
                if (h.name().equals(api.get(t.id()))) {
                    mine = t;
                }
            }
            String kind =
                    h.name().contains(":") ? h.name().substring(0, h.name().indexOf(':')) : h.name();
            all.add(
                    mine == null
                            ? new TargetView(null, "config", kind, null, h.name(), null, h)
                            : new TargetView(mine.id(), "api", kind, mine.spec().shown(), h.name(), mine.created(), h));
        }
        ctx.json(Map.of("targets", all));
    }

    private void add(Context ctx) {
        TargetSpec spec = spec(ctx);
        StoredTarget stored = Stores.read(
                        () -> parts.targets().add(spec, parts.clock().instant()))
                .orElseThrow(() -> ApiException.conflict(
                        spec.kind() + " target " + spec.shown() + " is stored already; see GET /api/targets"));
        String collector;
        try {
            collector = parts.monitoring().start(stored);
        } catch (IllegalArgumentException e) {
            parts.targets().remove(stored.id());
            throw ApiException.conflict(
                    spec.kind() + " target " + spec.shown() + " is collected already (pacer.yaml lists it)");
        }
        LOG.info("target {} {} added as {} (id {})", spec.kind(), spec.shown(), collector, stored.id());
        ctx.status(201);
        ctx.json(new TargetView(stored.id(), "api", spec.kind(), spec.shown(), collector, stored.created(), null));
    }

    private void remove(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalid(
                    "id", "must be a target id (a whole number), but was '" + ctx.pathParam("id") + "'");
        }
        if (!Stores.read(() -> parts.targets().remove(id))) {
            throw ApiException.notFound("no target " + id + " was added through the API (targets of pacer.yaml are"
                    + " removed by editing the file); see GET /api/targets");
        }
        parts.monitoring().stop(id);
        LOG.info("target {} removed", id);
        ctx.status(204);
    }

    private void test(Context ctx) throws Exception {
        TargetSpec spec = spec(ctx);
        Collector collector = spec.collector(parts.monitoring().configured());
        Duration timeout = parts.config().targets().timeout();
        Instant now = parts.clock().instant();
        long start = System.nanoTime();
        Future<TestResult> running = TESTS.submit(RequestLog.carry(() -> {
            LOG.info("testing {} target {}", spec.kind(), spec.shown());
            try (collector) {
                List<Sample> samples = collector.collect(now);
                return new TestResult(
                        true,
                        collector.name(),
                        seconds(start),
                        samples.size(),
                        views(samples),
                        null,
                        MDC.get(RequestLog.MDC_KEY));
            }
        }));
        TestResult result;
        try {
            result = running.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            result = failed(collector, start, "timed out after " + timeout.toMillis() + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            result = failed(collector, start, Failures.reason(e.getCause()));
        }
        LOG.info("target test of {} {}: {}", spec.kind(), spec.shown(), result.ok() ? "ok" : result.error());
        ctx.json(result);
    }

    private static List<SampleView> views(List<Sample> samples) {
        return samples.stream()
                .limit(TEST_SAMPLES_SHOWN)
                .map(s -> new SampleView(s.name(), s.labels(), s.timestamp(), s.value()))
                .toList();
    }

    private static TestResult failed(Collector collector, long start, String reason) {
        return new TestResult(
                false, collector.name(), seconds(start), 0, List.of(), reason, MDC.get(RequestLog.MDC_KEY));
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e6) / 1000.0;
    }

    /** The body {@code {"kind": ..., "target": ...}}, every problem named by field. */
    static TargetSpec spec(Context ctx) {
        JsonNode body;
        try {
            body = Json.documentReader().readTree(ctx.body());
        } catch (Exception e) {
            throw ApiException.invalid("body", "must be a JSON object {\"kind\": ..., \"target\": ...}");
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object {\"kind\": ..., \"target\": ...}");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!f.equals("kind") && !f.equals("target")) {
                errors.add(new Problem.FieldError(f, "unknown field; known: kind, target"));
            }
        });
        String kind = text(body, "kind", errors);
        String target = text(body, "target", errors);
        if (kind != null && !TargetSpec.KINDS.contains(kind)) {
            errors.add(new Problem.FieldError(
                    "kind", "must be one of " + String.join(", ", TargetSpec.KINDS) + ", but was '" + kind + "'"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        try {
            return new TargetSpec(kind, target);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw ApiException.invalid("target", message.startsWith("target ") ? message.substring(7) : message);
        }
    }

    private static String text(JsonNode body, String field, List<Problem.FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(new Problem.FieldError(field, "is required"));
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add(new Problem.FieldError(field, "must be a non-empty string"));
            return null;
        }
        return node.asText();
    }
}
