package io.pacer.verdict.compare;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.metrics.Percentiles;
import java.util.function.ToLongFunction;

/**
 * What a comparison compares, each with the direction that is better. Per metric, the whole-run figure (from the
 * run's totals and its full histogram, exact) says how much it changed; the per-interval values say whether that
 * change is more than noise.
 */
public enum Metric {
    /** Completed operations per second; higher is better. */
    THROUGHPUT("throughput", "ops/s", true),
    /** Median latency from the intended start, µs; lower is better. */
    P50("p50", "µs", false),
    /** 95th percentile latency, µs; lower is better. */
    P95("p95", "µs", false),
    /** 99th percentile latency, µs; lower is better. */
    P99("p99", "µs", false),
    /** 99.9th percentile latency, µs; lower is better. */
    P999("p99.9", "µs", false),
    /** Failed operations as a percentage of operations; lower is better. */
    ERROR_RATE("error rate", "%", false);

    private final String label;
    private final String unit;
    private final boolean higherIsBetter;

    Metric(String label, String unit, boolean higherIsBetter) {
        this.label = label;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name reports show: {@code throughput}, {@code p99.9}, {@code error rate}. */
    public String label() {
        return label;
    }

    /** The unit of its values: {@code ops/s}, {@code µs} or {@code %}. */
    public String unit() {
        return unit;
    }

    /** Whether a larger value is an improvement (throughput) rather than a regression (latency, errors). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether it is a latency percentile. */
    public boolean isLatency() {
        return this != THROUGHPUT && this != ERROR_RATE;
    }

    /** The whole-run figure of {@code run}; NaN when the run measured nothing it could be read from. */
    double headline(RunResult run) {
        return switch (this) {
            case THROUGHPUT ->
                run.counts().operations() == 0 ? Double.NaN : run.rates().operationsPerSecond();
            case ERROR_RATE ->
                run.counts().operations() == 0
                        ? Double.NaN
                        : 100.0 * run.counts().failed() / run.counts().operations();
            default -> run.latency().count() == 0 ? Double.NaN : percentile().applyAsLong(run.latency());
        };
    }

    /** The value of one measured interval; NaN when the interval has nothing to say about this metric. */
    double sample(IntervalStats interval) {
        return switch (this) {
            case THROUGHPUT -> interval.operationsPerSecond();
            case ERROR_RATE ->
                interval.operations() == 0 ? Double.NaN : 100.0 * interval.failed() / interval.operations();
            default -> {
                Percentiles latency = interval.latency();
                long value = percentile().applyAsLong(latency);
                // A file written before p95 existed reads 0 for an interval's p95: unknown, not zero.
                yield latency.count() == 0 || (this == P95 && value == 0 && latency.max() > 0) ? Double.NaN : value;
            }
        };
    }

    private ToLongFunction<Percentiles> percentile() {
        return switch (this) {
            case P50 -> Percentiles::p50;
            case P95 -> Percentiles::p95;
            case P99 -> Percentiles::p99;
            case P999 -> Percentiles::p999;
            default -> throw new IllegalStateException(this + " is not a latency percentile");
        };
    }
}
