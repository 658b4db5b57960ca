package io.pacer.verdict.compare;

import java.util.List;
import java.util.Objects;

/**
 * A baseline run against a result run, metric by metric: the before/after page of a report.
 *
 * @param name the scenario's name when the runs are scenarios of suites; null for plain runs
 * @param before what the baseline ran (its driver) and when
 * @param after what the result ran and when
 * @param settings tolerance, confidence and the rest the verdicts were reached with
 * @param beforeIntervals measured intervals of the baseline (warm-up and a short last interval excluded)
 * @param afterIntervals measured intervals of the result
 * @param metrics one comparison per {@link Metric}, in its order
 * @param notes what makes the two runs less comparable (different settings, machines, a generator behind schedule)
 */
public record RunComparison(
        String name,
        String before,
        String after,
        ComparisonSettings settings,
        int beforeIntervals,
        int afterIntervals,
        List<MetricComparison> metrics,
        List<String> notes) {

    public RunComparison {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(settings, "settings");
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /** Whether some metric regressed beyond the tolerance. */
    public boolean regressed() {
        return metrics.stream().anyMatch(m -> m.verdict() == ChangeVerdict.REGRESSED);
    }

    /**
     * The run's verdict: regressed when a metric regressed; else improved when one improved; else inconclusive when
     * every metric was; else unchanged.
     */
    public ChangeVerdict verdict() {
        if (regressed()) {
            return ChangeVerdict.REGRESSED;
        }
        if (metrics.stream().anyMatch(m -> m.verdict() == ChangeVerdict.IMPROVED)) {
            return ChangeVerdict.IMPROVED;
        }
        if (!metrics.isEmpty() && metrics.stream().allMatch(m -> m.verdict() == ChangeVerdict.INCONCLUSIVE)) {
            return ChangeVerdict.INCONCLUSIVE;
        }
        return ChangeVerdict.UNCHANGED;
    }

    /** The comparison of {@code metric}. */
    public MetricComparison metric(Metric metric) {
        return metrics.stream()
                .filter(m -> m.metric() == metric)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no comparison of " + metric));
    }
}
