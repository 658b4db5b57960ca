package io.pacer.cli;

import io.pacer.load.IntervalStats;
import io.pacer.verdict.kafka.tune.Trial;
import io.pacer.verdict.kafka.tune.TuneListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The tune run's progress on stderr: on a terminal one line redrawn in place (bar over the budget, rung, the run
 * going on, the best so far); in a log a line per finished run at most every {@link Progress#LOG_EVERY_MILLIS} ms and
 * one per rung.
 */
final class TuneProgress implements TuneListener {
    private static final int BAR = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private final Duration budget;
    private int rungs;
    private String best = "";
    private double bestRatio;
    private String current;
    private long currentStarted;
    private Duration elapsedAtStart = Duration.ZERO;
    private long lastLogged = -Progress.LOG_EVERY_MILLIS;
    private boolean lineOpen;

    TuneProgress(PrintWriter err, boolean terminal, Duration budget) {
        this.err = err;
        this.terminal = terminal;
        this.budget = budget;
    }

    static TuneProgress forConsole(PrintWriter err, Duration budget) {
        return new TuneProgress(err, Progress.isTerminal(), budget);
    }

    @Override
    public void onPlan(int candidates, int rungCount, Duration firstRun) {
        rungs = rungCount;
        err.println("pacer: tuning: " + candidates + " candidates and Kafka's defaults, " + rungCount
                + " rungs (each keeps the better half), first runs " + Numbers.seconds(firstRun.toMillis())
                + ", budget " + Numbers.seconds(budget.toMillis()));
    }

    @Override
    public void onTrialStart(String candidate, String phase, Duration length, Duration elapsed) {
        current = phase + " " + candidate;
        currentStarted = System.nanoTime();
        elapsedAtStart = elapsed;
        if (terminal) {
            draw(elapsed, phase + " " + candidate + " (" + Numbers.seconds(length.toMillis()) + ")");
        } else if (!phase.startsWith("rung")) {
            err.println("pacer: " + bar(elapsed) + " " + phase + " " + candidate);
        }
    }

    /** On a terminal, the run going on: its latest interval's rate and p99 (display only: wall-clock elapsed). */
    @Override
    public void onInterval(IntervalStats s) {
        if (terminal && current != null) {
            Duration elapsed = elapsedAtStart.plusNanos(System.nanoTime() - currentStarted);
            draw(
                    elapsed,
                    current + (s.warmup() ? " warming up" : "") + ": "
                            + Numbers.rate(s.operationsPerSecond()) + " records/s, p99 "
                            + Numbers.micros(s.latency().p99()));
        }
    }

    @Override
    public void onTrial(Trial trial, Duration elapsed) {
        if (!trial.baseline() && trial.meetsTarget() && (best.isEmpty() || trial.relativeThroughput() > bestRatio)) {
            bestRatio = trial.relativeThroughput();
            best = String.format(
                    Locale.ROOT,
                    "fastest run so far within the target %s (%.2fx defaults)",
                    trial.candidate(),
                    bestRatio);
        }
        String line = String.format(
                Locale.ROOT,
                "rung %d/%d %s: %s records/s, p99 %s%s",
                trial.rung() + 1,
                rungs,
                trial.candidate(),
                Numbers.rate(trial.figures().recordsPerSecond()),
                Numbers.micros(trial.figures().p99Micros()),
                trial.meetsTarget() ? "" : " (misses the target)");
        if (terminal) {
            draw(elapsed, line);
        } else if (elapsed.toMillis() - lastLogged >= Progress.LOG_EVERY_MILLIS) {
            lastLogged = elapsed.toMillis();
            err.println("pacer: " + bar(elapsed) + " " + line);
        }
    }

    @Override
    public void onRungEnd(int rung, List<String> kept) {
        closeLine();
        err.println("pacer: rung " + (rung + 1) + " done, " + best + "; kept " + String.join(", ", kept));
    }

    @Override
    public void onNotice(String message) {
        closeLine();
        err.println("pacer: " + message);
    }

    void finish() {
        closeLine();
        err.flush();
    }

    private void draw(Duration elapsed, String what) {
        err.print("\r\033[2K" + bar(elapsed) + "  " + what);
        err.flush();
        lineOpen = true;
    }

    private String bar(Duration elapsed) {
        double done = Math.max(0, Math.min(1, (double) elapsed.toMillis() / budget.toMillis()));
        int filled = (int) Math.round(done * BAR);
        return "[" + "#".repeat(filled) + ".".repeat(BAR - filled)
                + String.format(Locale.ROOT, "] %3.0f%% %s/%s", done * 100, clock(elapsed), clock(budget));
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private void closeLine() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }
}
