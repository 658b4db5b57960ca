package io.pacer.verdict.readiness;

import java.util.List;

/**
 * The {@link Category#PERFORMANCE} findings of a {@code --quick-bench} ({@link QuickBench#run}), scored like every
 * other check's. The bench runs before the checks (it needs the cluster and takes half a minute), so its findings
 * arrive in {@link ReadinessInput#performance()}; without a bench this check does not apply and the category is
 * reported as not checked.
 */
final class PerformanceCheck implements ReadinessCheck {

    @Override
    public Category category() {
        return Category.PERFORMANCE;
    }

    @Override
    public List<String> ruleIds() {
        return QuickBench.RULE_IDS;
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return input.performance() != null;
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        return applies(input) ? input.performance() : List.of();
    }
}
