package io.pacer.server.routes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.javalin.http.Context;
import io.pacer.internal.Json;
import io.pacer.metrics.Percentiles;
import io.pacer.monitor.export.ExportFormat;
import io.pacer.monitor.export.MetricsExport;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import io.pacer.server.Role;
import io.pacer.server.ServerParts;
import io.pacer.server.http.Api;
import io.pacer.server.http.ApiException;
import io.pacer.server.http.Params;
import io.pacer.server.http.RouteDoc;
import io.pacer.server.http.RouteDoc.Param;
import io.pacer.server.http.RouteGroup;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /metrics} — the service's own meters for Prometheus — and {@code GET /api/performance/metrics} — the
 * history the collectors stored (seed 002's route): the last {@code hours}, filtered by series name and labels, at the
 * resolution chosen for the range (raw up to 1 h, else the finest rollup giving at most 1,500 points per series that
 * retention still keeps) unless {@code resolution} names one. A rollup answer is reused for a twelfth of its step,
 * at least a second, and refreshed in the background after that ({@link HistoryCache}): many clients asking for the
 * same chart cost one query per reuse, and none of them waits for it.
 */
public final class MetricsRoutes implements RouteGroup {

    /** The default range, as seed 002's example asks for it. */
    public static final double DEFAULT_HOURS = 24;
    /** The shortest range: 3.6 s (a shorter one holds no sample worth a query). */
    public static final double MIN_HOURS = 0.001;
    /** The longest range: two years, the daily rollups' default retention. */
    public static final double MAX_HOURS = 24 * 730;

    /** The most points one history answer holds (about 24 MB of JSON): a day of 68 series at 1m is 98,000. */
    public static final int MAX_POINTS = 200_000;
    /** The largest export answered (JSON, CSV or Prometheus text); larger ones are for pacer metrics export. */
    public static final int MAX_EXPORT_CHARS = 64 * 1024 * 1024;

    /** Prometheus' text exposition format. */
    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
    private static final Pattern FORMAT = Pattern.compile("json|csv|prometheus");
    private static final Pattern RESOLUTION = Pattern.compile("raw|1m|5m|15m|1h|1d");
    private static final Set<String> PARAMS = Set.of("hours", "name", "resolution");

    private static final ObjectWriter WRITER = Json.mapper(new JsonFactory()).writer();

    private final ServerParts parts;
    private final HistoryCache cache = new HistoryCache();

    public MetricsRoutes(ServerParts parts) {
        this.parts = parts;
    }

    /** One point: a raw sample or a rollup bucket (p50/p95/p99 in seconds when the series carries histograms). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PointView(
            Instant t,
            long count,
            double avg,
            double min,
            double max,
            double last,
            Double p50,
            Double p95,
            Double p99) {
        static PointView of(Point p) {
            Percentiles q = p.histogram() == null ? null : p.percentiles();
            return new PointView(
                    p.timestamp(),
                    p.count(),
                    p.avg(),
                    p.min(),
                    p.max(),
                    p.last(),
                    q == null ? null : q.p50() / 1e6,
                    q == null ? null : q.p95() / 1e6,
                    q == null ? null : q.p99() / 1e6);
        }
    }

    /** One series. */
    public record SeriesView(String name, Map<String, String> labels, List<PointView> points) {}

    /** The body of {@code /api/performance/metrics}. */
    public record History(
            Instant from, Instant to, double hours, String resolution, int points, List<SeriesView> series) {}

    @Override
    public void register(Api api) {
        api.get(
                "/metrics",
                Role.PUBLIC,
                RouteDoc.of(
                        "metrics",
                        "The service's own meters in Prometheus' text exposition format",
                        "200: text/plain; version=0.0.4"),
                ctx -> ctx.contentType(PROMETHEUS_TYPE).result(parts.meters().scrape()));
        api.get(
                "/api/performance/metrics",
                Role.VIEWER,
                RouteDoc.of(
                                "metrics",
                                "The stored history of every series, or of one name, filtered by labels",
                                "200: the series with their points, oldest first, at the resolution chosen")
                        .withParameters(
                                Param.query("hours", "number", "How far back, hours (default 24, from 0.001 to 17520)"),
                                Param.query("name", "string", "Only this series name, e.g. host.cpu.usage.ratio"),
                                Param.query(
                                        "resolution",
                                        "string",
                                        "raw, 1m, 5m, 15m, 1h or 1d (default: chosen for the range)"),
                                Param.query(
                                        "label.NAME",
                                        "string",
                                        "Only series with label NAME equal to this value; repeatable for other"
                                                + " labels")),
                this::history);
        api.get(
                "/api/performance/export",
                Role.VIEWER,
                RouteDoc.of(
                                "metrics",
                                "Every stored series of the last hours, as pacer metrics export writes them",
                                "200: JSON (pacer.metrics-export/1), CSV or Prometheus text (docs/metrics-export.md)")
                        .withParameters(
                                Param.query("hours", "number", "How far back, hours (default 24, from 0.001 to 17520)"),
                                Param.query("format", "string", "json, csv or prometheus (default json)"),
                                Param.query(
                                        "resolution",
                                        "string",
                                        "raw, 1m, 5m, 15m, 1h or 1d (default: chosen for the range)")),
                this::export);
    }

    private void export(Context ctx) throws Exception {
        Params params = Params.of(ctx, Set.of("hours", "format", "resolution"), null);
        double hours = params.number("hours", DEFAULT_HOURS, MIN_HOURS, MAX_HOURS);
        String format = params.text("format", FORMAT, "one of json, csv, prometheus");
        String resolution = params.text("resolution", RESOLUTION, "one of raw, 1m, 5m, 15m, 1h, 1d");
        params.check();
        ExportFormat chosenFormat =
                format == null ? ExportFormat.JSON : ExportFormat.valueOf(format.toUpperCase(Locale.ROOT));
        Instant to = parts.clock().instant().plusMillis(1);
        Instant from = to.minus(Duration.ofMillis(Math.round(hours * 3_600_000)));
        Resolution chosen = resolution != null
                ? Resolution.parse(resolution)
                : Resolution.choose(from, to, to, parts.config().store().retention());
        Writer out = new BoundedWriter(MAX_EXPORT_CHARS);
        Stores.read(() -> {
            try {
                return MetricsExport.write(parts.store(), chosenFormat, from, to, chosen, out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        ctx.contentType(
                switch (chosenFormat) {
                    case JSON -> "application/json";
                    case CSV -> "text/csv; charset=utf-8";
                    case PROMETHEUS -> PROMETHEUS_TYPE;
                });
        ctx.result(out.toString());
    }

    private void history(Context ctx) {
        Params params = Params.of(ctx, PARAMS, "label.");
        double hours = params.number("hours", DEFAULT_HOURS, MIN_HOURS, MAX_HOURS);
        String name = params.text("name", NAME, "a series name such as host.cpu.usage.ratio");
        String resolution = params.text("resolution", RESOLUTION, "one of raw, 1m, 5m, 15m, 1h, 1d");
        Map<String, String> labels = params.prefixed("label.");
        params.check();
        Instant to = parts.clock().instant().plusMillis(1);
        Instant from = to.minus(Duration.ofMillis(Math.round(hours * 3_600_000)));
        Resolution chosen = resolution != null
                ? Resolution.parse(resolution)
                : Resolution.choose(from, to, to, parts.config().store().retention());
        Supplier<byte[]> answer = () -> serialized(read(name, labels, from, to, hours, chosen));
        byte[] body = chosen == Resolution.RAW
                ? answer.get()
                : cache.get(name + "|" + labels + "|" + hours + "|" + chosen, HistoryCache.ttlNanos(chosen), answer);
        ctx.contentType("application/json").result(body);
    }

    private History read(
            String name, Map<String, String> labels, Instant from, Instant to, double hours, Resolution chosen) {
        List<SeriesView> series = new ArrayList<>();
        int points = 0;
        for (String n :
                name != null ? List.of(name) : Stores.read(() -> parts.store().names())) {
            for (Series s : Stores.read(() ->
                    parts.store().query(Query.of(n, from, to).withLabels(labels).at(chosen)))) {
                if (!s.points().isEmpty()) {
                    series.add(new SeriesView(
                            s.name(),
                            s.labels(),
                            s.points().stream().map(PointView::of).toList()));
                    points += s.points().size();
                }
            }
            if (points > MAX_POINTS) {
                throw ApiException.invalid(
                        "resolution",
                        "the answer would hold more than " + MAX_POINTS + " points at " + chosen.label()
                                + "; ask for a coarser resolution (e.g. resolution=5m), fewer hours, or one name");
            }
        }
        return new History(from, to, hours, chosen.label(), points, series);
    }

    private static byte[] serialized(History history) {
        try {
            return WRITER.writeValueAsBytes(history);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the history as JSON", e);
        }
    }
}
