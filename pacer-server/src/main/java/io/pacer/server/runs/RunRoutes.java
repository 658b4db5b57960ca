package io.pacer.server.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pacer.internal.Json;
import io.pacer.server.Role;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.state.ServerDatabase;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.baseline.Baseline;
import io.pacer.verdict.baseline.BaselineStore;
import io.pacer.verdict.report.HtmlReport;
import io.pacer.verdict.report.ReportOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a CI job uploads ({@code POST /api/runs}), their list, their reports, and their comparison with a named
 * baseline — kept in the state database so every instance sharing it serves the same runs. Results are read, reported
 * and compared by pacer-verdict, exactly as {@code pacer report} and {@code pacer compare} do.
 */
public final class RunRoutes implements RouteGroup {

    /** Runs listed per page unless {@code limit} says otherwise. */
    public static final int DEFAULT_PAGE = 50;

    /** The most runs one page lists. */
    public static final int MAX_PAGE = 500;

    private static final String RUNS = "runs";
    private static final String BASELINES = "baselines";

    private final RunStore runs;
    private final BaselineStore baselines;
    private final Clock clock;
    private final Consumer<RunSummary> uploaded;

    /**
     * @param uploaded told of every run uploaded (the event hub's {@code run} event)
     */
    public RunRoutes(ServerDatabase database, Clock clock, Consumer<RunSummary> uploaded) {
        this.runs = new RunStore(database);
        this.baselines = new BaselineStore(new DatabaseBaselineStorage(database, clock));
        this.clock = clock;
        this.uploaded = uploaded;
    }

    @Override
    public void register(Api api) {
        api.post(
                "/api/runs",
                Role.OPERATOR,
                new RouteDoc(
                        "Upload a run or suite result (pacer --output JSON); the service keeps it with its report",
                        RUNS,
                        List.of(
                                Param.query("name", "string", "what to call the run (default: its driver or suite)"),
                                Param.query(
                                        "baseline",
                                        "string",
                                        "also compare it with this saved baseline (the answer's comparison)"),
                                Param.query(
                                        "tolerance", "number", "smallest change that matters, percent (default 5)")),
                        "{\"type\": \"object\", \"description\": \"a pacer.run-result/N or pacer.suite-result/N"
                                + " document, at most " + RunUpload.MAX_BYTES + " bytes\"}",
                        "201: the run's summary (and comparison, with baseline); Location: /api/runs/{id}"),
                this::upload);
        api.get(
                "/api/runs",
                Role.VIEWER,
                RouteDoc.of(RUNS, "Uploaded runs, newest first", "200: {runs: [summary], next: path of the next page}")
                        .withParameters(
                                Param.query("name", "string", "only runs of this name"),
                                Param.query("verdict", "string", "only runs with this verdict: " + RunSummary.VERDICTS),
                                Param.query(
                                        "limit",
                                        "integer",
                                        "runs per page, 1 to " + MAX_PAGE + " (default " + DEFAULT_PAGE + ")"),
                                Param.query("before", "integer", "only runs with a smaller id (the next page)")),
                this::list);
        api.get(
                "/api/runs/{id}",
                Role.VIEWER,
                RouteDoc.of(RUNS, "One run: its summary and its result as uploaded", "200: summary + result")
                        .withParameters(Param.path("id", "the run's id")),
                ctx -> ctx.json(new RunDetail(stored(ctx).summary(), stored(ctx).result())));
        api.get(
                "/api/runs/{id}/report",
                Role.VIEWER,
                RouteDoc.of(RUNS, "One run's HTML report (pacer report --html)", "200: text/html")
                        .withParameters(Param.path("id", "the run's id")),
                this::report);
        api.post(
                "/api/runs/{id}/compare",
                Role.OPERATOR,
                RouteDoc.of(RUNS, "Compare a run with a saved baseline (pacer compare)", "200: the comparison")
                        .withParameters(
                                Param.path("id", "the run's id"),
                                new Param("baseline", "query", "string", true, "the saved baseline's name"),
                                Param.query("tolerance", "number", "smallest change that matters, percent (default 5)"),
                                Param.query("confidence", "number", "confidence level, percent (default 95)"),
                                Param.query(
                                        "minIntervals", "integer", "fewest measured intervals per side (default 10)")),
                ctx -> ctx.json(Comparing.compare(stored(ctx), baselines, ctx)));
        api.get(
                "/api/runs/{id}/comparison",
                Role.VIEWER,
                RouteDoc.of(
                                RUNS,
                                "A run against a saved baseline as an HTML report (pacer compare --html)",
                                "200: text/html")
                        .withParameters(
                                Param.path("id", "the run's id"),
                                new Param("baseline", "query", "string", true, "the saved baseline's name"),
                                Param.query("tolerance", "number", "smallest change that matters, percent (default 5)"),
                                Param.query("confidence", "number", "confidence level, percent (default 95)"),
                                Param.query(
                                        "minIntervals", "integer", "fewest measured intervals per side (default 10)")),
                ctx -> ctx.html(Comparing.report(stored(ctx), baselines, ctx)));
        api.get(
                "/api/baselines",
                Role.VIEWER,
                RouteDoc.of(BASELINES, "Saved baselines, by name", "200: {baselines: [baseline]}"),
                ctx -> ctx.json(Map.of("baselines", baselines.list())));
        api.post(
                "/api/baselines",
                Role.OPERATOR,
                RouteDoc.of(BASELINES, "Save an uploaded run as a named baseline", "201: the baseline")
                        .withBody("{\"type\": \"object\", \"required\": [\"name\", \"run\"], \"properties\": {"
                                + "\"name\": {\"type\": \"string\"}, \"run\": {\"type\": \"integer\"},"
                                + " \"replace\": {\"type\": \"boolean\"}}}"),
                this::saveBaseline);
        api.get(
                "/api/baselines/{name}",
                Role.VIEWER,
                RouteDoc.of(BASELINES, "One saved baseline", "200: the baseline")
                        .withParameters(Param.path("name", "the baseline's name")),
                ctx -> ctx.json(baseline(ctx)));
        api.delete(
                "/api/baselines/{name}",
                Role.OPERATOR,
                RouteDoc.of(BASELINES, "Delete a saved baseline", "200: the baseline deleted")
                        .withParameters(Param.path("name", "the baseline's name")),
                ctx -> ctx.json(baselines.delete(baseline(ctx).name())));
    }

