package io.pacer.verdict.compare;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Seeded synthetic runs shaped like real ones: each operation's latency is log-normal around a median, each interval's
 * latency scale and throughput jitter from interval to interval (a GC here, a noisy neighbour there), and the run
 * carries real HdrHistograms — per interval summarised into its percentiles, merged for the whole run.
 *
 * @param intervals measured intervals (1 s each)
 * @param warmupIntervals warm-up intervals before them, three times slower (to prove they are skipped)
 * @param operationsPerInterval operations completed in an interval, on average
 * @param medianMicros median latency, µs
 * @param sigma the log-normal shape: 0.5 puts p99 at 3.2 × the median
 * @param intervalNoise standard deviation of the log of an interval's latency scale and throughput
 * @param errorRate probability an operation fails
 */
public record SyntheticRuns(
        int intervals,
        int warmupIntervals,
        int operationsPerInterval,
        double medianMicros,
        double sigma,
        double intervalNoise,
        double errorRate) {

    /** The shape the power tests use: 1,000 ops/s, median 2 ms, p99 about 6.4 ms, 5 % interval-to-interval noise. */
    public static SyntheticRuns typical(int intervals) {
        return new SyntheticRuns(intervals, 3, 1_000, 2_000, 0.5, 0.05, 0.0);
    }

    public SyntheticRuns withErrorRate(double rate) {
        return new SyntheticRuns(
                intervals, warmupIntervals, operationsPerInterval, medianMicros, sigma, intervalNoise, rate);
    }

    public SyntheticRuns withWarmupIntervals(int n) {
        return new SyntheticRuns(intervals, n, operationsPerInterval, medianMicros, sigma, intervalNoise, errorRate);
    }

    /** A run from {@code seed} whose latency is scaled by {@code latencyFactor} (1.1 = 10 % slower everywhere). */
    public RunResult run(long seed, double latencyFactor) {
        return run(seed, latencyFactor, 1.0);
    }

    /** As {@link #run(long, double)}, with throughput scaled by {@code throughputFactor}. */
    public RunResult run(long seed, double latencyFactor, double throughputFactor) {
        SplittableRandom random = new SplittableRandom(seed);
        List<IntervalStats> stats = new ArrayList<>();
        Histogram total = Histograms.latency();
        Histogram warm = Histograms.latency();
        long ok = 0;
        long failed = 0;
        for (int i = 0; i < warmupIntervals + intervals; i++) {
            boolean warmup = i < warmupIntervals;
            double scale = latencyFactor * Math.exp(intervalNoise * gaussian(random)) * (warmup ? 3 : 1);
            int operations = (int) Math.round(
                    operationsPerInterval * throughputFactor * Math.exp(intervalNoise / 2 * gaussian(random)));
            Histogram h = Histograms.latency();
            int fails = 0;
            for (int k = 0; k < operations; k++) {
                double v = medianMicros * scale * Math.exp(sigma * gaussian(random));
                h.recordValue(Math.min(Histograms.HIGHEST_LATENCY_MICROS, Math.max(1, Math.round(v))));
                if (random.nextDouble() < errorRate) {
                    fails++;
                }
            }
            (warmup ? warm : total).add(h);
            if (!warmup) {
                ok += operations - fails;
                failed += fails;
            }
            stats.add(new IntervalStats(
                    i,
                    i * 1000L,
                    1000,
                    warmup,
                    operations,
                    operations,
                    operations - fails,
                    fails,
                    operations,
                    0,
                    operations,
                    operations,
                    0,
                    0,
                    operations,
                    0,
                    Percentiles.of(h),
                    Map.of()));
        }
        long operations = ok + failed;
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        return new RunResult(
                RunResult.SCHEMA,
                "test",
                "synthetic",
                new RunResult.Settings(
                        "unlimited",
                        0,
                        0,
                        List.of(),
                        0,
                        0,
                        1,
                        intervals * 1000L,
                        0,
                        0,
                        warmupIntervals * 1000L,
                        false,
                        0,
                        0,
                        1000,
                        Map.of()),
                new RunResult.Environment(
                        "test",
                        "17",
                        "Linux",
                        "amd64",
                        2,
                        1L << 30,
                        "host",
                        "4.0",
                        start,
                        start.plusSeconds(warmupIntervals + intervals)),
                new RunResult.WarmupSummary(
                        warmupIntervals * 1000L,
                        warmupIntervals == 0 ? "none" : "fixed",
                        RunResult.Counts.ZERO,
                        Percentiles.of(warm),
                        Histograms.encode(warm),
                        Map.of()),
                stats,
                Percentiles.of(total),
                Histograms.encode(total),
                Map.of(),
                new RunResult.Counts(operations, ok, failed, 0, operations, 0),
                failed == 0 ? Map.of() : Map.of("TimeoutException", failed),
                Map.of("ok", ok),
                new RunResult.Rates(
                        intervals * 1000L,
                        operations / (double) intervals,
                        operations / (double) intervals,
                        0,
                        0,
                        0,
                        0,
                        false),
                null,
                Map.of(),
                false,
                List.of());
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
