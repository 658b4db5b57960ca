package io.pacer.verdict.compare;

import java.util.List;
import java.util.Objects;

/**
 * A baseline suite result against a result suite, scenario by scenario, matched by name.
 *
 * @param before the baseline suite's name
 * @param after the result suite's name
 * @param settings tolerance, confidence and the rest the verdicts were reached with
 * @param scenarios one comparison per scenario both suites ran to the end, in the result's order
 * @param notCompared one line per scenario that could not be compared and why ({@code stress: only in the baseline},
 *     {@code soak: did not run in the result: ...})
 */
public record SuiteComparison(
        String before,
        String after,
        ComparisonSettings settings,
        List<RunComparison> scenarios,
        List<String> notCompared) {

    public SuiteComparison {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(settings, "settings");
        scenarios = List.copyOf(scenarios);
        notCompared = List.copyOf(notCompared);
    }

    /** Whether some metric of some scenario regressed beyond the tolerance. */
    public boolean regressed() {
        return scenarios.stream().anyMatch(RunComparison::regressed);
    }

    /** The comparison of the scenario {@code name}. */
    public RunComparison scenario(String name) {
        return scenarios.stream()
                .filter(s -> name.equals(s.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no comparison of scenario '" + name + "'"));
    }
}
