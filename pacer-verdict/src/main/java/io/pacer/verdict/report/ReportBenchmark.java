package io.pacer.verdict.report;

import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

/**
 * How long the HTML report of a one-hour run (3,600 one-second intervals) takes to render, and how big it is. For
 * {@code bench/report.sh} and {@code bench/full.sh}; not part of the API. Renders a made-up run of the size of a real
 * one ({@link SyntheticRuns}) {@value #WARMUP} times to warm the JIT, then {@value #ROUNDS} times measured, and
 * prints the first (cold) render, the median and the worst, against a named baseline: writing the same result as
 * JSON ({@link RunResults#toJson}), the least any report of it costs. Ends with {@code RESULT report_ms=…
 * report_first_ms=… report_bytes=… json_ms=… report_vs_json=…}.
 *
 * <p>Usage: {@code java -cp pacer.jar io.pacer.verdict.report.ReportBenchmark [OUT.html]} — the report is also
 * written to OUT.html when given, to look at.
 */
public final class ReportBenchmark {

    static final int INTERVALS = 3_600;
    private static final int WARMUP = 5;
    private static final int ROUNDS = 15;

    private ReportBenchmark() {}

    public static void main(String[] args) throws IOException {
        long made = System.nanoTime();
        RunResult hour = SyntheticRuns.run(INTERVALS, 1_000, 42);
        System.out.printf(
                Locale.ROOT, "made a %d-interval run in %.0f ms%n", INTERVALS, (System.nanoTime() - made) / 1e6);
        ReportOptions options = ReportOptions.DEFAULT.withInstancePrice(0.192);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long coldCpu = threads.getCurrentThreadCpuTime();
        long cold = System.nanoTime();
        String html = HtmlReport.render(hour, options, Instant.now());
        double coldMillis = (System.nanoTime() - cold) / 1e6;
        double coldCpuMillis = (threads.getCurrentThreadCpuTime() - coldCpu) / 1e6;
        for (int i = 1; i < WARMUP; i++) {
            html = HtmlReport.render(hour, options, Instant.now());
        }
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            html = HtmlReport.render(hour, options, Instant.now());
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double[] jsonMillis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS + WARMUP; i++) {
            long start = System.nanoTime();
            RunResults.toJson(hour);
            if (i >= WARMUP) {
                jsonMillis[i - WARMUP] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(jsonMillis);
        double json = jsonMillis[ROUNDS / 2];
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), html, StandardCharsets.UTF_8);
            System.out.println("wrote " + args[0]);
        }
        System.out.printf(
                Locale.ROOT,
                "HTML report of %d intervals: first render %.0f ms (%.0f ms CPU; fresh JVM, class loading included),"
                        + " then median"
                        + " %.1f ms, worst %.1f ms over %d renders (after %d warm-up), %,d bytes; JDK %s, %d CPUs,"
                        + " load average %.1f%n",
                INTERVALS,
                coldMillis,
                coldCpuMillis,
                millis[ROUNDS / 2],
                millis[ROUNDS - 1],
                ROUNDS,
                WARMUP,
                bytes,
                System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(
                Locale.ROOT,
                "baseline: writing the same result as JSON (RunResults.toJson) takes a median %.1f ms;"
                        + " the report costs %.1fx that%n",
                json,
                millis[ROUNDS / 2] / json);
        System.out.printf(
                Locale.ROOT,
                "RESULT report_ms=%.1f report_first_ms=%.0f report_bytes=%d json_ms=%.1f report_vs_json=%.2f%n",
                millis[ROUNDS / 2],
                coldMillis,
                bytes,
                json,
                millis[ROUNDS / 2] / json);
    }
}
