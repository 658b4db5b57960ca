package io.pacer.verdict.report;

import io.pacer.verdict.compare.MetricComparison;
import io.pacer.verdict.compare.RunComparison;
import io.pacer.verdict.compare.SuiteComparison;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A comparison's verdicts as the reports' rows: the one mapping from {@code io.pacer.verdict.compare} to
 * {@link ComparisonRow}, so that {@code pacer compare --html} and {@code pacer full --baseline --html --junit} show the
 * same figures, units and words. Latency is shown in ms (the comparison computes in µs), throughput per second, the
 * error rate in %; the note says how the verdict was reached — the reason, the bootstrap interval, the test and the
 * samples it used.
 */
public final class ComparisonRows {

    private ComparisonRows() {}

    /** One row per metric of a comparison of two runs, in the comparison's order. */
    public static List<ComparisonRow> of(RunComparison comparison) {
        return comparison.metrics().stream().map(ComparisonRows::row).toList();
    }

    /** The rows of each scenario both suites ran, by scenario name, in the result's order. */
    public static Map<String, List<ComparisonRow>> of(SuiteComparison comparison) {
        Map<String, List<ComparisonRow>> rows = new LinkedHashMap<>();
        for (RunComparison scenario : comparison.scenarios()) {
            rows.put(scenario.name(), of(scenario));
        }
        return rows;
    }

    /** The row of one metric. */
    public static ComparisonRow row(MetricComparison m) {
        boolean latency = m.metric().isLatency();
        String unit = latency ? "ms" : "%".equals(m.unit()) ? "%" : "/s";
        double scale = latency ? 1 / 1000.0 : 1;
        return new ComparisonRow(
                m.metric().label(),
                m.before() * scale,
                m.after() * scale,
                unit,
                m.changePercent(),
                m.verdict().name().toLowerCase(Locale.ROOT),
                note(m));
    }

    private static String note(MetricComparison m) {
        StringBuilder note = new StringBuilder(m.reason());
        if (m.ciLowPercent() != null && m.ciHighPercent() != null) {
            note.append(String.format(
                    Locale.ROOT,
                    "; %s %% CI of the change %+.1f .. %+.1f %%",
                    Format.significant(m.confidence() * 100, 3),
                    m.ciLowPercent(),
                    m.ciHighPercent()));
        }
        note.append("; ")
                .append(m.test())
                .append("; samples: ")
                .append(m.beforeSamples())
                .append(" vs ")
                .append(m.afterSamples())
                .append(" measured intervals");
        return note.toString();
    }
}
