import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * bench/workers.sh's merge timing: three workers' results of a one-hour run (3,600 one-second intervals, 1,000
 * operations/s each, latency spread over 100 µs–1 s) as JSON, as a coordinator receives them; timed: reading the three
 * results and merging them (RunResults.read + RunResults.merge). Prints "merge_ms=<median of 7> json_kb=<per worker>".
 * Run: java -cp pacer.jar bench/MergeTiming.java
 */
public class MergeTiming {
    public static void main(String[] args) throws Exception {
        SplittableRandom random = new SplittableRandom(15);
        List<byte[]> parts = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            parts.add(RunResults.toJson(hour("worker-" + w, random)).getBytes(StandardCharsets.UTF_8));
        }
        long[] times = new long[9];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            List<RunResult> read = new ArrayList<>();
            for (byte[] json : parts) {
                read.add(RunResults.read(new ByteArrayInputStream(json)));
            }
            RunResult merged = RunResults.merge(read);
            times[i] = System.nanoTime() - t0;
            if (merged.counts().operations() != 3L * 3_600_000) {
                throw new AssertionError("merged " + merged.counts().operations());
            }
        }
        long[] measured = Arrays.copyOfRange(times, 2, times.length); // two warm-up merges
        Arrays.sort(measured);
        System.out.printf("merge_ms=%.0f json_kb=%d%n", measured[measured.length / 2] / 1e6, parts.get(0).length / 1024);
    }

    private static RunResult hour(String host, SplittableRandom random) {
        Histogram total = Histograms.latency();
        List<IntervalStats> intervals = new ArrayList<>();
        for (int i = 0; i < 3600; i++) {
            Histogram h = Histograms.latency();
            for (int k = 0; k < 1000; k++) {
                h.recordValue(100 + (long) (Math.pow(random.nextDouble(), 4) * 1_000_000));
            }
            total.add(h);
            intervals.add(new IntervalStats(i, i * 1000L, 1000, false, 1000, 1000, 1000, 0, 1000, 100_000, 1000, 1000,
                    0.095, 1000, 1000, 50, Percentiles.of(h), Map.of()));
        }
        long n = total.getTotalCount();
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        return new RunResult(RunResult.SCHEMA, "bench", "kafka-produce topic=bench",
                new RunResult.Settings("open", 1000, 0, List.of(), 0, 0, 1, 3_600_000, 0, 0, 0, false, 10_000, 30_000,
                        1000, Map.of("command", "kafka produce")),
                new RunResult.Environment("vendor", "17", "Linux", "amd64", 2, 1 << 30, host, "4.x", start,
                        start.plusSeconds(3600)),
                new RunResult.WarmupSummary(0, "none", RunResult.Counts.ZERO, Percentiles.EMPTY,
                        Histograms.encode(Histograms.latency()), Map.of()),
                intervals, Percentiles.of(total), Histograms.encode(total), Map.of(),
                new RunResult.Counts(n, n, 0, 0, n, n * 100), Map.of(), Map.of("ok", n),
                new RunResult.Rates(3_600_000, 1000, 1000, 0.095, 1000, 1000, 50, false), null, Map.of(), false,
                List.of());
    }
}
