package io.pacer.load;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/** Merges results of simultaneous runs (several generator processes) as {@link RunResults#merge} describes. */
final class RunMerge {

    private RunMerge() {}

    static RunResult merge(List<RunResult> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least one run result, but got none");
        }
        for (RunResult r : results) {
            if (!RunResult.SCHEMA.equals(r.schema())) {
                throw new IllegalArgumentException(
                        "can merge only " + RunResult.SCHEMA + " results, but got " + r.schema());
            }
        }
        if (results.size() == 1) {
            return results.get(0);
        }
        RunResult first = results.get(0);
        Histogram latency =
                Histograms.merge(results.stream().map(RunResult::histogram).toList());
        List<String> notices = new ArrayList<>();
        notices.add("merged " + results.size() + " runs");
        for (int i = 0; i < results.size(); i++) {
            for (String n : results.get(i).notices()) {
                notices.add("run " + (i + 1) + ": " + n);
            }
        }
        return new RunResult(
                RunResult.SCHEMA,
                first.toolVersion(),
                distinct(results, RunResult::driver, " + "),
                first.settings(),
                environment(results),
                warmup(results),
                intervals(results),
                Percentiles.of(latency),
                Histograms.encode(latency),
                labels(results),
                counts(results.stream().map(RunResult::counts).toList()),
                sum(results, RunResult::errors),
                sum(results, RunResult::statuses),
                rates(results),
                accounting(results),
                sumDoubles(results, RunResult::driverSummary),
                results.stream().anyMatch(RunResult::stopped),
                notices);
    }

    private static RunResult.Environment environment(List<RunResult> results) {
        RunResult.Environment e = results.get(0).environment();
        Instant start = results.stream()
                .map(r -> r.environment().start())
                .min(Instant::compareTo)
                .orElseThrow();
        Instant end = results.stream()
                .map(r -> r.environment().end())
                .max(Instant::compareTo)
                .orElseThrow();
        return new RunResult.Environment(
                e.javaVendor(),
                e.javaVersion(),
                e.os(),
                e.arch(),
                e.cpus(),
                e.maxHeapBytes(),
                distinct(results, r -> r.environment().hostname(), ","),
                e.kafkaClientsVersion(),
                start,
                end);
    }

    private static RunResult.WarmupSummary warmup(List<RunResult> results) {
        Histogram latency = Histograms.merge(
                results.stream().map(r -> r.warmup().histogram()).toList());
        Set<String> ends = results.stream().map(r -> r.warmup().ended()).collect(Collectors.toSet());
        return new RunResult.WarmupSummary(
                results.stream()
                        .mapToLong(r -> r.warmup().durationMillis())
                        .max()
                        .orElse(0),
                ends.size() == 1 ? ends.iterator().next() : "mixed",
                counts(results.stream().map(r -> r.warmup().counts()).toList()),
                Percentiles.of(latency),
                Histograms.encode(latency),
                sum(results, r -> r.warmup().errors()));
    }

    /** Interval i of the merge adds up interval i of every run; its percentiles are the worst of the parts. */
    private static List<IntervalStats> intervals(List<RunResult> results) {
        int count = results.stream().mapToInt(r -> r.intervals().size()).max().orElse(0);
        List<IntervalStats> merged = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<IntervalStats> parts = new ArrayList<>();
            for (RunResult r : results) {
                if (i < r.intervals().size()) {
                    parts.add(r.intervals().get(i));
                }
            }
            IntervalStats f = parts.get(0);
            long operations =
                    parts.stream().mapToLong(IntervalStats::operations).sum();
            long measured = parts.stream().mapToLong(s -> s.latency().count()).sum();
            double meanSum = parts.stream()
                    .mapToDouble(s -> s.latency().mean() * s.latency().count())
                    .sum();
            Percentiles worst = new Percentiles(
                    measured,
                    measured == 0 ? 0 : meanSum / measured,
                    max(parts, s -> s.latency().p50()),
                    max(parts, s -> s.latency().p90()),
                    max(parts, s -> s.latency().p95()),
                    max(parts, s -> s.latency().p99()),
                    max(parts, s -> s.latency().p999()),
                    max(parts, s -> s.latency().max()));
            Map<String, Double> gauges = new TreeMap<>();
            parts.forEach(s -> s.gauges().forEach((k, v) -> gauges.merge(k, v, Double::sum)));
            merged.add(new IntervalStats(
                    i,
                    f.offsetMillis(),
                    f.lengthMillis(),
                    parts.stream().anyMatch(IntervalStats::warmup),
                    parts.stream().mapToLong(IntervalStats::started).sum(),
                    operations,
                    parts.stream().mapToLong(IntervalStats::ok).sum(),
                    parts.stream().mapToLong(IntervalStats::failed).sum(),
                    parts.stream().mapToLong(IntervalStats::records).sum(),
                    parts.stream().mapToLong(IntervalStats::bytes).sum(),
                    parts.stream()
                            .mapToDouble(IntervalStats::operationsPerSecond)
                            .sum(),
                    parts.stream().mapToDouble(IntervalStats::recordsPerSecond).sum(),
                    parts.stream()
                            .mapToDouble(IntervalStats::megabytesPerSecond)
                            .sum(),
                    parts.stream().mapToDouble(IntervalStats::targetRate).sum(),
                    parts.stream().mapToDouble(IntervalStats::startRate).sum(),
                    max(parts, IntervalStats::maxScheduleLagMicros),
                    worst,
                    gauges));
        }
        return merged;
    }

    private static Map<String, RunResult.LabelSummary> labels(List<RunResult> results) {
        Map<String, List<RunResult.LabelSummary>> byLabel = new TreeMap<>();
        results.forEach(r -> r.labels()
                .forEach((label, s) ->
                        byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(s)));
        Map<String, RunResult.LabelSummary> merged = new TreeMap<>();
        byLabel.forEach((label, parts) -> {
            Histogram latency = Histograms.merge(
                    parts.stream().map(RunResult.LabelSummary::histogram).toList());
            Map<String, Long> statuses = new TreeMap<>();
            parts.forEach(p -> p.statuses().forEach((k, v) -> statuses.merge(k, v, Long::sum)));
            merged.put(
                    label,
                    new RunResult.LabelSummary(
                            parts.stream()
                                    .mapToLong(RunResult.LabelSummary::operations)
                                    .sum(),
                            parts.stream().mapToLong(RunResult.LabelSummary::ok).sum(),
                            parts.stream()
                                    .mapToLong(RunResult.LabelSummary::failed)
                                    .sum(),
                            Percentiles.of(latency),
                            Histograms.encode(latency),
                            statuses));
        });
        return merged;
    }

    private static RunResult.Rates rates(List<RunResult> results) {
        List<RunResult.Rates> r = results.stream().map(RunResult::rates).toList();
        return new RunResult.Rates(
                r.stream().mapToLong(RunResult.Rates::measuredMillis).max().orElse(0),
                r.stream().mapToDouble(RunResult.Rates::operationsPerSecond).sum(),
                r.stream().mapToDouble(RunResult.Rates::recordsPerSecond).sum(),
                r.stream().mapToDouble(RunResult.Rates::megabytesPerSecond).sum(),
                r.stream().mapToDouble(RunResult.Rates::targetRate).sum(),
                r.stream().mapToDouble(RunResult.Rates::achievedRate).sum(),
                r.stream()
                        .mapToLong(RunResult.Rates::maxScheduleLagMicros)
                        .max()
                        .orElse(0),
                r.stream().anyMatch(RunResult.Rates::behindSchedule));
    }

    private static RunResult.Counts counts(Collection<RunResult.Counts> parts) {
        return new RunResult.Counts(
                parts.stream().mapToLong(RunResult.Counts::operations).sum(),
                parts.stream().mapToLong(RunResult.Counts::ok).sum(),
                parts.stream().mapToLong(RunResult.Counts::failed).sum(),
                parts.stream().mapToLong(RunResult.Counts::incomplete).sum(),
                parts.stream().mapToLong(RunResult.Counts::records).sum(),
                parts.stream().mapToLong(RunResult.Counts::bytes).sum());
    }

    /** The sum of the runs' accounting; null when none of them followed records end to end. */
    private static RecordAccounting accounting(List<RunResult> results) {
        return results.stream()
                .map(RunResult::accounting)
                .filter(Objects::nonNull)
                .reduce(RecordAccounting::plus)
                .orElse(null);
    }

    private static Map<String, Long> sum(List<RunResult> results, Function<RunResult, Map<String, Long>> map) {
        Map<String, Long> out = new TreeMap<>();
        results.forEach(r -> map.apply(r).forEach((k, v) -> out.merge(k, v, Long::sum)));
        return out;
    }

    private static Map<String, Double> sumDoubles(
            List<RunResult> results, Function<RunResult, Map<String, Double>> map) {
        Map<String, Double> out = new TreeMap<>();
        results.forEach(r -> map.apply(r).forEach((k, v) -> out.merge(k, v, Double::sum)));
        return out;
    }

    private static <T> long max(List<T> parts, ToLongFunction<T> value) {
        return parts.stream().mapToLong(value).max().orElse(0);
    }

    private static String distinct(List<RunResult> results, Function<RunResult, String> value, String separator) {
        return String.join(separator, results.stream().map(value).collect(Collectors.toCollection(LinkedHashSet::new)));
    }
}
