package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveChecksTest {

    private static final ReadinessInput NOTHING =
            new ReadinessInput(Environment.PRODUCTION, null, null, null, null, null, List.of(), null, null);

    @Test
    void everyRuleIdIsUniqueAndNamedAfterItsCategory() {
        List<String> ids =
                LiveChecks.all().stream().flatMap(c -> c.ruleIds().stream()).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSizeGreaterThan(20);
        for (ReadinessCheck check : LiveChecks.all()) {
            assertThat(check.ruleIds())
                    .allSatisfy(id -> assertThat(id).startsWith(check.category().label() + "."));
        }
    }

    @Test
    void withoutTheirInputNoCheckAppliesOrFindsAnything() {
        assertThat(LiveChecks.all()).allSatisfy(c -> {
            assertThat(c.applies(NOTHING)).isFalse();
            assertThat(c.check(NOTHING)).isEmpty();
        });
    }

    @Test
    void theQuickBenchsFindingsAreScoredAsTheyCame() {
        Finding slow = new Finding(
                "performance.latency-gate", Category.PERFORMANCE, Severity.CRITICAL, "slow", List.of(), "why", "fix");
        ReadinessInput benched = new ReadinessInput(
                Environment.PRODUCTION, null, null, null, null, List.of(slow), List.of(), null, null);
        assertThat(LiveChecks.performance().applies(benched)).isTrue();
        assertThat(LiveChecks.performance().check(benched)).containsExactly(slow);
        ReadinessInput passed =
                new ReadinessInput(Environment.PRODUCTION, null, null, null, null, List.of(), List.of(), null, null);
        assertThat(LiveChecks.performance().applies(passed)).isTrue();
        assertThat(LiveChecks.performance().check(passed)).isEmpty();
    }
}
