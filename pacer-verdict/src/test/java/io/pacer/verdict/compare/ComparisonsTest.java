package io.pacer.verdict.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.IntervalStats;
import io.pacer.load.RunResult;
import io.pacer.metrics.Percentiles;
import io.pacer.verdict.CapacityResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verdicts per metric: direction, tolerance, too few samples, warm-up skipped, error rates, suites by name. */
class ComparisonsTest {
    private static final SyntheticRuns SHAPE = SyntheticRuns.typical(30);

    @ParameterizedTest(name = "latency x{0}, throughput x{1}, tolerance {2}: {3} {4}")
    @CsvSource({
        "1.0, 1.0, 0.05, P99,        UNCHANGED",
        "1.2, 1.0, 0.05, P50,        REGRESSED",
        "1.2, 1.0, 0.05, P99,        REGRESSED",
        "1.2, 1.0, 0.25, P99,        UNCHANGED",
        "0.8, 1.0, 0.05, P95,        IMPROVED",
        "1.0, 0.8, 0.05, THROUGHPUT, REGRESSED",
        "1.0, 1.2, 0.05, THROUGHPUT, IMPROVED",
        "1.0, 1.2, 0.05, P50,        UNCHANGED",
    })
    void eachMetricIsJudgedInItsOwnDirection(
            double latency, double throughput, double tolerance, Metric metric, ChangeVerdict expected) {
        RunResult before = SHAPE.run(1, 1.0, 1.0);
        RunResult after = SHAPE.run(2, latency, throughput);

        MetricComparison m = Comparisons.compare(before, after, tolerance).metric(metric);

        assertThat(m.verdict()).as(m.reason()).isEqualTo(expected);
        assertThat(m.beforeSamples()).isEqualTo(30);
        assertThat(m.afterSamples()).isEqualTo(30);
        assertThat(m.confidence()).isEqualTo(0.95);
        assertThat(m.changePercent()).isEqualTo((m.after() - m.before()) / m.before() * 100);
    }

    @Test
    void aSignificantChangeWithinTheToleranceSaysSo() {
        MetricComparison m =
                Comparisons.compare(SHAPE.run(1, 1.0), SHAPE.run(2, 1.2), 0.25).metric(Metric.P50);

        assertThat(m.verdict()).isEqualTo(ChangeVerdict.UNCHANGED);
        assertThat(m.pValue()).isLessThan(0.05);
        assertThat(m.reason())
                .matches("significant \\(p [=<] .+\\) but \\+[12][0-9]\\.\\d % is within the 25 % tolerance");
        assertThat(m.ciLowPercent()).isGreaterThan(10);
        assertThat(m.ciHighPercent()).isLessThan(30);
    }

    @Test
    void tooFewIntervalsIsInconclusiveAndNeverARegression() {
        SyntheticRuns shortRun = SyntheticRuns.typical(5);

        RunComparison comparison = Comparisons.compare(shortRun.run(1, 1.0), shortRun.run(2, 2.0), 0.05);

        assertThat(comparison.regressed()).isFalse();
        assertThat(comparison.verdict()).isEqualTo(ChangeVerdict.INCONCLUSIVE);
        MetricComparison p99 = comparison.metric(Metric.P99);
        assertThat(p99.verdict()).isEqualTo(ChangeVerdict.INCONCLUSIVE);
        assertThat(p99.pValue()).isNull();
        assertThat(p99.changePercent()).isGreaterThan(50);
        assertThat(p99.reason())
                .isEqualTo("too few measured intervals: 5 vs 5 (a verdict needs at least 10 per side; run longer or"
                        + " use a shorter --interval)");
    }

    @Test
    void warmupIntervalsAreNotSamples() {
        RunResult before = SHAPE.withWarmupIntervals(0).run(1, 1.0);
        RunResult after = SHAPE.withWarmupIntervals(20).run(2, 1.0);

        RunComparison comparison = Comparisons.compare(before, after, 0.05);

        assertThat(comparison.afterIntervals()).isEqualTo(30);
        assertThat(comparison.verdict()).isEqualTo(ChangeVerdict.UNCHANGED);
    }

    @Test
    void errorsWhereThereWereNoneAreANewRegression() {
        RunComparison comparison =
                Comparisons.compare(SHAPE.run(1, 1.0), SHAPE.withErrorRate(0.02).run(2, 1.0), 0.05);

        MetricComparison errors = comparison.metric(Metric.ERROR_RATE);
        assertThat(errors.verdict()).isEqualTo(ChangeVerdict.REGRESSED);
        assertThat(errors.changePercent()).isNull();
        assertThat(errors.before()).isZero();
        assertThat(errors.after()).isBetween(1.5, 2.5);
        assertThat(errors.ciLowPercent()).isNull();
        assertThat(errors.reason()).contains("new is beyond the 5 % tolerance");
        assertThat(Comparisons.compare(SHAPE.run(1, 1.0), SHAPE.run(2, 1.0), 0.05)
                        .metric(Metric.ERROR_RATE)
                        .changePercent())
                .isZero();
    }

    @Test
    void theSameInputsGiveTheSameComparison() {
        RunResult before = SHAPE.run(1, 1.0);
        RunResult after = SHAPE.run(2, 1.07);

        assertThat(Comparisons.compare(before, after, 0.05)).isEqualTo(Comparisons.compare(before, after, 0.05));
    }

