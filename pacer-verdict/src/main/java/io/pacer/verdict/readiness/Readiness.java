package io.pacer.verdict.readiness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Runs readiness checks over one input and makes the report: findings, score and verdict. */
public final class Readiness {

    /** Why a category was not checked, by the input it needs. */
    static final Map<Category, String> NOT_CHECKED = Map.of(
            Category.PRODUCER, "no producer config given (--producer-config)",
            Category.CONSUMER, "no consumer config given (--consumer-config)",
            Category.CLUSTER, "no cluster given (--bootstrap)",
            Category.SECURITY, "no client config or cluster given",
            Category.RESOURCES, "no host or JVM figures given",
            Category.PERFORMANCE, "no quick benchmark run (--quick-bench)");

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::severity)
            .thenComparing(Finding::category)
            .thenComparing(Finding::ruleId);

    private Readiness() {}

    /**
     * Runs every check that applies to {@code input}.
     *
     * @param input what to check
     * @param warnings what reading the inputs warned about, carried into the report
     * @param checks the checks, usually {@link ReadinessChecks#all()}
     * @param policy when the run is not ready
     * @param now the report's time
     */
    public static ReadinessReport run(
            ReadinessInput input,
            List<String> warnings,
            List<ReadinessCheck> checks,
            ReadinessPolicy policy,
            Instant now) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(policy, "policy");
        Set<Category> checked = EnumSet.noneOf(Category.class);
        Set<Category> known = EnumSet.noneOf(Category.class);
        List<Finding> findings = new ArrayList<>();
        for (ReadinessCheck check : checks) {
            known.add(check.category());
            if (check.applies(input)) {
                checked.add(check.category());
                findings.addAll(check.check(input));
            }
        }
        findings.sort(ORDER);
        Map<Category, String> reasons = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            reasons.put(c, known.contains(c) ? NOT_CHECKED.get(c) : "no check for it in this build");
        }
        ReadinessScore score = ReadinessScore.of(findings, checked, reasons);
        return new ReadinessReport(
                ReadinessReport.SCHEMA,
                now,
                input.environment(),
                ReadinessReport.Inputs.of(input),
                warnings,
                findings,
                score,
                verdict(findings, score, policy));
    }

    static ReadinessReport.Verdict verdict(List<Finding> findings, ReadinessScore score, ReadinessPolicy policy) {
        List<String> reasons = new ArrayList<>();
        long failing = findings.stream()
                .filter(f -> f.severity().compareTo(policy.failOn()) <= 0)
                .count();
        if (failing > 0) {
            reasons.add(failing + (failing == 1 ? " finding" : " findings") + " at or above "
                    + policy.failOn().label() + " (--fail-on " + policy.failOn().label() + ")");
        }
        if (score.categories().isEmpty()) {
            reasons.add("nothing was checked");
        } else if (score.overall() < policy.minScore()) {
            reasons.add("score " + score.overall() + " is below --min-score " + policy.minScore());
        }
        return new ReadinessReport.Verdict(reasons.isEmpty(), policy.minScore(), policy.failOn(), reasons);
    }
}
