package io.pacer.load.distributed;

import io.pacer.load.IntervalStats;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The live view of a distributed run: interval {@code i} of every worker (aligned, since all started at the same
 * instant) merged into one, its latency from the sum of the workers' interval histograms — exact, not an average of
 * percentiles. An interval is complete once every share still running has sent it; a share that ended (done, failed
 * or lost) is not waited for.
 */
final class IntervalMerge {

    private final boolean[] settled;
    private final TreeMap<Integer, Map<Integer, Part>> pending = new TreeMap<>();

    IntervalMerge(int shares) {
        this.settled = new boolean[shares];
    }

    /** One worker's interval and its histogram. */
    record Part(IntervalStats stats, Histogram latency) {}

    void add(int share, IntervalStats stats, Histogram latency) {
        pending.computeIfAbsent(stats.index(), k -> new HashMap<>()).put(share, new Part(stats, latency));
    }

    /** The share sends no more intervals. */
    void settle(int share) {
        settled[share] = true;
    }

    /** Completed intervals not yet taken, in order. */
    List<IntervalStats> complete() {
        List<IntervalStats> out = new ArrayList<>();
        while (!pending.isEmpty() && whole(pending.firstEntry().getValue())) {
            out.add(merge(pending.pollFirstEntry().getValue().values()));
        }
        return out;
    }

    /** Every interval not yet taken, complete or not: the run is over. */
    List<IntervalStats> rest() {
        List<IntervalStats> out = new ArrayList<>();
        while (!pending.isEmpty()) {
            out.add(merge(pending.pollFirstEntry().getValue().values()));
        }
        return out;
    }

    private boolean whole(Map<Integer, Part> parts) {
        for (int share = 0; share < settled.length; share++) {
            if (!settled[share] && !parts.containsKey(share)) {
                return false;
            }
        }
        return true;
    }

    /** The intervals of several workers as one: counts and rates add, latency from the summed histograms. */
    static IntervalStats merge(java.util.Collection<Part> parts) {
        Histogram latency = Histograms.latency();
        IntervalStats first = null;
        long started = 0, operations = 0, ok = 0, failed = 0, records = 0, bytes = 0, lag = 0;
        double opsRate = 0, recordRate = 0, mbRate = 0, target = 0, startRate = 0;
        boolean warmup = false;
        Map<String, Double> gauges = new TreeMap<>();
        for (Part p : parts) {
            IntervalStats s = p.stats();
            first = first == null ? s : first;
            latency.add(p.latency());
            started += s.started();
            operations += s.operations();
            ok += s.ok();
            failed += s.failed();
            records += s.records();
            bytes += s.bytes();
            opsRate += s.operationsPerSecond();
            recordRate += s.recordsPerSecond();
            mbRate += s.megabytesPerSecond();
            target += s.targetRate();
            startRate += s.startRate();
            lag = Math.max(lag, s.maxScheduleLagMicros());
            warmup |= s.warmup();
            s.gauges().forEach((k, v) -> gauges.merge(k, v, Double::sum));
        }
        if (first == null) {
            throw new IllegalArgumentException("merge needs at least one interval");
        }
        return new IntervalStats(
                first.index(),
                first.offsetMillis(),
                first.lengthMillis(),
                warmup,
                started,
                operations,
                ok,
                failed,
                records,
                bytes,
                opsRate,
                recordRate,
                mbRate,
                target,
                startRate,
                lag,
                Percentiles.of(latency),
                gauges);
    }
}
