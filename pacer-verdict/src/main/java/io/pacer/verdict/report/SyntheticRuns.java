package io.pacer.verdict.report;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Long results made up from a seed, for what needs the size of a real long run without its hour: the report's
 * rendering benchmark and its size test. Latency is log-normal around 1 ms with a rare stall, the rate 1,000/s.
 */
final class SyntheticRuns {

    /** Samples drawn per interval; each stands for {@code rate / SAMPLES} operations. */
    private static final int SAMPLES = 200;

    private static final long WARMUP_INTERVALS = 30;

    private SyntheticRuns() {}

    /** A run of {@code intervals} one-second intervals at {@code rate} operations/s, the first 30 warm-up. */
    static RunResult run(int intervals, double rate, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Histogram all = Histograms.latency();
        Histogram reads = Histograms.latency();
        Histogram warmup = Histograms.latency();
        long weight = Math.max(1, Math.round(rate / SAMPLES));
        List<IntervalStats> series = new ArrayList<>(intervals);
        long[] samples = new long[SAMPLES];
        long operations = 0;
        long failed = 0;
        for (int i = 0; i < intervals; i++) {
            boolean isWarmup = i < WARMUP_INTERVALS;
            boolean stall = random.nextInt(600) == 0;
            for (int s = 0; s < SAMPLES; s++) {
                double logNormal = Math.exp(random.nextGaussian() * 0.5);
                long micros = Math.round(900 * logNormal * (isWarmup ? 2 : 1));
                if (stall && s < 20) {
                    micros += 200_000 + random.nextInt(300_000);
                }
                samples[s] = micros;
                (isWarmup ? warmup : all).recordValueWithCount(micros, weight);
                if (!isWarmup && s % 3 == 0) {
                    reads.recordValueWithCount(micros, weight);
                }
            }
            Arrays.sort(samples);
            long done = weight * SAMPLES;
            long errors = i % 97 == 50 ? 3 : 0; // a few failures, at known intervals
            if (!isWarmup) {
                operations += done;
                failed += errors;
            }
            double mean = Arrays.stream(samples).average().orElse(0);
            Percentiles latency = new Percentiles(
                    done,
                    mean,
                    at(samples, 0.5),
                    at(samples, 0.9),
                    at(samples, 0.95),
                    at(samples, 0.99),
                    at(samples, 0.999),
                    samples[SAMPLES - 1]);
            series.add(new IntervalStats(
                    i,
                    i * 1000L,
                    1000,
                    isWarmup,
                    done,
                    done,
                    done - errors,
                    errors,
                    done,
                    done * 512,
                    done,
                    done,
                    done * 512 / 1048576.0,
                    rate,
                    done,
                    random.nextInt(2000),
                    latency,
                    Map.of()));
        }
        long measuredMillis = (intervals - WARMUP_INTERVALS) * 1000;
        double perSecond = operations / (measuredMillis / 1000.0);
        Instant start = Instant.parse("2026-11-29T08:00:00Z");
        RunResult.Counts counts = new RunResult.Counts(operations, operations - failed, failed, 0, operations, 512);
        return new RunResult(
                RunResult.SCHEMA,
                "dev",
                "http GET http://127.0.0.1:8080/orders",
                new RunResult.Settings(
                        "open",
                        rate,
                        0,
                        List.of(),
                        0,
                        0,
                        64,
                        intervals * 1000L,
                        0,
                        0,
                        WARMUP_INTERVALS * 1000,
                        false,
                        10_000,
                        30_000,
                        1000,
                        Map.of("url", "http://127.0.0.1:8080/orders", "method", "GET")),
                new RunResult.Environment(
                        "Eclipse Adoptium",
                        "17.0.13+11",
                        "Linux 6.1.0",
                        "amd64",
                        2,
                        4L << 30,
                        "bench-host",
                        "4.3.1",
                        start,
                        start.plusMillis(intervals * 1000L)),
                new RunResult.WarmupSummary(
                        WARMUP_INTERVALS * 1000,
                        "fixed",
                        RunResult.Counts.ZERO,
                        Percentiles.of(warmup),
                        Histograms.encode(warmup),
                        Map.of()),
                series,
                Percentiles.of(all),
                Histograms.encode(all),
                Map.of(
                        "GET /orders",
                        new RunResult.LabelSummary(
                                reads.getTotalCount(),
                                reads.getTotalCount(),
                                0,
                                Percentiles.of(reads),
                                Histograms.encode(reads),
                                Map.of("200", reads.getTotalCount()))),
                counts,
                failed == 0 ? Map.of() : Map.of("503", failed),
                Map.of("200", operations - failed),
                new RunResult.Rates(
                        measuredMillis, perSecond, perSecond, perSecond * 512 / 1048576, rate, perSecond, 1900, false),
                null,
                Map.of(),
                false,
                List.of());
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
