package io.pacer.verdict.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console form: the table, the confidence and samples line, reasons, and a closing verdict. */
class ComparisonTextTest {
    private static final SyntheticRuns SHAPE = SyntheticRuns.typical(30);

    @Test
    void aRegressionIsTabledExplainedAndNamedInTheVerdict() {
        List<String> lines = ComparisonText.lines(Comparisons.compare(SHAPE.run(1, 1.0), SHAPE.run(2, 1.2), 0.05));

        assertThat(lines.get(2)).matches("metric +before +after +change +95 % CI +p +verdict");
        assertThat(lines.get(3)).matches("throughput +[\\d,]+/s +[\\d,]+/s +[+-]\\d+\\.\\d % .+ unchanged");
        assertThat(lines.get(6)).matches("p99 +\\d\\.\\d\\d ms +\\d\\.\\d\\d ms +\\+\\d\\d\\.\\d % .+ REGRESSED");
        assertThat(lines)
                .contains("95 % confidence, tolerance 5 %; samples: 30 vs 30 measured intervals (warm-up excluded)")
                .anyMatch(l -> l.matches(
                        "p99: significant \\(p [<=] .+\\) and \\+\\d\\d\\.\\d % is beyond the 5 %" + " tolerance"));
        assertThat(lines.get(lines.size() - 1))
                .startsWith("verdict: REGRESSED beyond the 5 % tolerance: p50 +")
                .contains(", p99 +");
    }

    @Test
    void noRegressionSaysSoAndNamesImprovementsAndInconclusiveMetrics() {
        SyntheticRuns shortRuns = SyntheticRuns.typical(5);

        assertThat(ComparisonText.lines(Comparisons.compare(SHAPE.run(1, 1.2), SHAPE.run(2, 1.0), 0.05)))
                .last()
                .asString()
                .startsWith("verdict: no regression beyond the 5 % tolerance; improved: p50 -");
        assertThat(ComparisonText.lines(Comparisons.compare(shortRuns.run(1, 1.0), shortRuns.run(2, 1.0), 0.05)))
                .contains("verdict: no regression beyond the 5 % tolerance; some metrics inconclusive (see above)")
                .anyMatch(l -> l.startsWith("p99: too few measured intervals: 5 vs 5"));
    }

    @Test
    void aSuiteHasATablePerScenarioAndListsWhatWasNotCompared() {
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        SuiteResult before = new SuiteResult(
                SuiteResult.SCHEMA,
                "built-in",
                at,
                at,
                List.of(
                        new ScenarioResult("baseline", "http", SHAPE.run(1, 1.0), List.of(), null, null),
                        new ScenarioResult("stress", "http", SHAPE.run(3, 1.0), List.of(), null, null)));
        SuiteResult after = new SuiteResult(
                SuiteResult.SCHEMA,
                "built-in",
                at,
                at,
                List.of(new ScenarioResult("baseline", "http", SHAPE.run(2, 1.0), List.of(), null, null)));

        List<String> lines = ComparisonText.lines(Comparisons.compare(before, after, 0.05));

        assertThat(lines.get(0)).isEqualTo("suite 'built-in' against baseline suite 'built-in'");
        assertThat(lines).contains("scenario baseline", "not compared: stress: only in the baseline");
        assertThat(lines).anyMatch(l -> l.matches("  p99 +\\d.+"));
        assertThat(lines.get(lines.size() - 1)).startsWith("verdict: no regression beyond the 5 % tolerance");
    }
}