    private void upload(Context ctx) {
        byte[] body = RunUpload.body(ctx);
        ResultFile result = RunUpload.read(body);
        String name = RunUpload.name(ctx.queryParam("name"), result);
        boolean comparing = ctx.queryParam("baseline") != null;
        if (comparing) {
            Comparing.check(result, baselines, ctx);
        }
        RunSummary summary = runs.add(result, body, name, clock.instant());
        uploaded.accept(summary);
        Comparing.Answer comparison = comparing
                ? Comparing.compare(new StoredRun(summary, new String(body, StandardCharsets.UTF_8)), baselines, ctx)
                : null;
        ctx.status(201).header("Location", "/api/runs/" + summary.id()).json(new Uploaded(summary, comparison));
    }

    private void list(Context ctx) {
        String name = ctx.queryParam("name");
        String verdict = ctx.queryParam("verdict");
        if (verdict != null && !RunSummary.VERDICTS.contains(verdict)) {
            throw ApiException.invalid(
                    "verdict",
                    "must be one of " + String.join(", ", RunSummary.VERDICTS) + ", but was '" + verdict + "'");
        }
        int limit = (int) Params.integer(ctx, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        Long before = ctx.queryParam("before") == null ? null : Params.integer(ctx, "before", 0, 1, Long.MAX_VALUE);
        List<RunSummary> page = runs.list(name, verdict, before, limit);
        String next = page.size() < limit
                ? null
                : "/api/runs?limit=" + limit + "&before="
                        + page.get(page.size() - 1).id()
                        + (name == null ? "" : "&name=" + Params.encode(name))
                        + (verdict == null ? "" : "&verdict=" + verdict);
        ctx.json(new Page(page, next));
    }

    private void report(Context ctx) {
        StoredRun run = stored(ctx);
        ResultFile result = run.read();
        ReportOptions options = ReportOptions.DEFAULT.withTitle("Pacer report: "
                + run.summary().name() + " (run " + run.summary().id() + ")");
        String html = result.run() != null
                ? HtmlReport.render(result.run(), options, run.summary().uploadedAt())
                : HtmlReport.render(result.suite(), options, run.summary().uploadedAt());
        ctx.html(html);
    }

    private void saveBaseline(Context ctx) {
        JsonNode body;
        try {
            body = Json.documentReader().readTree(RunUpload.body(ctx));
        } catch (IOException e) {
            throw ApiException.invalid(
                    "body", "not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("body", "must be a JSON object {\"name\": NAME, \"run\": RUN_ID}");
        }
        JsonNode name = body.path("name");
        if (!name.isTextual()) {
            throw ApiException.invalid("name", "must be a string, the baseline's name");
        }
        try {
            BaselineStore.validName(name.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("name", e.getMessage());
        }
        JsonNode id = body.path("run");
        if (!id.canConvertToLong() || !id.isIntegralNumber()) {
            throw ApiException.invalid("run", "must be the id of an uploaded run (an integer)");
        }
        JsonNode replace = body.path("replace");
        if (!replace.isMissingNode() && !replace.isBoolean()) {
            throw ApiException.invalid("replace", "must be true or false (default false)");
        }
        StoredRun run = runs.get(id.asLong()).orElseThrow(() -> noRun(id.asLong()));
        Baseline saved;
        try {
            saved = baselines.save(
                    name.asText(),
                    run.read(),
                    run.result().getBytes(StandardCharsets.UTF_8),
                    "run " + run.summary().id() + " (" + run.summary().name() + ")",
                    replace.asBoolean(false),
                    clock.instant());
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict(e.getMessage().replace("save with --force", "save with \"replace\": true"));
        }
        ctx.status(201).header("Location", "/api/baselines/" + saved.name()).json(saved);
    }

    private Baseline baseline(Context ctx) {
        String name = ctx.pathParam("name");
        try {
            BaselineStore.validName(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("name", e.getMessage());
        }
        return baselines.find(name).orElseThrow(() -> ApiException.notFound(baselines.missing(name)));
    }

    private StoredRun stored(Context ctx) {
        Object known = ctx.attribute("pacer.run");
        if (known instanceof StoredRun run) {
            return run;
        }
        long id = Params.pathId(ctx);
        StoredRun run = runs.get(id).orElseThrow(() -> noRun(id));
        ctx.attribute("pacer.run", run);
        return run;
    }

    private static ApiException noRun(long id) {
        return ApiException.notFound("no run " + id + "; GET /api/runs lists the runs kept");
    }

    /** A page of runs, and the path of the next one (null on the last). */
    record Page(List<RunSummary> runs, String next) {}

    /** An uploaded run's summary and, when a baseline was named, its comparison. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Uploaded(@JsonUnwrapped RunSummary summary, Comparing.Answer comparison) {}

    /** A run with its result, embedded as the JSON it was uploaded as. */
    record RunDetail(
            @JsonUnwrapped RunSummary summary, @JsonRawValue String result) {}
}
