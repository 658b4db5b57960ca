package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.metrics.Percentiles;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one gate syntax: what it reads, what it refuses and how it says so, and every figure it can bound. */
class GateSyntaxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "p95<500ms                | p95 < 500 ms",
                "p95 < 0.5s               | p95 < 500 ms",
                "p99<=800us               | p99 <= 0.8 ms",
                "p99.9<2s                 | p99.9 < 2000 ms",
                "max<1m                   | max < 60000 ms",
                "p50 < 1_000 ms           | p50 < 1000 ms",
                "errors<1%                | errors < 1%",
                "errors <= 0.5 %          | errors <= 0.5%",
                "throughput>=1000/s       | throughput >= 1000/s",
                "throughput>1e3           | throughput > 1000/s",
                "records_per_s>=50000/s   | records_per_s >= 50000/s",
                "lost=0                   | lost = 0",
                "duplicated==0            | duplicated = 0",
                "failed<10                | failed < 10",
                "lag<=5000                | lag <= 5000",
                "p99_drift<20%            | p99_drift < 20%",
                "heap_drift<10%           | heap_drift < 10%",
                "p99[checkout]<20ms       | p99[checkout] < 20 ms",
                "errors[ GET /a ]<2%      | errors[GET /a] < 2%",
                "throughput[put]>=10/s    | throughput[put] >= 10/s",
                "failed[put]=0            | failed[put] = 0",
                "summary.rebalances<=1    | summary.rebalances <= 1",
            })
    void gatesReadAsWrittenWithTheirBoundInTheFiguresUnit(String text, String canonical) {
        assertThat(Gate.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "p95 500ms     | gate 'p95 500ms' must be METRIC[LABEL] OP BOUND with OP one of < <= = >= >, e.g.",
                "<5ms          | gate '<5ms' must be METRIC[LABEL] OP BOUND",
                "p96<5ms       | gate 'p96<5ms': unknown metric 'p96'; valid metrics are p50, p90, p95, p99, p99.9,"
                        + " max, throughput, records_per_s, errors, failed, lost, duplicated, missing, lag, p99_drift,"
                        + " heap_drift, summary.NAME",
                "p95<500       | gate 'p95<500': bound '500' must be a latency with its unit, e.g. 500ms, 2s or 800us",
                "p95<fast      | gate 'p95<fast': bound 'fast' must be a latency with its unit",
                "p95<5 parsecs | bound '5 parsecs' must be a latency with its unit",
                "errors<1      | gate 'errors<1': bound '1' must be a percentage, e.g. 1% or 0.5%",
                "throughput>1k | bound '1k' must be a rate per second, e.g. 1000/s or 1000",
                "lost=0ms      | gate 'lost=0ms': bound '0ms' must be a number of records, e.g. 0 or 10",
                "lost<-1       | bound '-1' must be a number of records",
                "p95<          | bound '' must be a latency with its unit",
                "lost[a]=0     | gate 'lost[a]=0': metric 'lost' has no per-label figure; per-label metrics are p50,",
                "p99[]<5ms     | the label of metric 'p99' must not be blank",
                "summary.x[a]<1| metric 'summary.x' has no per-label figure",
            })
    void badGatesAreRefusedSayingWhatToWriteInstead(String text, String message) {
        assertThatThrownBy(() -> Gate.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyFigureReadsItsValueFromARunInItsUnit() {
        RunResult r = run();
        Map<String, Double> expected = Map.ofEntries(
                Map.entry("p50", 1.0),
                Map.entry("p90", 2.0),
                Map.entry("p95", 3.0),
                Map.entry("p99", 4.5),
                Map.entry("p99.9", 6.0),
                Map.entry("max", 9.0),
                Map.entry("throughput", 100.0),
                Map.entry("records_per_s", 100.0),
                Map.entry("errors", 1.0),
                Map.entry("failed", 10.0),
                Map.entry("lag", 70.0),
                Map.entry("p99_drift", 100.0),
                Map.entry("heap_drift", 0.0));
        for (String name : Figure.metricNames()) {
            OptionalDouble value = Figure.named(name, null).in(r);
            if (name.equals("lost") || name.equals("duplicated")) {
                assertThat(value).as(name + " without record accounting").isEmpty();
            } else if (name.equals("missing")) {
                assertThat(value).as("missing shares of a run of one process").isEmpty();
            } else {
                assertThat(value).as(name).hasValue(expected.get(name));
            }
        }
        assertThat(Figure.named("summary.rebalances", null).in(r)).hasValue(2.0);
        assertThat(Figure.named("summary.absent", null).in(r)).isEmpty();
        assertThat(Figure.named("p99", "put").in(r)).hasValue(0.25);
        assertThat(Figure.named("throughput", "put").in(r)).hasValue(40.0);
        assertThat(Figure.named("errors", "put").in(r)).hasValue(25.0);
        assertThat(Figure.named("failed", "put").in(r)).hasValue(100.0);
        assertThat(Figure.named("p99", "absent").in(r)).isEmpty();
        assertThat(Figure.named("errors", "absent").in(r)).isEmpty();
    }

    @Test
    void aGateOnAFigureTheRunDidNotMeasureIsNeverMet() {
        Gate.Check check = Gate.parse("lost=0").check(run());
        assertThat(check.passed()).as("lenient reading for the default gates").isTrue();
        assertThat(check.met()).isFalse();
        assertThat(check).hasToString("lost records: not measured");
        Gate.Check required = Gate.parse("lost=0").require(run());
        assertThat(required.passed()).isFalse();
        assertThat(required.met()).isFalse();
        assertThat(Gate.parse("p99[nope]<1s").require(run())).hasToString("p99[nope]: not measured");
        Verdict verdict = Verdict.of(
                run(),
                List.of(new Gate(Figure.LOST, Gate.Comparison.EQUAL, 0)),
                List.of(Gate.parse("duplicated=0"), Gate.parse("p99<5ms")));
        assertThat(verdict.failures())
                .extracting(Gate.Check::toString)
                .containsExactly("duplicated records: not measured");
    }

    @Test
    void measuresAreReportedWithTheirUnitAndCountsWithTheirNoun() {
        RunResult r = run();
        assertThat(Gate.parse("p99<4ms").check(r)).hasToString("p99: 4.5 ms, must be < 4 ms");
        assertThat(Gate.parse("errors<0.5%").check(r)).hasToString("errors: 1%, must be < 0.5%");
        assertThat(Gate.parse("throughput>=1000/s").check(r)).hasToString("throughput: 100/s, must be >= 1000/s");
        assertThat(Gate.parse("failed=0").check(r)).hasToString("failed operations: 10, must be 0");
        assertThat(Gate.parse("summary.rebalances<1").check(r)).hasToString("summary.rebalances: 2, must be < 1");
        assertThat(Gate.parse("p99<5ms").check(r).met()).isTrue();
    }

    @Test
    void driftIsTheRiseOfTheLeastSquaresLineAsAPercentageOfTheMean() {
        // p99 of 1, 1.5, 2, 2.5, 3 ms at 1 s steps after a warm-up interval: the line rises 2 ms, the mean is 2 ms.
        assertThat(Figure.P99_DRIFT.in(run())).hasValue(100.0);
        RunResult flat = withIntervals(
                List.of(interval(0, false, 5000, 100), interval(1, false, 5000, 100), interval(2, false, 5000, 100)));
        assertThat(Figure.P99_DRIFT.in(flat)).hasValue(0.0);
        assertThat(Figure.HEAP_DRIFT.in(flat)).hasValue(0.0);
        RunResult tooShort = withIntervals(List.of(interval(0, false, 5000, 100), interval(1, false, 5000, 100)));
        assertThat(Figure.P99_DRIFT.in(tooShort))
                .as("two points are not a trend")
                .isEmpty();
    }

    /** 1000 operations over 10 s, 10 failed; label "put": 400 operations, 100 failed. */
    static RunResult run() {
        return withIntervals(List.of(
                interval(0, true, 50_000, 100),
                interval(1, false, 1000, 100),
                interval(2, false, 1500, 100),
                interval(3, false, 2000, 100),
                interval(4, false, 2500, 100),
                interval(5, false, 3000, 100)));
    }

    private static RunResult withIntervals(List<IntervalStats> intervals) {
        RunResult base = VerdictTest.run(10, 0, null);
        Percentiles latency = new Percentiles(990, 1500, 1000, 2000, 3000, 4500, 6000, 9000);
        Percentiles put = new Percentiles(300, 200, 100, 200, 200, 250, 250, 250);
        return new RunResult(
                base.schema(),
                base.toolVersion(),
                base.driver(),
                base.settings(),
                base.environment(),
                base.warmup(),
                intervals,
                latency,
                base.histogram(),
                Map.of("put", new RunResult.LabelSummary(400, 300, 100, put, base.histogram(), Map.of())),
                base.counts(),
                base.errors(),
                base.statuses(),
                base.rates(),
                null,
                Map.of("rebalances", 2.0),
                false,
                List.of());
    }

    private static IntervalStats interval(int second, boolean warmup, long p99Micros, double heapMb) {
        Percentiles latency =
                new Percentiles(100, p99Micros, p99Micros, p99Micros, p99Micros, p99Micros, p99Micros, p99Micros);
        return new IntervalStats(
                second,
                second * 1000L,
                1000,
                warmup,
                100,
                100,
                100,
                0,
                100,
                100,
                100,
                100,
                0.01,
                0,
                100,
                0,
                latency,
                Map.of("lag", 10.0 * second + 20, Figure.HEAP_GAUGE, heapMb));
    }
}
