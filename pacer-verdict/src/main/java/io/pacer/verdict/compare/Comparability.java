package io.pacer.verdict.compare;

import io.pacer.load.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What makes two runs less comparable than they look: a comparison still runs, but its reader should know that the
 * workload, the machine or the generator differed.
 */
final class Comparability {
    /** Lag-1 autocorrelation above which intervals are noted as drifting. */
    private static final double DRIFT = 0.5;

    private Comparability() {}

    static List<String> notes(RunResult before, RunResult after) {
        List<String> notes = new ArrayList<>();
        differ(notes, "drivers", before.driver(), after.driver());
        RunResult.Settings b = before.settings();
        RunResult.Settings a = after.settings();
        differ(notes, "pacings", b.pacing(), a.pacing());
        if (b.pacing().equals(a.pacing()) && !close(b.ratePerSecond(), a.ratePerSecond())) {
            notes.add(String.format(
                    Locale.ROOT, "target rates differ: %s vs %s", rate(b.ratePerSecond()), rate(a.ratePerSecond())));
        }
        if (b.users() != a.users()) {
            notes.add("users differ: " + b.users() + " vs " + a.users());
        }
        if (b.intervalMillis() != a.intervalMillis()) {
            notes.add("interval lengths differ: " + b.intervalMillis() + " ms vs " + a.intervalMillis()
                    + " ms (per-interval spreads are not alike)");
        }
        RunResult.Environment eb = before.environment();
        RunResult.Environment ea = after.environment();
        if (eb != null && ea != null) {
            differ(notes, "hosts", eb.hostname(), ea.hostname());
            if (eb.cpus() != ea.cpus()) {
                notes.add("CPUs differ: " + eb.cpus() + " vs " + ea.cpus());
            }
            differ(notes, "JDKs", eb.javaVersion(), ea.javaVersion());
        }
        behind(notes, "baseline", before);
        behind(notes, "result", after);
        drift(notes, "baseline", before);
        drift(notes, "result", after);
        if (before.stopped()) {
            notes.add("the baseline was stopped before its limit: its figures are those of a partial run");
        }
        if (after.stopped()) {
            notes.add("the result was stopped before its limit: its figures are those of a partial run");
        }
        return notes;
    }

    /**
     * The U test takes intervals as independent samples; when each interval's median is much like the one before
     * (a trend, a slow phase spanning many intervals), they are not, and the p-values are optimistic.
     */
    private static void drift(List<String> notes, String which, RunResult run) {
        double[] medians = MetricComparator.samples(Metric.P50, Comparisons.measured(run));
        double r = lagOneAutocorrelation(medians);
        if (medians.length >= 10 && r > DRIFT) {
            notes.add(String.format(
                    Locale.ROOT,
                    "the %s's per-interval p50 drifts (lag-1 autocorrelation %.2f): its intervals are not independent,"
                            + " so the p-values are optimistic; a longer or steadier run helps",
                    which,
                    r));
        }
    }

    /** The lag-1 autocorrelation of {@code x}; 0 for fewer than 3 values or no variance. */
    static double lagOneAutocorrelation(double[] x) {
        if (x.length < 3) {
            return 0;
        }
        double mean = Bootstrap.mean(x);
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean;
            denominator += d * d;
            if (i > 0) {
                numerator += d * (x[i - 1] - mean);
            }
        }
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private static void behind(List<String> notes, String which, RunResult run) {
        if (run.rates().behindSchedule()) {
            notes.add(String.format(
                    Locale.ROOT,
                    "the generator fell behind schedule in the %s (operations started up to %s late): its latency"
                            + " includes the generator's own lag",
                    which,
                    Texts.micros(run.rates().maxScheduleLagMicros())));
        }
    }

    private static void differ(List<String> notes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            notes.add(what + " differ: '" + before + "' vs '" + after + "'");
        }
    }

    private static boolean close(double x, double y) {
        return Math.abs(x - y) <= 0.01 * Math.max(Math.abs(x), Math.abs(y));
    }

    private static String rate(double perSecond) {
        return perSecond <= 0 ? "none" : Texts.value(perSecond, "ops/s");
    }
}
