package io.pacer.server.runs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.pacer.server.Role;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.Params;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import io.pacer.server.state.ServerDatabase;
import io.pacer.verdict.ResultFile;
import io.pacer.verdict.baseline.Baseline;
import io.pacer.verdict.baseline.BaselineStore;
import io.pacer.verdict.report.HtmlReport;
import io.pacer.verdict.report.ReportOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs a CI job uploads ({@code POST /api/runs}), their list, their reports, and their comparison with a named
 * baseline — kept in the state database so every instance sharing it serves the same runs. Results are read, reported
 * and compared by pacer-verdict, exactly as {@code pacer report} and {@code pacer compare} do.
 */
public final class RunRoutes implements RouteGroup {

    /** What a comparison with a baseline takes: the run, the baseline's name and the statistics' settings. */
    private static final Param[] COMPARE_PARAMS = {
        Param.path("id", "the run's id"),
        new Param("baseline", "query", "string", true, "the saved baseline's name"),
        Param.query("tolerance", "number", "smallest change that matters, percent (default 5)"),
        Param.query("confidence", "number", "confidence level, percent (default 95)"),
        Param.query("minIntervals", "integer", "fewest measured intervals per side (default 10)")
    };

    /** Runs listed per page unless {@code limit} says otherwise. */
    public static final int DEFAULT_PAGE = 50;

    /** The most runs one page lists. */
    public static final int MAX_PAGE = 500;

    private static final String RUNS = "runs";
    private static final String BASELINES = "baselines";
    private static final Set<String> NONE = Set.of();
    private static final Set<String> LIST = Set.of("name", "verdict", "limit", "before");
    private static final Set<String> UPLOAD =
            Stream.concat(Stream.of("name"), Comparing.Ask.PARAMETERS.stream()).collect(Collectors.toUnmodifiableSet());
    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern VERDICT = Pattern.compile(String.join("|", RunSummary.VERDICTS));

    private final RunStore runs;
    private final BaselineStore baselines;
    private final Clock clock;
    private final Consumer<RunSummary> uploaded;
    private final long maxBytes;

