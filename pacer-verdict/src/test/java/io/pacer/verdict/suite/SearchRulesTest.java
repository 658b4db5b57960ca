package io.pacer.verdict.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.IntervalStats;
import io.pacer.load.Limit;
import io.pacer.load.Pacing;
import io.pacer.load.RunResult;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import io.pacer.metrics.Percentiles;
import io.pacer.verdict.CapacityResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The search's and abortOnFail's rules, on runs built with chosen figures: who is behind, where the knee is. */
class SearchRulesTest {

    /**
     * Ten measured 1 s intervals at a target of 1,000/s with maxOutstanding 1,000; {@code lateIntervals} of them start
     * at {@code startRate} with {@code lagMs} of schedule lag and {@code inFlight} operations outstanding.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            on schedule                                  | 0  | 1000 | 0    | 0   | false
            one stall of a busy machine                  | 1  | 1000 | 500  | 0   | false
            three of ten intervals late                  | 3  | 1000 | 500  | 0   | true
            three of ten started too few                 | 3  | 850  | 0    | 0   | true
            slightly slow starts are not behind          | 10 | 950  | 50   | 0   | false
            waiting on a full maxOutstanding is the system | 10 | 400 | 2000 | 950 | false
            late with room in flight is the generator    | 10 | 400  | 2000 | 100 | true
            """)
    void aStepIsBlamedOnTheGeneratorOnlyWhenItFellBehindWithRoomInFlight(
            String what, int lateIntervals, double startRate, long lagMs, long inFlight, boolean behind) {
        List<IntervalStats> intervals = new ArrayList<>();
        long started = 0;
        long done = 0;
        for (int i = 0; i < 10; i++) {
            boolean late = i < lateIntervals;
            long start = late ? (long) startRate : 1000;
            started += start;
            long complete = late ? Math.max(0, started - inFlight - done) : start;
            done += complete;
            intervals.add(new IntervalStats(
                    i,
                    i * 1000L,
                    1000,
                    false,
                    start,
                    complete,
                    complete,
                    0,
                    complete,
                    0,
                    complete,
                    complete,
                    0,
                    1000,
                    start,
                    late ? lagMs * 1000 : 0,
                    Percentiles.EMPTY,
                    java.util.Map.of()));
        }
        assertThat(CapacitySearch.generatorBehind(run(intervals, 1000, false)))
                .as(what)
                .isEqualTo(behind);
    }

    @Test
    void theDrainAndTheIntervalARunWasStoppedInAreNotTheGeneratorFallingBehind() {
        List<IntervalStats> intervals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long start = i < 3 ? 1000 : i == 3 ? 400 : 0; // stopped during interval 3, then draining
            intervals.add(new IntervalStats(
                    i,
                    i * 1000L,
                    1000,
                    false,
                    start,
                    1000,
                    1000,
                    0,
                    1000,
                    0,
                    1000,
                    1000,
                    0,
                    1000,
                    start,
                    0,
                    Percentiles.EMPTY,
                    java.util.Map.of()));
        }
        assertThat(CapacitySearch.generatorBehind(run(intervals, 1000, true))).isFalse();
        List<IntervalStats> drained = new ArrayList<>(intervals.subList(0, 3));
        drained.addAll(intervals.subList(4, 6));
        assertThat(CapacitySearch.generatorBehind(run(drained, 1000, false)))
                .as("the drain after the limit")
                .isFalse();
        assertThat(CapacitySearch.generatorBehind(run(intervals, 1000, false)))
                .as("not stopped: interval 3 started too few")
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            passed on schedule                          | true  | false | 1000 | true
            passed through a stall of the generator     | true  | true  | 1000 | true
            passed, but only 850 of 1000/s were offered | true  | false | 850  | false
            failed on schedule: the system's limit      | false | false | 1000 | true
            failed while the generator was behind       | false | true  | 1000 | false
            """)
    void aStepTestsItsRateOnlyWhenTheGeneratorOfferedIt(
            String what, boolean passed, boolean behind, double achieved, boolean offered) {
        CapacityResult.Step step =
                new CapacityResult.Step(1000, achieved, achieved, Percentiles.EMPTY, 0, behind, passed);
        assertThat(CapacitySearch.offered(step)).as(what).isEqualTo(offered);
    }

    @ParameterizedTest(name = "p99s {0} turn at {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2000 2100 2300 9000 | 4000
            2000 2100 2300 2500 | none
            300 700 900 1200    | none
            300 1500 900 1200   | 2000
            5000 4000 9500 7000 | 3000
            29000 25000 19000 11000 22000 185000 | 6000
            """)
    void theKneeIsTheFirstRateWhoseP99MoreThanDoublesTheMedianBelowIt(String p99s, String knee) {
        List<CapacityResult.Step> steps = new ArrayList<>();
        String[] values = p99s.split(" ");
        for (int i = 0; i < values.length; i++) {
            long p99 = Long.parseLong(values[i]);
            steps.add(new CapacityResult.Step(
                    1000.0 * (i + 1), 0, 0, new Percentiles(100, p99, p99, p99, p99, p99, p99, p99), 0, false, true));
        }
        java.util.Collections.reverse(steps); // the order they ran in does not matter
        assertThat(CapacitySearch.knee(steps)).isEqualTo(knee.equals("none") ? null : Double.valueOf(knee));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            p50 over the bound proves half    | 1000 | 500   | 500
            p90 over the bound proves a tenth | 1000 | 1500  | 100
            p99.9 over proves one in 1000     | 1000 | 6000  | 1
            only the max over proves one      | 1000 | 8500  | 1
            nothing over proves nothing       | 1000 | 10000 | 0
            no operations prove nothing       | 0    | 10    | 0
            """)
    void anIntervalProvesAsManySlowOperationsAsItsPercentilesSay(
            String what, long count, long boundMicros, double proven) {
        // p50 1 ms, p90 2 ms, p95 3 ms, p99 5 ms, p99.9 7 ms, max 9 ms
        Percentiles p =
                count == 0 ? Percentiles.EMPTY : new Percentiles(count, 1500, 1000, 2000, 3000, 5000, 7000, 9000);
        assertThat(AbortOnFail.provenSlower(p, boundMicros)).as(what).isEqualTo(proven);
    }

    @Test
    void theOperationsARunWillStartAreKnownForACountOrASteadyRateOverADuration() {
        Duration tenSeconds = Duration.ofSeconds(10);
        assertThat(AbortOnFail.planned(Workload.of(Pacing.open(200), 1, Limit.duration(tenSeconds))))
                .isEqualTo(2000);
        assertThat(AbortOnFail.planned(Workload.of(Pacing.unlimited(), 1, Limit.operations(500))))
                .isEqualTo(500);
        assertThat(AbortOnFail.planned(Workload.of(Pacing.unlimited(), 1, Limit.duration(tenSeconds))))
                .isZero();
        assertThat(AbortOnFail.planned(Workload.of(
                        new Pacing.Open(200, Duration.ofSeconds(2), List.of()), 1, Limit.duration(tenSeconds))))
                .as("a ramp-up makes the count unknown")
                .isZero();
        assertThat(AbortOnFail.planned(Workload.of(Pacing.open(200), 1, Limit.duration(tenSeconds))
                        .withWarmup(Warmup.fixed(Duration.ofSeconds(5)))))
                .as("warm-up operations are not measured")
                .isEqualTo(2000);
    }

    @Test
    void aStoppedSearchEndsAfterTheStepThatWasRunning() throws Exception {
        Suite suite = CapacitySearchTest.suite("""
                scenarios:
                  - name: s
                    driver: service
                    search: {from: 100, to: 1000, step: 100}
                    gates: [p99<20ms]
                """);
        Scenario s = suite.scenarios().get(0);
        AtomicInteger runs = new AtomicInteger();
        Percentiles fast = new Percentiles(1000, 900, 800, 1000, 1200, 1500, 2000, 3000);

        CapacitySearch.Found found = CapacitySearch.search(
                s.search(),
                s.gates(),
                rate -> SuiteRunnerTest.Runs.run(rate, fast, 0),
                () -> runs.incrementAndGet() >= 2);

        assertThat(found.capacity().limitedBy()).isEqualTo("stopped");
        assertThat(found.capacity().steps()).hasSize(2);
    }

    private static RunResult run(List<IntervalStats> intervals, int maxOutstanding, boolean stopped) {
        RunResult base = SuiteRunnerTest.Runs.run(1000, Percentiles.EMPTY, 0);
        RunResult.Settings settings = RunResult.Settings.of(
                Workload.of(Pacing.open(1000), 1, Limit.duration(Duration.ofSeconds(10)))
                        .withMaxOutstanding(maxOutstanding),
                java.util.Map.of());
        return new RunResult(
                base.schema(),
                base.toolVersion(),
                base.driver(),
                settings,
                base.environment(),
                base.warmup(),
                intervals,
                base.latency(),
                base.histogram(),
                base.labels(),
                base.counts(),
                base.errors(),
                base.statuses(),
                base.rates(),
                null,
                base.driverSummary(),
                stopped,
                base.notices());
    }
}
