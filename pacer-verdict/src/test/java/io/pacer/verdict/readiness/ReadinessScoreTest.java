package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessScoreTest {

    private static Finding finding(String id, Category category, Severity severity) {
        return new Finding(id, category, severity, id, List.of(), "why", "fix");
    }

    /** The worked example of docs/readiness.md, number for number. */
    @Test
    void theDocumentedExample() {
        List<Finding> findings = List.of(
                finding("producer.acks-not-all", Category.PRODUCER, Severity.CRITICAL),
                finding("producer.idempotence-silently-disabled", Category.PRODUCER, Severity.WARNING),
                finding("producer.compression-none", Category.PRODUCER, Severity.WARNING),
                finding("consumer.auto-offset-reset-latest", Category.CONSUMER, Severity.WARNING),
                finding("consumer.fetch-max-below-partition-fetch", Category.CONSUMER, Severity.INFO),
                finding("security.plaintext", Category.SECURITY, Severity.CRITICAL),
                finding("security.plaintext", Category.SECURITY, Severity.CRITICAL));
        ReadinessScore score = ReadinessScore.of(
                findings,
                EnumSet.of(Category.PRODUCER, Category.CONSUMER, Category.SECURITY),
                Map.of(Category.CLUSTER, "no cluster given (--bootstrap)"));
        assertThat(score.categories())
                .extracting(c -> c.category().label() + " " + c.score() + " w" + c.weight() + " -" + c.deducted())
                .containsExactly("producer 40 w25 -60", "consumer 90 w20 -10", "security 20 w15 -80");
        assertThat(score.weightedSum()).isEqualTo(25 * 40 + 20 * 90 + 15 * 20).isEqualTo(3100);
        assertThat(score.weightTotal()).isEqualTo(60);
        assertThat(score.overall()).isEqualTo(52); // 3100 / 60 = 51.67, half up
        assertThat(score.notChecked())
                .extracting(n -> n.category().label() + ": " + n.reason())
                .containsExactly(
                        "cluster: no cluster given (--bootstrap)",
                        "resources: not checked",
                        "performance: not checked");
        assertThat(score.categories().get(1).deductions())
                .containsExactly(
                        new ReadinessScore.Deduction("consumer.auto-offset-reset-latest", Severity.WARNING, 10),
                        new ReadinessScore.Deduction("consumer.fetch-max-below-partition-fetch", Severity.INFO, 0));
    }

    @Test
    void aCategoryStopsAtZeroButKeepsItsDeductions() {
        List<Finding> findings = List.of(
                finding("a", Category.PRODUCER, Severity.CRITICAL),
                finding("b", Category.PRODUCER, Severity.CRITICAL),
                finding("c", Category.PRODUCER, Severity.CRITICAL));
        ReadinessScore score = ReadinessScore.of(findings, EnumSet.of(Category.PRODUCER), Map.of());
        assertThat(score.categories().get(0).score()).isZero();
        assertThat(score.categories().get(0).deducted()).isEqualTo(120);
        assertThat(score.overall()).isZero();
    }

    @Test
    void onlyCheckedCategoriesAreWeighedAndHalvesRoundUp() {
        // consumer 100 (weight 20), security 90 (weight 15): 3350 / 35 = 95.71 -> 96
        ReadinessScore score = ReadinessScore.of(
                List.of(finding("s", Category.SECURITY, Severity.WARNING)),
                EnumSet.of(Category.CONSUMER, Category.SECURITY),
                Map.of());
        assertThat(score.overall()).isEqualTo(96);
        // producer 20 (two criticals, weight 25), security 0 (three criticals, weight 15): 500 / 40 = 12.5 -> 13
        ReadinessScore half = ReadinessScore.of(
                List.of(
                        finding("p1", Category.PRODUCER, Severity.CRITICAL),
                        finding("p2", Category.PRODUCER, Severity.CRITICAL),
                        finding("s1", Category.SECURITY, Severity.CRITICAL),
                        finding("s2", Category.SECURITY, Severity.CRITICAL),
                        finding("s3", Category.SECURITY, Severity.CRITICAL)),
                EnumSet.of(Category.PRODUCER, Category.SECURITY),
                Map.of());
        assertThat(half.weightedSum()).isEqualTo(500);
        assertThat(half.overall()).isEqualTo(13);
    }

    @Test
    void nothingCheckedScoresZero() {
        ReadinessScore score = ReadinessScore.of(List.of(), EnumSet.noneOf(Category.class), Map.of());
        assertThat(score.overall()).isZero();
        assertThat(score.notChecked()).hasSize(Category.values().length);
    }
}
