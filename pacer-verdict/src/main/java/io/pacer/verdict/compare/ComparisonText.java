package io.pacer.verdict.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A comparison as the console shows it: per run a compact table (before, after, change, confidence interval,
 * p-value, verdict), a line stating the confidence and the samples used, the reason behind every verdict other than
 * a plain "unchanged", notes on comparability, and a closing verdict line.
 */
public final class ComparisonText {
    private ComparisonText() {}

    /** The lines for a comparison of two runs. */
    public static List<String> lines(RunComparison comparison) {
        List<String> lines = new ArrayList<>(table(comparison));
        lines.add(closing(List.of(comparison), comparison.settings()));
        return lines;
    }

    /** The lines for a comparison of two suites: one table per scenario, then what could not be compared. */
    public static List<String> lines(SuiteComparison comparison) {
        List<String> lines = new ArrayList<>();
        lines.add("suite '" + comparison.after() + "' against baseline suite '" + comparison.before() + "'");
        for (RunComparison scenario : comparison.scenarios()) {
            lines.add("");
            lines.add("scenario " + scenario.name());
            table(scenario).forEach(line -> lines.add("  " + line));
        }
        if (!comparison.notCompared().isEmpty()) {
            lines.add("");
            comparison.notCompared().forEach(line -> lines.add("not compared: " + line));
        }
        lines.add("");
        lines.add(closing(comparison.scenarios(), comparison.settings()));
        return lines;
    }

    private static List<String> table(RunComparison c) {
        ComparisonSettings s = c.settings();
        List<String> lines = new ArrayList<>();
        lines.add("baseline  " + c.before());
        lines.add("result    " + c.after());
        String ci = Texts.percent(s.confidence()) + " CI";
        String format = "%-11s %12s %12s %9s %18s %9s  %s";
        lines.add(String.format(Locale.ROOT, format, "metric", "before", "after", "change", ci, "p", "verdict"));
        for (MetricComparison m : c.metrics()) {
            lines.add(String.format(
                    Locale.ROOT,
                    format,
                    m.metric().label(),
                    Texts.value(m.before(), m.unit()),
                    Texts.value(m.after(), m.unit()),
                    Double.isNaN(m.before()) || Double.isNaN(m.after()) ? "-" : Texts.change(m.changePercent()),
                    m.ciLowPercent() == null
                            ? "-"
                            : String.format(Locale.ROOT, "%+.1f .. %+.1f %%", m.ciLowPercent(), m.ciHighPercent()),
                    m.pValue() == null ? "-" : Texts.pValue(m.pValue()),
                    word(m.verdict())));
        }
        lines.add(String.format(
                Locale.ROOT,
                "%s confidence, tolerance %s; samples: %d vs %d measured intervals (warm-up excluded)",
                Texts.percent(s.confidence()),
                Texts.percent(s.tolerance()),
                c.beforeIntervals(),
                c.afterIntervals()));
        lines.add(String.format(
                Locale.ROOT,
                "test: Mann-Whitney U on per-interval values; CI: bootstrap (%,d resamples) of the ratio of"
                        + " per-interval medians (means for the error rate)",
                s.resamples()));
        for (MetricComparison m : c.metrics()) {
            if (m.verdict() != ChangeVerdict.UNCHANGED || !m.reason().startsWith("no significant")) {
                lines.add(m.metric().label() + ": " + m.reason());
            }
        }
        c.notes().forEach(note -> lines.add("note: " + note));
        return lines;
    }

    private static String closing(List<RunComparison> runs, ComparisonSettings s) {
        List<String> regressions = new ArrayList<>();
        boolean inconclusive = false;
        for (RunComparison run : runs) {
            for (MetricComparison m : run.metrics()) {
                if (m.verdict() == ChangeVerdict.REGRESSED) {
                    regressions.add((run.name() == null ? "" : run.name() + " ")
                            + m.metric().label() + " " + Texts.change(m.changePercent()));
                }
                inconclusive |= m.verdict() == ChangeVerdict.INCONCLUSIVE;
            }
        }
        if (!regressions.isEmpty()) {
            return "verdict: REGRESSED beyond the " + Texts.percent(s.tolerance()) + " tolerance: "
                    + String.join(", ", regressions);
        }
        String improved = runs.stream()
                .flatMap(r -> r.metrics().stream()
                        .filter(m -> m.verdict() == ChangeVerdict.IMPROVED)
                        .map(m -> (r.name() == null ? "" : r.name() + " ")
                                + m.metric().label() + " " + Texts.change(m.changePercent())))
                .collect(Collectors.joining(", "));
        return "verdict: no regression beyond the " + Texts.percent(s.tolerance()) + " tolerance"
                + (improved.isEmpty() ? "" : "; improved: " + improved)
                + (inconclusive ? "; some metrics inconclusive (see above)" : "");
    }

    private static String word(ChangeVerdict verdict) {
        return verdict == ChangeVerdict.REGRESSED ? "REGRESSED" : verdict.name().toLowerCase(Locale.ROOT);
    }
}
