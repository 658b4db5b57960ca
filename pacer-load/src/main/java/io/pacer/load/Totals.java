package io.pacer.load;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/** Sums of interval buckets over a part of the run (warm-up or measured); used by one thread. */
final class Totals {
    final Histogram latency = Histograms.latency();
    final Map<String, Long> statuses = new TreeMap<>();
    final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, LabelTotals> labels = new TreeMap<>();
    long ok;
    long failed;
    long incomplete;
    long records;
    long bytes;

    void add(Tally.Bucket bucket) {
        latency.add(bucket.latency);
        ok += bucket.ok.sum();
        failed += bucket.failed.sum();
        records += bucket.records.sum();
        bytes += bucket.bytes.sum();
        addAll(statuses, bucket.statuses);
        long okStatus = bucket.okStatus.sum();
        if (okStatus > 0) {
            statuses.merge(Outcome.OK, okStatus, Long::sum);
        }
        addAll(errors, bucket.errors);
        bucket.labels.forEach((label, b) -> {
            LabelTotals totals = labels.computeIfAbsent(label, k -> new LabelTotals());
            totals.latency.add(b.latency);
            totals.ok += b.ok.sum();
            totals.failed += b.failed.sum();
            addAll(totals.statuses, b.statuses);
        });
    }

    /** Counts operations that never completed as failed with status "incomplete". */
    void addIncomplete(long count) {
        if (count == 0) {
            return;
        }
        incomplete += count;
        failed += count;
        statuses.merge(EngineRun.INCOMPLETE, count, Long::sum);
        errors.merge(EngineRun.INCOMPLETE, count, Long::sum);
    }

    RunResult.Counts counts() {
        return new RunResult.Counts(ok + failed, ok, failed, incomplete, records, bytes);
    }

    Map<String, RunResult.LabelSummary> labels() {
        Map<String, RunResult.LabelSummary> out = new TreeMap<>();
        labels.forEach((label, t) -> out.put(
                label,
                new RunResult.LabelSummary(
                        t.ok + t.failed,
                        t.ok,
                        t.failed,
                        Percentiles.of(t.latency),
                        Histograms.encode(t.latency),
                        t.statuses)));
        return out;
    }

    private static void addAll(Map<String, Long> into, Map<String, LongAdder> from) {
        from.forEach((key, adder) -> into.merge(key, adder.sum(), Long::sum));
    }

    private static final class LabelTotals {
        final Histogram latency = new Histogram(Histograms.SIGNIFICANT_DIGITS);
        final Map<String, Long> statuses = new TreeMap<>();
        long ok;
        long failed;
    }
}
