package io.pacer.monitor.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pacer.internal.Json;
import io.pacer.metrics.Percentiles;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Query;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the store's history of a time range — every series, at one resolution — as JSON, CSV or the Prometheus
 * text exposition format ({@code pacer metrics export}). Series are read one name at a time, so memory holds one
 * name's series, not the whole export.
 */
public final class MetricsExport {

    /** The JSON document's format tag. */
    public static final String JSON_FORMAT = "pacer.metrics-export/1";

    static final String CSV_HEADER = "name,labels,resolution,timestamp,count,sum,min,max,avg,last,p50,p95,p99";

    private MetricsExport() {}

    /**
     * Writes every series with points in {@code [from, to)} at {@code resolution}.
     *
     * @return how many points were written
     */
    public static long write(
            MetricStore store, ExportFormat format, Instant from, Instant to, Resolution resolution, Writer out)
            throws IOException {
        switch (format) {
            case JSON:
                return json(store, from, to, resolution, out);
            case CSV:
                return csv(store, from, to, resolution, out);
            default:
                return prometheus(store, from, to, resolution, out);
        }
    }

    private static List<Series> series(MetricStore store, String name, Instant from, Instant to, Resolution r) {
        return store.query(Query.of(name, from, to).at(r)).stream()
                .filter(s -> !s.points().isEmpty())
                .collect(Collectors.toList());
    }

    private static long json(MetricStore store, Instant from, Instant to, Resolution r, Writer out) throws IOException {
        long points = 0;
        try (JsonGenerator g = Json.documentWriter().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", JSON_FORMAT);
            g.writeStringField("from", from.toString());
            g.writeStringField("to", to.toString());
            g.writeStringField("resolution", r.label());
            g.writeArrayFieldStart("series");
            for (String name : store.names()) {
                for (Series s : series(store, name, from, to, r)) {
                    g.writeStartObject();
                    g.writeStringField("name", s.name());
                    g.writeObjectFieldStart("labels");
                    for (Map.Entry<String, String> l : s.labels().entrySet()) {
                        g.writeStringField(l.getKey(), l.getValue());
                    }
                    g.writeEndObject();
                    g.writeArrayFieldStart("points");
                    for (Point p : s.points()) {
                        writePoint(g, p);
                        points++;
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        out.flush();
        return points;
    }

    private static void writePoint(JsonGenerator g, Point p) throws IOException {
        g.writeStartObject();
        g.writeStringField("timestamp", p.timestamp().toString());
        g.writeNumberField("count", p.count());
        g.writeNumberField("sum", p.sum());
        g.writeNumberField("min", p.min());
        g.writeNumberField("max", p.max());
        g.writeNumberField("avg", p.avg());
        g.writeNumberField("last", p.last());
        if (p.histogram() != null) {
            Percentiles pct = p.percentiles();
            g.writeNumberField("p50", pct.p50());
            g.writeNumberField("p95", pct.p95());
            g.writeNumberField("p99", pct.p99());
            g.writeStringField("histogram", p.histogram());
        }
        g.writeEndObject();
    }

    private static long csv(MetricStore store, Instant from, Instant to, Resolution r, Writer out) throws IOException {
        long points = 0;
        out.write(CSV_HEADER + "\n");
        for (String name : store.names()) {
            for (Series s : series(store, name, from, to, r)) {
                String labels = s.labels().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(";"));
                String prefix = csvField(s.name()) + "," + csvField(labels) + "," + r.label() + ",";
                for (Point p : s.points()) {
                    StringBuilder row = new StringBuilder(prefix)
                            .append(p.timestamp())
                            .append(',')
                            .append(p.count())
                            .append(',')
                            .append(p.sum())
                            .append(',')
                            .append(p.min())
                            .append(',')
                            .append(p.max())
                            .append(',')
                            .append(p.avg())
                            .append(',')
                            .append(p.last())
                            .append(',');
                    if (p.histogram() != null) {
                        Percentiles pct = p.percentiles();
                        row.append(pct.p50())
                                .append(',')
                                .append(pct.p95())
                                .append(',')
                                .append(pct.p99());
                    } else {
                        row.append(",,");
                    }
                    out.write(row.append('\n').toString());
                    points++;
                }
            }
        }
        out.flush();
        return points;
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
    static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    private static long prometheus(MetricStore store, Instant from, Instant to, Resolution r, Writer out)
            throws IOException {
        long points = 0;
        for (String name : store.names()) {
            List<Series> series = series(store, name, from, to, r);
            if (series.isEmpty()) {
                continue;
            }
            PrometheusNames prom = PrometheusNames.of(name);
            String what = r == Resolution.RAW ? "raw samples" : "average of each " + r.label() + " bucket";
            out.write("# HELP " + prom.name() + " Pacer series " + name + ", " + what + "." + prom.note() + "\n");
            out.write("# TYPE " + prom.name() + " gauge\n");
            for (Series s : series) {
                String labels = s.labels().entrySet().stream()
                        .map(e -> PrometheusNames.label(e.getKey()) + "=\"" + PrometheusNames.labelValue(e.getValue())
                                + "\"")
                        .collect(Collectors.joining(","));
                String prefix = labels.isEmpty() ? prom.name() : prom.name() + "{" + labels + "}";
                for (Point p : s.points()) {
                    out.write(prefix + " " + number(p.avg() * prom.scale()) + " "
                            + p.timestamp().toEpochMilli() + "\n");
                    points++;
                }
            }
        }
        out.flush();
        return points;
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return Double.toString(v);
    }
}