    /**
     * @param maxBytes the largest body accepted (the service's {@code --max-request-bytes}), chunked or not
     * @param uploaded told of every run uploaded (the event hub's {@code run} event)
     */
    public RunRoutes(ServerDatabase database, Clock clock, long maxBytes, Consumer<RunSummary> uploaded) {
        this.runs = new RunStore(database);
        this.baselines = new BaselineStore(new DatabaseBaselineStorage(database, clock));
        this.clock = clock;
        this.maxBytes = maxBytes;
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
                                        "tolerance",
                                        "number",
                                        "with baseline: smallest change that matters, percent (default 5)"),
                                Param.query(
                                        "confidence",
                                        "number",
                                        "with baseline: confidence level, percent (default 95)"),
                                Param.query(
                                        "minIntervals",
                                        "integer",
                                        "with baseline: fewest measured intervals per side (default 10)")),
                        "{\"type\": \"object\", \"description\": \"one pacer.run-result/N or pacer.suite-result/N"
                                + " JSON document in UTF-8, at most " + maxBytes + " bytes\"}",
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
                ctx -> {
                    noParameters(ctx);
                    ctx.json(new RunDetail(stored(ctx).summary(), stored(ctx).result()));
                });
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
                        .withParameters(COMPARE_PARAMS),
                ctx -> {
                    Comparing.Ask ask = ask(ctx);
                    ctx.json(Comparing.compare(stored(ctx), baselines, ask));
                });
        api.get(
                "/api/runs/{id}/comparison",
                Role.VIEWER,
                RouteDoc.of(
                                RUNS,
                                "A run against a saved baseline as an HTML report (pacer compare --html)",
                                "200: text/html")
                        .withParameters(COMPARE_PARAMS),
                ctx -> {
                    Comparing.Ask ask = ask(ctx);
                    String html = Comparing.report(stored(ctx), baselines, ask);
                    ReportPolicy.apply(ctx);
                    ctx.html(html);
                });
        api.get(
                "/api/baselines",
                Role.VIEWER,
                RouteDoc.of(BASELINES, "Saved baselines, by name", "200: {baselines: [baseline]}"),
                ctx -> {
                    noParameters(ctx);
                    ctx.json(Map.of("baselines", baselines.list()));
                });
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
                ctx -> {
                    noParameters(ctx);
                    ctx.json(baseline(ctx));
                });
        api.delete(
                "/api/baselines/{name}",
                Role.OPERATOR,
                RouteDoc.of(BASELINES, "Delete a saved baseline", "200: the baseline deleted")
                        .withParameters(Param.path("name", "the baseline's name")),
                ctx -> {
                    noParameters(ctx);
                    ctx.json(baselines.delete(baseline(ctx).name()));
                });
    }

    private void upload(Context ctx) {
        Params params = Params.of(ctx, UPLOAD, null);
        String baseline = ctx.queryParam("baseline");
        Comparing.Ask ask = null;
        if (baseline != null) {
            ask = Comparing.Ask.of(params, baseline);
        } else {
            for (String setting : Comparing.Ask.PARAMETERS) {
                if (ctx.queryParam(setting) != null) {
                    params.error(setting, "applies only to a comparison: give baseline=NAME too, or leave it out");
                }
            }
        }
        params.check();
        RunUpload.Upload upload = RunUpload.read(RunUpload.body(ctx, maxBytes));
        String name = RunUpload.name(ctx.queryParam("name"), upload.result());
        if (ask != null) {
            Comparing.check(upload.result(), baselines, ask);
        }
        RunSummary summary = runs.add(upload.result(), upload.json(), name, clock.instant());
        uploaded.accept(summary);
        Comparing.Answer comparison =
                ask != null ? Comparing.compare(new StoredRun(summary, upload.json()), baselines, ask) : null;
        ctx.status(201).header("Location", "/api/runs/" + summary.id()).json(new Uploaded(summary, comparison));
    }

    private void list(Context ctx) {
        Params params = Params.of(ctx, LIST, null);
        String name = ctx.queryParam("name");
        String verdict = params.text("verdict", VERDICT, "one of " + String.join(", ", RunSummary.VERDICTS));
        int limit = params.integer("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        String beforeText = params.text("before", ID, "a run's id (a positive integer)");
        params.check();
        Long before = beforeText == null ? null : Long.parseLong(beforeText);
        List<RunSummary> page = runs.list(name, verdict, before, limit);
        String next = page.size() < limit
                ? null
                : "/api/runs?limit=" + limit + "&before="
                        + page.get(page.size() - 1).id()
                        + (name == null ? "" : "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                        + (verdict == null ? "" : "&verdict=" + verdict);
        ctx.json(new Page(page, next));
    }

    private void report(Context ctx) {
        noParameters(ctx);
        StoredRun run = stored(ctx);
        ResultFile result = run.read();
        ReportOptions options = ReportOptions.DEFAULT.withTitle("Pacer report: "
                + run.summary().name() + " (run " + run.summary().id() + ")");
        String html = result.run() != null
                ? HtmlReport.render(result.run(), options, run.summary().uploadedAt())
                : HtmlReport.render(result.suite(), options, run.summary().uploadedAt());
        ReportPolicy.apply(ctx);
        ctx.html(html);
    }

    /** The comparison the query parameters ask for; any wrong parameter is a 400 naming it. */
    private static Comparing.Ask ask(Context ctx) {
        Params params = Params.of(ctx, Comparing.Ask.PARAMETERS, null);
        Comparing.Ask ask = Comparing.Ask.of(params, ctx.queryParam("baseline"));
        params.check();
        return ask;
    }

    /** A 400 for any query parameter: the route takes none. */
    private static void noParameters(Context ctx) {
        Params.of(ctx, NONE, null).check();
    }

    private void saveBaseline(Context ctx) {
        noParameters(ctx);
        JsonNode body = RunUpload.tree(RunUpload.body(ctx, maxBytes), "send {\"name\": NAME, \"run\": RUN_ID}");
        if (!body.isObject()) {
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
        long id = pathId(ctx);
        StoredRun run = runs.get(id).orElseThrow(() -> noRun(id));
        ctx.attribute("pacer.run", run);
        return run;
    }

    /** The path parameter {@code id}: a run's id. */
    private static long pathId(Context ctx) {
        String text = ctx.pathParam("id");
        if (ID.matcher(text).matches()) {
            return Long.parseLong(text);
        }
        throw ApiException.invalid("id", "must be a run's id (a positive integer), but was '" + text + "'");
    }

    private static ApiException noRun(long id) {
        return ApiException.notFound("no run " + id + "; GET /api/runs lists the runs kept");
    }

    /** A page of runs, and the path of the next one (null on the last). */
    record Page(List<RunSummary> runs, String next) {}

    /** An uploaded run's summary and, when a baseline was named, its comparison. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Uploaded(@JsonUnwrapped RunSummary summary, Comparing.Answer comparison) {}

    /** A run with its result, embedded as the JSON kept: the upload's tree written again, so always one value. */
    record RunDetail(
            @JsonUnwrapped RunSummary summary, @JsonRawValue String result) {}
}
