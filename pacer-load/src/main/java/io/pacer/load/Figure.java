package io.pacer.load;

import io.pacer.metrics.Percentiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * One named figure of a finished run that a {@link Gate} can bound: latency percentiles, throughput, error rate,
 * failed operations, lost and duplicated records, consumer lag, drift over a soak, any figure of the driver's summary —
 * for the whole run or, where it makes sense, for one operation label. A figure the run did not measure (lost records
 * of an HTTP run, which does not follow records end to end) reads as empty, never as 0.
 *
 * <p>Names as gates write them: {@link #metricNames()} lists the metrics; {@code summary.NAME} reads the driver's
 * summary figure {@code NAME} ({@link RunResult#driverSummary()}); {@code p99[checkout]} is a metric of the operations
 * labelled {@code checkout} ({@link RunResult#labels()}). {@link #named} is the one place a name becomes a figure.
 *
 * @param name a short, stable, lower-case name, as gates are written ({@code failed}, {@code p99[checkout]})
 * @param unit what the figure counts or measures, for reports: a count's noun ({@code operations},
 *     {@code records}) or a measure's unit ({@code ms}, {@code %}, {@code /s})
 * @param reader reads the figure from a result; empty when the run did not measure it
 */
public record Figure(String name, String unit, Function<RunResult, OptionalDouble> reader) {

    /** The interval gauge a suite adds for soak runs: heap used after the last collection, MB. */
    public static final String HEAP_GAUGE = "heap_after_gc_mb";

    /** Failed operations, the incomplete ones (still outstanding after the drain timeout) included. */
    public static final Figure FAILED =
            new Figure("failed", "operations", r -> OptionalDouble.of(r.counts().failed()));

    /** Records issued but never received, when the driver follows records end to end. */
    public static final Figure LOST = accounted("lost", RecordAccounting::lost);

    /** Extra arrivals of records already received, when the driver follows records end to end. */
    public static final Figure DUPLICATED = accounted("duplicated", RecordAccounting::duplicated);

    /**
     * Shares of a distributed run whose work is not in the result (a worker lost, failed or unreported); not measured
     * for a run of one process.
     */
    public static final Figure MISSING_SHARES = new Figure(
            "missing",
            "shares",
            r -> r.distribution() == null
                    ? OptionalDouble.empty()
                    : OptionalDouble.of(r.distribution().missingShares()));

    /** Median latency from the intended start, ms. */
    public static final Figure P50 = latency("p50", Percentiles::p50, null);

    public static final Figure P90 = latency("p90", Percentiles::p90, null);
    public static final Figure P95 = latency("p95", Percentiles::p95, null);
    public static final Figure P99 = latency("p99", Percentiles::p99, null);
    public static final Figure P999 = latency("p99.9", Percentiles::p999, null);
    public static final Figure MAX = latency("max", Percentiles::max, null);

    /** Completed operations per second over the measured time. */
    public static final Figure THROUGHPUT = throughput(null);

    /** Records moved per second over the measured time (a consumer's poll moves many). */
    public static final Figure RECORD_THROUGHPUT =
            new Figure("records_per_s", "/s", r -> OptionalDouble.of(r.rates().recordsPerSecond()));

    /** Failed operations as a percentage of all measured operations; not measured when there were none. */
    public static final Figure ERRORS = errors(null);

    /** The largest consumer lag seen at the end of a measured interval, records. */
    public static final Figure LAG = new Figure("lag", "records", Figure::maxLag);

    /** How much p99 drifted over the measured intervals, % of its mean ({@link #drift}). */
    public static final Figure P99_DRIFT = new Figure(
            "p99_drift",
            "%",
            r -> drift(
                    r, s -> s.latency().count() == 0 ? Double.NaN : s.latency().p99()));

    /** How much heap used after GC drifted over the measured intervals, % of its mean ({@link #drift}). */
    public static final Figure HEAP_DRIFT =
            new Figure("heap_drift", "%", r -> drift(r, s -> s.gauges().getOrDefault(HEAP_GAUGE, Double.NaN)));

    /** Prefix of a driver-summary figure's name: {@code summary.lost}. */
    public static final String SUMMARY_PREFIX = "summary.";

    private static final Map<String, Figure> BY_NAME = index(List.of(
            P50,
            P90,
            P95,
            P99,
            P999,
            MAX,
            THROUGHPUT,
            RECORD_THROUGHPUT,
            ERRORS,
            FAILED,
            LOST,
            DUPLICATED,
            MISSING_SHARES,
            LAG,
            P99_DRIFT,
            HEAP_DRIFT));

    /** The metrics that also exist per operation label. */
    private static final List<String> PER_LABEL =
            List.of("p50", "p90", "p95", "p99", "p99.9", "max", "throughput", "errors", "failed");

    public Figure {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("figure name must be a non-blank name, but was '" + name + "'");
        }
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(reader, "reader");
    }

    /**
     * The figure a gate names: a metric of {@link #metricNames()}, {@code summary.NAME}, optionally restricted to the
     * operations labelled {@code label}.
     *
     * @param label an operation label, or null for the whole run
     * @throws IllegalArgumentException naming the valid metrics, for a metric that does not exist or has no
     *     per-label figure
     */
    public static Figure named(String metric, String label) {
        Objects.requireNonNull(metric, "metric");
        if (metric.startsWith(SUMMARY_PREFIX) && metric.length() > SUMMARY_PREFIX.length()) {
            if (label != null) {
                throw new IllegalArgumentException("metric '" + metric + "' has no per-label figure; per-label"
                        + " metrics are " + String.join(", ", PER_LABEL));
            }
            String key = metric.substring(SUMMARY_PREFIX.length());
            return new Figure(
                    metric,
                    "",
                    r -> r.driverSummary().containsKey(key)
                            ? OptionalDouble.of(r.driverSummary().get(key))
                            : OptionalDouble.empty());
        }
        Figure whole = BY_NAME.get(metric);
        if (whole == null) {
            throw new IllegalArgumentException("unknown metric '" + metric + "'; valid metrics are "
                    + String.join(", ", metricNames()) + ", " + SUMMARY_PREFIX + "NAME (a figure of the driver's"
                    + " summary)");
        }
        if (label == null) {
            return whole;
        }
        if (label.isBlank()) {
            throw new IllegalArgumentException("the label of metric '" + metric + "' must not be blank");
        }
        if (!PER_LABEL.contains(metric)) {
            throw new IllegalArgumentException("metric '" + metric + "' has no per-label figure; per-label metrics are "
                    + String.join(", ", PER_LABEL));
        }
        return switch (metric) {
            case "throughput" -> throughput(label);
            case "errors" -> errors(label);
            case "failed" ->
                new Figure(
                        "failed[" + label + "]", "operations", r -> labelled(r, label, RunResult.LabelSummary::failed));
            default -> latency(metric, percentile(metric), label);
        };
    }

    /** Every metric name {@link #named} accepts, besides {@code summary.NAME}, in report order. */
    public static List<String> metricNames() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** This figure's value in {@code result}; empty when the run did not measure it. */
    public OptionalDouble in(RunResult result) {
        return Objects.requireNonNull(reader.apply(result), () -> "figure " + name + " read null");
    }

    /** The metric without its label: {@code p99} of {@code p99[checkout]}. */
    public String metric() {
        int bracket = name.indexOf('[');
        return bracket < 0 ? name : name.substring(0, bracket);
    }

    /** The operation label this figure is restricted to; null for the whole run. */
    public String label() {
        int bracket = name.indexOf('[');
        return bracket < 0 ? null : name.substring(bracket + 1, name.length() - 1);
    }

    /** Whether the figure is a measure with a unit symbol (ms, %, /s) rather than a count of things. */
    public boolean isMeasure() {
        return unit.equals("ms") || unit.equals("%") || unit.startsWith("/");
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * The drift of a per-interval series over the measured intervals: the rise of its least-squares line from the
     * first measured interval to the last, as a percentage of the series' mean. Intervals where the series is NaN
     * (nothing completed, no gauge) are left out; fewer than three points, or a mean of 0, is not a measurement.
     */
    static OptionalDouble drift(RunResult r, ToDoubleFunction<IntervalStats> series) {
        List<double[]> points = new ArrayList<>();
        for (IntervalStats s : r.intervals()) {
            double y = s.warmup() ? Double.NaN : series.applyAsDouble(s);
            if (!Double.isNaN(y)) {
                points.add(new double[] {s.offsetMillis() + s.lengthMillis() / 2.0, y});
            }
        }
        if (points.size() < 3) {
            return OptionalDouble.empty();
        }
        double n = points.size();
        double meanX = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double meanY = points.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - meanX) * (p[1] - meanY);
            sxx += (p[0] - meanX) * (p[0] - meanX);
        }
        if (meanY == 0 || sxx == 0) {
            return OptionalDouble.empty();
        }
        double span = points.get(points.size() - 1)[0] - points.get(0)[0];
        return OptionalDouble.of(sxy / sxx * span / meanY * 100);
    }

    private static Map<String, Figure> index(List<Figure> figures) {
        Map<String, Figure> byName = new LinkedHashMap<>();
        figures.forEach(f -> byName.put(f.name(), f));
        return byName;
    }

    private static Figure accounted(String name, ToLongFunction<RecordAccounting> value) {
        return new Figure(
                name,
                "records",
                r -> r.accounting() == null
                        ? OptionalDouble.empty()
                        : OptionalDouble.of(value.applyAsLong(r.accounting())));
    }

    private static Figure latency(String metric, ToLongFunction<Percentiles> micros, String label) {
        Function<RunResult, Percentiles> source = label == null
                ? RunResult::latency
                : r -> r.labels().containsKey(label) ? r.labels().get(label).latency() : Percentiles.EMPTY;
        return new Figure(qualified(metric, label), "ms", r -> {
            Percentiles p = source.apply(r);
            return p.count() == 0 ? OptionalDouble.empty() : OptionalDouble.of(micros.applyAsLong(p) / 1000.0);
        });
    }

    private static ToLongFunction<Percentiles> percentile(String metric) {
        return switch (metric) {
            case "p50" -> Percentiles::p50;
            case "p90" -> Percentiles::p90;
            case "p95" -> Percentiles::p95;
            case "p99" -> Percentiles::p99;
            case "p99.9" -> Percentiles::p999;
            default -> Percentiles::max;
        };
    }

    private static Figure throughput(String label) {
        return new Figure(qualified("throughput", label), "/s", r -> {
            if (label == null) {
                return OptionalDouble.of(r.rates().operationsPerSecond());
            }
            long millis = r.rates().measuredMillis();
            return millis <= 0 ? OptionalDouble.empty() : labelled(r, label, l -> l.operations() * 1000.0 / millis);
        });
    }

    private static Figure errors(String label) {
        return new Figure(qualified("errors", label), "%", r -> {
            long operations;
            long failed;
            if (label == null) {
                operations = r.counts().operations();
                failed = r.counts().failed();
            } else if (r.labels().containsKey(label)) {
                operations = r.labels().get(label).operations();
                failed = r.labels().get(label).failed();
            } else {
                return OptionalDouble.empty();
            }
            return operations == 0 ? OptionalDouble.empty() : OptionalDouble.of(100.0 * failed / operations);
        });
    }

    private static OptionalDouble labelled(RunResult r, String label, ToDoubleFunction<RunResult.LabelSummary> value) {
        RunResult.LabelSummary summary = r.labels().get(label);
        return summary == null ? OptionalDouble.empty() : OptionalDouble.of(value.applyAsDouble(summary));
    }

    private static String qualified(String metric, String label) {
        return label == null ? metric : metric + "[" + label + "]";
    }

    private static OptionalDouble maxLag(RunResult r) {
        OptionalDouble max = r.intervals().stream()
                .filter(s -> !s.warmup() && s.gauges().containsKey("lag"))
                .mapToDouble(s -> s.gauges().get("lag"))
                .max();
        if (max.isPresent()) {
            return max;
        }
        Double end = r.driverSummary().get("lag");
        return end == null ? OptionalDouble.empty() : OptionalDouble.of(end);
    }
}
