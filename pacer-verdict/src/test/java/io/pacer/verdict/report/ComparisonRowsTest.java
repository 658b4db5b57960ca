package io.pacer.verdict.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.RunResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.compare.ChangeVerdict;
import io.pacer.verdict.compare.Comparisons;
import io.pacer.verdict.compare.Metric;
import io.pacer.verdict.compare.MetricComparison;
import io.pacer.verdict.compare.RunComparison;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one mapping from a comparison's verdicts to the reports' rows: units, scale, words and the evidence. */
class ComparisonRowsTest {

    @Test
    void latencyIsShownInMillisecondsWithTheEvidenceBehindTheVerdict() {
        MetricComparison p99 = new MetricComparison(
                Metric.P99,
                2_900,
                3_400,
                17.24,
                ChangeVerdict.REGRESSED,
                0.001,
                11.0,
                23.04,
                0.95,
                "Mann-Whitney U (two-sided) on per-interval p99",
                30,
                29,
                "significant (p = 0.001) and +17.2 % is beyond the 5 % tolerance");

        ComparisonRow row = ComparisonRows.row(p99);

        assertThat(row)
                .isEqualTo(new ComparisonRow(
                        "p99",
                        2.9,
                        3.4,
                        "ms",
                        17.24,
                        "regressed",
                        "significant (p = 0.001) and +17.2 % is beyond the 5 % tolerance; 95 % CI of the change"
                                + " +11.0 .. +23.0 %; Mann-Whitney U (two-sided) on per-interval p99; samples: 30 vs"
                                + " 29 measured intervals"));
        assertThat(row.regressed()).isTrue();
    }

    @Test
    void throughputIsPerSecondTheErrorRateInPercentAndNothingMeasuredStaysUnknown() {
        MetricComparison throughput = new MetricComparison(
                Metric.THROUGHPUT, 1000, 990, -1.0, ChangeVerdict.UNCHANGED, 0.4, null, null, 0.95, "t", 30, 30, "r");
        MetricComparison errors = new MetricComparison(
                Metric.ERROR_RATE,
                Double.NaN,
                0.5,
                null,
                ChangeVerdict.INCONCLUSIVE,
                null,
                null,
                null,
                0.95,
                "t",
                2,
                2,
                "too few");

        assertThat(ComparisonRows.row(throughput))
                .isEqualTo(new ComparisonRow(
                        "throughput",
                        1000,
                        990,
                        "/s",
                        -1.0,
                        "unchanged",
                        "r; t; samples: 30 vs 30 measured intervals"));
        ComparisonRow error = ComparisonRows.row(errors);
        assertThat(error.unit()).isEqualTo("%");
        assertThat(error.before()).isNaN();
        assertThat(error.changePercent()).isNull();
        assertThat(error.verdict()).isEqualTo("inconclusive");
    }

    @Test
    void aRunComparisonGivesOneRowPerMetricAndASuiteOnePerScenarioItCompared() {
        RunResult before = SyntheticRuns.run(40, 100, 3);
        RunResult after = SyntheticRuns.run(40, 100, 4);
        RunComparison runs = Comparisons.compare(before, after, 0.05);

        assertThat(ComparisonRows.of(runs))
                .extracting(ComparisonRow::metric)
                .containsExactly("throughput", "p50", "p95", "p99", "p99.9", "error rate");
        assertThat(ComparisonRows.of(runs).get(3).before())
                .isEqualTo(before.latency().p99() / 1000.0);

        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        SuiteResult a = new SuiteResult(
                SuiteResult.SCHEMA,
                "s",
                at,
                at,
                List.of(
                        new ScenarioResult("x", "http", before, List.of(), null, null),
                        new ScenarioResult("y", "http", null, List.of(), null, "down")));
        SuiteResult b = new SuiteResult(
                SuiteResult.SCHEMA,
                "s",
                at,
                at,
                List.of(
                        new ScenarioResult("x", "http", after, List.of(), null, null),
                        new ScenarioResult("y", "http", after, List.of(), null, null)));
        Map<String, List<ComparisonRow>> rows = ComparisonRows.of(Comparisons.compare(a, b, 0.05));

        assertThat(rows).containsOnlyKeys("x");
        assertThat(rows.get("x")).isEqualTo(ComparisonRows.of(runs));
    }
}
