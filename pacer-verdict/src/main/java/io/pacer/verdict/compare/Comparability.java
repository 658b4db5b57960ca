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
        if (before.stopped()) {
            notes.add("the baseline was stopped before its limit: its figures are those of a partial run");
        }
        if (after.stopped()) {
            notes.add("the result was stopped before its limit: its figures are those of a partial run");
        }
        return notes;
    }

    private static void behind(List<String> notes, String which, RunResult run) {
        if (run.rates().behindSchedule()) {
            notes.add(String.format(
                    Locale.ROOT,
                    "the generator fell behind schedule in the %s (target %s, achieved %s): its latency includes the"
                            + " generator's own lag",
                    which,
                    rate(run.rates().targetRate()),
                    rate(run.rates().achievedRate())));
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
