package io.pacer.verdict.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.internal.Json;
import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.metrics.Histograms;
import io.pacer.verdict.CapacityResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The numbers behind a report's charts, as the compact JSON its script reads: per run the series over time
 * (columns, not rows: one array per series), the latency percentile distribution of the whole run and of each
 * label, and a capacity search's steps. Times are seconds from the run's start, latencies ms, rates per second.
 *
 * <p>A long run is downsampled to at most {@link #MAX_POINTS} points per series ({@link #MAX_REPORT_POINTS} for all
 * runs of a report together, at least {@link #MIN_POINTS} each) — each point then stands for several intervals:
 * their mean rate and their worst latency, so a spike never disappears — which keeps a day-long soak under the
 * report's size budget; an hour of one-second intervals is shown point for point.
 */
final class ChartData {

    /** Most points per time series; more intervals than this are merged into buckets. */
    static final int MAX_POINTS = 4_000;

    /** Most points of all time series of one report together, so that a suite of long runs stays small. */
    static final int MAX_REPORT_POINTS = 16_000;

    /** Fewest points per time series however many runs a report shows. */
    static final int MIN_POINTS = 1_000;

    /** Percentile ticks per halving of the distance to 100 %, as HdrHistogram's percentile output uses. */
    static final int PERCENTILE_TICKS_PER_HALF_DISTANCE = 5;

    /** Labels beyond this many (the busiest are kept) are left out of the distribution chart. */
    static final int MAX_LABEL_CURVES = 6;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChartData() {}

    /** The charts' data for {@code run}, or for a run that could not be measured: {@code null} gives empty series. */
    static ObjectNode of(RunResult run, CapacityResult capacity, int maxPoints) {
        ObjectNode node = NODES.objectNode();
        if (run != null) {
            node.set("time", timeSeries(run.intervals(), run.warmup().durationMillis(), maxPoints));
            node.set("dist", distributions(run));
        }
        if (capacity != null) {
            node.set("capacity", capacity(capacity));
        }
        return node;
    }

    /** {@code node} as JSON that is safe inside an HTML {@code <script>} element: no {@code <}, {@code >} or {@code &}. */
    static String toScriptJson(JsonNode node) {
        try {
            String json = Json.valueWriter(JsonNode.class).writeValueAsString(node);
            // Outside strings JSON has none of these characters, so escaping them everywhere only touches strings.
            return json.replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026")
                    .replace("\u2028", "\\u2028")
                    .replace("\u2029", "\\u2029");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points per time series when a report shows {@code runs} runs. */
    static int pointsPerRun(int runs) {
        return Math.max(MIN_POINTS, Math.min(MAX_POINTS, MAX_REPORT_POINTS / Math.max(1, runs)));
    }

    static ObjectNode timeSeries(List<IntervalStats> intervals, long warmupMillis, int maxPoints) {
        int bucket = Math.max(1, (intervals.size() + maxPoints - 1) / maxPoints);
        ArrayNode t = NODES.arrayNode();
        ArrayNode ops = NODES.arrayNode();
        ArrayNode target = NODES.arrayNode();
        ArrayNode failed = NODES.arrayNode();
        ArrayNode p50 = NODES.arrayNode();
        ArrayNode p99 = NODES.arrayNode();
        ArrayNode max = NODES.arrayNode();
        boolean anyTarget = false;
        for (int from = 0; from < intervals.size(); from += bucket) {
            List<IntervalStats> part = intervals.subList(from, Math.min(intervals.size(), from + bucket));
            long length = part.stream().mapToLong(IntervalStats::lengthMillis).sum();
            double seconds = Math.max(length, 1) / 1000.0;
            t.add(part.get(0).offsetMillis() / 1000.0);
            ops.add(round(part.stream().mapToLong(IntervalStats::operations).sum() / seconds, 1));
            failed.add(round(part.stream().mapToLong(IntervalStats::failed).sum() / seconds, 1));
            double meanTarget = part.stream()
                    .mapToDouble(IntervalStats::targetRate)
                    .average()
                    .orElse(0);
            anyTarget |= meanTarget > 0;
            target.add(round(meanTarget, 1));
            boolean measuredLatency = part.stream().anyMatch(i -> i.latency().count() > 0);
            if (measuredLatency) {
                p50.add(part.stream()
                                .filter(i -> i.latency().count() > 0)
                                .mapToLong(i -> i.latency().p50())
                                .max()
                                .orElse(0)
                        / 1000.0);
                p99.add(part.stream().mapToLong(i -> i.latency().p99()).max().orElse(0) / 1000.0);
                max.add(part.stream().mapToLong(i -> i.latency().max()).max().orElse(0) / 1000.0);
            } else {
                p50.addNull();
                p99.addNull();
                max.addNull();
            }
        }
        ObjectNode node = NODES.objectNode();
        node.put("bucket", bucket);
        node.put("warmupEnd", warmupMillis / 1000.0);
        node.set("t", t);
        node.set("ops", ops);
        node.set("target", anyTarget ? target : NODES.nullNode());
        node.set("failed", failed);
        node.set("p50", p50);
        node.set("p99", p99);
        node.set("max", max);
        return node;
    }

    /** The whole run's curve, then the busiest labels' curves. */
    static ArrayNode distributions(RunResult run) {
        ArrayNode curves = NODES.arrayNode();
        curves.add(curve("all operations", run.histogram()));
        run.labels().entrySet().stream()
                .filter(e -> !e.getKey().isEmpty() && e.getValue().operations() > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, RunResult.LabelSummary> e) ->
                                e.getValue().operations())
                        .reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_LABEL_CURVES)
                .forEach(e -> curves.add(curve(e.getKey(), e.getValue().histogram())));
        return curves;
    }

    /**
     * HdrHistogram's percentile plot: x is 1 / (1 − percentile), so 90 % is 10, 99 % is 100, 99.9 % is 1,000 — a log
     * axis that gives every "nine" the same width; y is the latency at that percentile, ms. The maximum (100 %) is
     * placed at x = the number of values, where a one-in-all event belongs.
     */
    static ObjectNode curve(String name, String encodedHistogram) {
        AbstractHistogram histogram = Histograms.decode(encodedHistogram);
        ArrayNode x = NODES.arrayNode();
        ArrayNode y = NODES.arrayNode();
        long total = histogram.getTotalCount();
        double lastX = 0;
        if (total > 0) {
            for (HistogramIterationValue v : histogram.percentiles(PERCENTILE_TICKS_PER_HALF_DISTANCE)) {
                double fraction = v.getPercentileLevelIteratedTo() / 100.0;
                double position = fraction >= 1 ? total : Math.min(total, 1 / (1 - fraction));
                if (position <= lastX) {
                    continue;
                }
                lastX = position;
                x.add(round(position, 4));
                y.add(histogram.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0);
            }
        }
        ObjectNode node = NODES.objectNode();
        node.put("name", name);
        node.put("count", total);
        node.set("x", x);
        node.set("y", y);
        return node;
    }

    static ObjectNode capacity(CapacityResult capacity) {
        List<CapacityResult.Step> steps = capacity.steps().stream()
                .sorted(Comparator.comparingDouble(CapacityResult.Step::targetPerSecond))
                .toList();
        ArrayNode rate = NODES.arrayNode();
        ArrayNode throughput = NODES.arrayNode();
        ArrayNode p50 = NODES.arrayNode();
        ArrayNode p99 = NODES.arrayNode();
        ArrayNode passed = NODES.arrayNode();
        ArrayNode behind = NODES.arrayNode();
        for (CapacityResult.Step step : steps) {
            rate.add(round(step.targetPerSecond(), 1));
            throughput.add(round(step.throughputPerSecond(), 1));
            p50.add(step.latency().p50() / 1000.0);
            p99.add(step.latency().p99() / 1000.0);
            passed.add(step.passed());
            behind.add(step.generatorBehind());
        }
        ObjectNode node = NODES.objectNode();
        node.set("rate", rate);
        node.set("throughput", throughput);
        node.set("p50", p50);
        node.set("p99", p99);
        node.set("passed", passed);
        node.set("behind", behind);
        node.put("capacity", capacity.capacityPerSecond());
        if (capacity.kneePerSecond() == null) {
            node.putNull("knee");
        } else {
            node.put("knee", capacity.kneePerSecond().doubleValue());
        }
        return node;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
