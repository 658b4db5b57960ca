package io.pacer.cli;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Workload;
import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * Live progress on stderr: on a terminal one line redrawn in place (bar, elapsed, throughput, p99, failures); in a
 * log (CI) a plain line every {@link #LOG_EVERY_MILLIS} ms so logs stay short. Notices always get a line of their own.
 */
final class Progress implements RunListener {
    static final long LOG_EVERY_MILLIS = 5_000;
    private static final int BAR = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private final long durationMillis;
    private final long operationsLimit;
    private long measuredMillis;
    private long measuredOperations;
    private long failed;
    private long sinceLastLine;
    private boolean lineOpen;

    Progress(PrintWriter err, boolean terminal, Workload workload) {
        this.err = err;
        this.terminal = terminal;
        this.durationMillis = workload.limit().duration().toMillis();
        this.operationsLimit = workload.limit().operations();
    }

    static Progress forConsole(PrintWriter err, Workload workload) {
        return new Progress(err, isTerminal(), workload);
    }

    @Override
    public void onInterval(IntervalStats s) {
        if (!s.warmup()) {
            measuredMillis += s.lengthMillis();
            measuredOperations += s.operations();
        }
        failed += s.failed();
        String phase = s.warmup()
                ? "warm-up " + Numbers.seconds(s.offsetMillis() + s.lengthMillis())
                : bar() + " " + elapsed();
        String target = s.targetRate() > 0 ? " (target " + Numbers.rate(s.targetRate()) + ")" : "";
        String line = String.format(
                Locale.ROOT,
                "%s  %s ops/s%s  %s MB/s  p99 %s  failed %s",
                phase,
                Numbers.rate(s.operationsPerSecond()),
                target,
                Numbers.mb(s.megabytesPerSecond()),
                Numbers.micros(s.latency().p99()),
                Numbers.count(failed));
        if (terminal) {
            err.print("\r\033[2K" + line);
            lineOpen = true;
            err.flush();
            return;
        }
        sinceLastLine += s.lengthMillis();
        if (sinceLastLine >= LOG_EVERY_MILLIS) {
            sinceLastLine = 0;
            err.println("pacer: " + line);
        }
    }

    @Override
    public void onWarmupEnd(RunResult.WarmupSummary warmup) {
        closeLine();
        err.println("pacer: warm-up over after " + Numbers.seconds(warmup.durationMillis()) + " (" + warmup.ended()
                + "), " + Numbers.count(warmup.counts().operations()) + " operations excluded from the results");
    }

    @Override
    public void onNotice(String message) {
        closeLine();
        err.println("pacer: " + message);
    }

    /** Ends the progress line before the summary is printed. */
    void finish() {
        closeLine();
        err.flush();
    }

    private void closeLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    private String elapsed() {
        return durationMillis > 0
                ? Numbers.seconds(measuredMillis) + "/" + Numbers.seconds(durationMillis)
                : Numbers.count(measuredOperations) + (operationsLimit > 0 ? "/" + Numbers.count(operationsLimit) : "")
                        + " ops";
    }

    private String bar() {
        double done = durationMillis > 0
                ? (double) measuredMillis / durationMillis
                : operationsLimit > 0 ? (double) measuredOperations / operationsLimit : 0;
        done = Math.max(0, Math.min(1, done));
        int filled = (int) Math.round(done * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled)
                + String.format(Locale.ROOT, "] %3.0f%%", done * 100);
    }

    /** A real terminal: JDK 22+ may hand out a Console for redirected streams too, so ask it when it can tell. */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }
}