    @Test
    void comparabilityIsNoted() {
        RunResult before = SHAPE.run(1, 1.0);
        RunResult other = SHAPE.run(2, 1.0);
        RunResult after = new RunResult(
                other.schema(),
                other.toolVersion(),
                "http GET /",
                other.settings(),
                other.environment(),
                other.warmup(),
                other.intervals(),
                other.latency(),
                other.histogram(),
                other.labels(),
                other.counts(),
                other.errors(),
                other.statuses(),
                other.rates(),
                other.accounting(),
                other.driverSummary(),
                true,
                other.notices());

        assertThat(Comparisons.compare(before, after, 0.05).notes())
                .containsExactly(
                        "drivers differ: 'synthetic' vs 'http GET /'",
                        "the result was stopped before its limit: its figures are those of a partial run");
    }

    @Test
    void suitesAreComparedScenarioByScenarioByName() {
        SuiteResult before = suite(
                scenario("baseline", SHAPE.run(1, 1.0)),
                scenario("stress", SHAPE.run(3, 1.0)),
                scenario("soak", SHAPE.run(5, 1.0)));
        SuiteResult after = suite(
                scenario("stress", SHAPE.run(4, 1.3)),
                scenario("baseline", SHAPE.run(2, 1.0)),
                new ScenarioResult("soak", "kafka produce", null, List.of(), null, "cannot reach Kafka"),
                scenario("end-to-end", SHAPE.run(6, 1.0)));

        SuiteComparison comparison = Comparisons.compare(before, after, 0.05);

        assertThat(comparison.scenarios()).extracting(RunComparison::name).containsExactly("stress", "baseline");
        assertThat(comparison.scenario("stress").verdict()).isEqualTo(ChangeVerdict.REGRESSED);
        assertThat(comparison.scenario("baseline").verdict()).isEqualTo(ChangeVerdict.UNCHANGED);
        assertThat(comparison.regressed()).isTrue();
        assertThat(comparison.notCompared())
                .containsExactly(
                        "soak: did not run in the result: cannot reach Kafka", "end-to-end: only in the result");
    }

    @Test
    void aCapacitySearchesFindingIsNoted() {
        ScenarioResult before = new ScenarioResult(
                "stress",
                "kafka produce",
                SHAPE.run(1, 1.0),
                List.of(),
                new CapacityResult(5000, null, "system", List.of()),
                null);
        ScenarioResult after = new ScenarioResult(
                "stress",
                "kafka produce",
                SHAPE.run(2, 1.0),
                List.of(),
                new CapacityResult(4500, null, "system", List.of()),
                null);

        SuiteComparison comparison = Comparisons.compare(suite(before), suite(after), 0.05);

        assertThat(comparison.scenario("stress").notes())
                .containsExactly("capacity 5,000/s -> 4,500/s (-10.0 %; one figure per run, not tested; the metrics"
                        + " compare the last step that met every gate)");
    }

    @Test
    void driftingIntervalsAreNoted() {
        RunResult steady = SHAPE.run(1, 1.0);
        List<IntervalStats> drifting = steady.intervals().stream()
                .map(i -> i.warmup()
                        ? i
                        : new IntervalStats(
                                i.index(),
                                i.offsetMillis(),
                                i.lengthMillis(),
                                false,
                                i.started(),
                                i.operations(),
                                i.ok(),
                                i.failed(),
                                i.records(),
                                i.bytes(),
                                i.operationsPerSecond(),
                                i.recordsPerSecond(),
                                i.megabytesPerSecond(),
                                i.targetRate(),
                                i.startRate(),
                                i.maxScheduleLagMicros(),
                                new Percentiles(
                                        i.latency().count(),
                                        i.latency().mean(),
                                        1_000 + 100L * i.index(),
                                        i.latency().p90(),
                                        i.latency().p95(),
                                        i.latency().p99(),
                                        i.latency().p999(),
                                        i.latency().max()),
                                i.gauges()))
                .toList();
        RunResult after = new RunResult(
                steady.schema(),
                steady.toolVersion(),
                steady.driver(),
                steady.settings(),
                steady.environment(),
                steady.warmup(),
                drifting,
                steady.latency(),
                steady.histogram(),
                steady.labels(),
                steady.counts(),
                steady.errors(),
                steady.statuses(),
                steady.rates(),
                steady.accounting(),
                steady.driverSummary(),
                false,
                steady.notices());

        assertThat(Comparisons.compare(steady, after, 0.05).notes())
                .singleElement()
                .asString()
                .startsWith("the result's per-interval p50 drifts (lag-1 autocorrelation 0.9");
        assertThat(Comparability.lagOneAutocorrelation(new double[] {1, 1, 1})).isZero();
    }

    private static ScenarioResult scenario(String name, RunResult run) {
        return new ScenarioResult(name, "kafka produce", run, List.of(), null, null);
    }

    private static SuiteResult suite(ScenarioResult... scenarios) {
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        return new SuiteResult(SuiteResult.SCHEMA, "built-in", at, at.plusSeconds(180), List.of(scenarios));
    }
}
