package io.pacer.verdict.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.load.Limit;
import io.pacer.load.Pacing;
import io.pacer.load.RunResult;
import io.pacer.load.Workload;
import io.pacer.metrics.Percentiles;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.SuiteResults;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SuiteRunnerTest {

    private final ServiceLauncher launcher = new ServiceLauncher();

    /**
     * A launcher whose runs go through a {@link ScenarioLauncher.Runner}, as the CLI's runs on workers do: the run is
     * made here and comes back as a two-share result with one share lost — a partial result.
     */
    private static ScenarioLauncher partialOnWorkers(boolean allowPartial) {
        ServiceLauncher local = new ServiceLauncher();
        return new ScenarioLauncher() {
            @Override
            public java.util.List<String> drivers() {
                return local.drivers();
            }

            @Override
            public Launch prepare(Scenario scenario) {
                Launch launch = local.prepare(scenario);
                Runner runner = (workload, parameters, listener) -> {
                    io.pacer.load.LoadRun run =
                            io.pacer.load.LoadEngine.start(workload, launch.driver(), listener, parameters);
                    return new io.pacer.load.LoadRun() {
                        @Override
                        public void stop() {
                            run.stop();
                        }

                        @Override
                        public RunResult await() throws InterruptedException {
                            return withLostShare(run.await());
                        }
                    };
                };
                return new Launch(launch.workload(), launch.driver(), launch.parameters(), launch.release(), runner);
            }

            @Override
            public java.util.List<io.pacer.load.Gate> requiredGates() {
                return allowPartial ? java.util.List.of() : java.util.List.of(io.pacer.load.Verdict.COMPLETE);
            }
        };
    }

    private static RunResult withLostShare(RunResult r) {
        java.util.function.BiFunction<Integer, String, RunResult.Share> share = (index, state) -> new RunResult.Share(
                index,
                "w" + index,
                "h",
                state,
                "1/2",
                null,
                r.counts(),
                50,
                50,
                false,
                r.latency(),
                java.util.List.of());
        return new RunResult(
                r.schema(),
                r.toolVersion(),
                r.driver(),
                r.settings(),
                r.environment(),
                r.warmup(),
                r.intervals(),
                r.latency(),
                r.histogram(),
                r.labels(),
                r.counts(),
                r.errors(),
                r.statuses(),
                r.rates(),
                r.accounting(),
                r.driverSummary(),
                r.stopped(),
                r.notices(),
                new RunResult.Distribution(
                        "run-1", 2, java.util.List.of(share.apply(0, "done"), share.apply(1, "lost"))));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "false, false, 'p95<100ms true|missing = 0 false'",
        "true, true, 'p95<100ms true'"
    })
    @Timeout(60)
    void aRunOnWorkersWithAShareMissingFailsItsScenarioUnlessPartialRunsAreAllowed(
            boolean allowPartial, boolean passed, String gates) throws Exception {
        Suite suite = CapacitySearchTest.suite("""
                name: partial
                scenarios:
                  - name: spread
                    driver: service
                    service-us: 200
                    rate: 100
                    seconds: 1
                    gates: [p95<100ms]
                """);

        SuiteResult result = new SuiteRunner(partialOnWorkers(allowPartial), SuiteListener.NONE, Clock.systemUTC())
                .run(suite, suite.select(null, Set.of()));

        ScenarioResult spread = result.scenarios().get(0);
        assertThat(spread.run().distribution().missingShares()).isEqualTo(1);
        assertThat(spread.gates()).extracting(g -> g.gate() + " " + g.passed()).containsExactly(gates.split("\\|"));
        assertThat(result.passed()).isEqualTo(passed);
    }

    @Test
    @Timeout(60)
    void eachScenarioIsJudgedByItsGatesAndTheResultReadsBackFromJson() throws Exception {
        Suite suite = CapacitySearchTest.suite("""
                name: two
                scenarios:
                  - name: fast
                    driver: service
                    service-us: 200
                    rate: 200
                    seconds: 1
                    gates: [p95<100ms, errors<1%, throughput>=150/s, lost=0]
                  - name: off
                    driver: service
                    enabled: false
                """);

        SuiteResult result = new SuiteRunner(launcher, SuiteListener.NONE, Clock.systemUTC())
                .run(suite, suite.select(null, Set.of()));

        assertThat(result.suite()).isEqualTo("two");
        assertThat(result.scenarios()).hasSize(1);
        ScenarioResult fast = result.scenarios().get(0);
        assertThat(fast.gates())
                .extracting(g -> g.gate() + " " + g.passed())
                .containsExactly("p95<100ms true", "errors<1% true", "throughput>=150/s true", "lost=0 false");
        assertThat(fast.gates().get(3).measured())
                .as("a stream-less run does not measure lost")
                .isNull();
        assertThat(fast.gates().get(0).unit()).isEqualTo("ms");
        assertThat(fast.gates().get(0).measured()).isLessThan(100.0);
        assertThat(result.passed()).isFalse();

        String json = SuiteResults.toJson(result);
        assertThat(json).contains("\"schema\" : \"pacer.suite-result/1\"", "\"passed\" : false");
        SuiteResult back = SuiteResults.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(back).isEqualTo(result);
    }

    @Test
    @Timeout(60)
    void abortOnFailStopsARunOnceAGateIsAlreadyLost() throws Exception {
        // 2,000/s against a server that serves 1,250/s: the queue grows 750 operations a second.
        Suite suite = CapacitySearchTest.suite("""
                scenarios:
                  - name: overload
                    driver: service
                    service-us: 800
                    rate: 2000
                    seconds: 30
                    gates: [p95<100ms]
                    abortOnFail: true
                """);

        ScenarioResult overload = new SuiteRunner(launcher, SuiteListener.NONE, Clock.systemUTC())
                .run(suite, suite.select(null, Set.of()))
                .scenarios()
                .get(0);

        RunResult run = overload.run();
        assertThat(run.stopped()).isTrue();
        assertThat(run.rates().measuredMillis())
                .isLessThan(Duration.ofSeconds(15).toMillis());
        assertThat(run.notices()).anyMatch(n -> n.startsWith("abortOnFail: gate p95 < 100 ms already lost ("));
        assertThat(overload.passed()).isFalse();
        assertThat(overload.gates().get(0).measured()).isGreaterThan(100.0);
    }

    @Test
    @Timeout(60)
    void aScenarioWhoseTargetCannotBeReachedIsReportedAndTheSuiteGoesOn() throws Exception {
        Suite suite = CapacitySearchTest.suite("""
                scenarios:
                  - name: gone
                    driver: service
                    unreachable: true
                    gates: [p95<1s]
                  - name: fine
                    driver: service
                    seconds: 0.5
                """);

        SuiteResult result = new SuiteRunner(launcher, SuiteListener.NONE, Clock.systemUTC())
                .run(suite, suite.select(null, Set.of()));

        ScenarioResult gone = result.scenarios().get(0);
        assertThat(gone.error()).isEqualTo("service at 127.0.0.1:1 does not answer: start it or fix the address");
        assertThat(gone.run()).isNull();
        assertThat(gone.gates())
                .singleElement()
                .satisfies(g -> assertThat(g.passed()).isFalse());
        assertThat(result.scenarios().get(1).passed()).isTrue();
        StringWriter text = new StringWriter();
        ConsoleReport.print(result, new PrintWriter(text));
        assertThat(text.toString())
                .contains("gone · service · COULD NOT RUN", "✗ p95<1s  not measured  < 1,000 ms")
                .containsPattern("suite test: COULD NOT RUN, 1 gates, 1 failed, 2 scenarios in \\d+s");
    }

    @Test
    @Timeout(60)
    void aGateOnHeapDriftMakesEveryIntervalSampleTheHeapAfterCollection() throws Exception {
        Suite suite = CapacitySearchTest.suite("""
                scenarios:
                  - name: soak
                    driver: service
                    seconds: 2
                    gates: [heap_drift<1000%, p99_drift<1000%]
                """);

        RunResult run = new SuiteRunner(launcher, SuiteListener.NONE, Clock.systemUTC())
                .run(suite, suite.select(null, Set.of()))
                .scenarios()
                .get(0)
                .run();

        assertThat(run.intervals())
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.gauges()).containsKey(io.pacer.load.Figure.HEAP_GAUGE));
        assertThat(run.intervals())
                .allSatisfy(i -> assertThat(i.gauges().get(io.pacer.load.Figure.HEAP_GAUGE))
                        .isGreaterThanOrEqualTo(0.0));
    }

    @Test
    void unknownDriversAndOptionsAreFoundBeforeAnythingRunsWithWhereTheyWereWritten() throws Exception {
        Suite typo = CapacitySearchTest.suite("""
                scenarios:
                  - name: a
                    driver: service
                  - name: b
                    driver: servce
                """);
        assertThatThrownBy(() -> SuiteRunner.check(typo.scenarios(), launcher))
                .isInstanceOf(SuiteException.class)
                .hasMessage("test.yaml:4:5: scenario 'b': unknown driver 'servce'; drivers are service");

        Suite badOption = CapacitySearchTest.suite("""
                scenarios:
                  - name: a
                    driver: service
                    seconds: 1
                    rate: -5
                """);
        assertThatThrownBy(() -> SuiteRunner.check(badOption.scenarios(), launcher))
                .isInstanceOf(SuiteException.class)
                .hasMessage("test.yaml:5:5: scenario 'a' option rate: '-5' must be a number > 0");
    }

    @Test
    void theConsoleTableShowsEveryGateWithMeasuredAndBoundAndTheCapacityLine() throws Exception {
        Suite suite = CapacitySearchTest.suite("""
                scenarios:
                  - name: stress
                    driver: service
                    search: {from: 100, to: 200, step: 100}
                    gates: [p99<20ms, errors<1%]
                """);
        Scenario stress = suite.scenarios().get(0);
        Percentiles fast = new Percentiles(1000, 900, 800, 1000, 1200, 1500, 2000, 3000);
        Percentiles slow = new Percentiles(1000, 30_000, 25_000, 40_000, 45_000, 60_000, 70_000, 90_000);
        CapacitySearch.Found found = CapacitySearch.search(
                stress.search(), stress.gates(), rate -> Runs.run(rate, rate == 100 ? fast : slow, 0), () -> false);
        ScenarioResult result =
                new ScenarioResult("stress", "service", found.run(), found.gates(), found.capacity(), null);

        StringWriter text = new StringWriter();
        ConsoleReport.scenario(result, new PrintWriter(text));

        assertThat(text.toString().lines().map(String::stripTrailing))
                .containsSubsequence(
                        "stress · service · PASS",
                        "  capacity 100 ops/s · knee 200 ops/s · limited by the system under test · 2 steps",
                        "    target/s  achieved/s  done/s  p50     p99     errors",
                        "    100       100         100     800 µs  1.5 ms  0%      ✓",
                        "    200       200         200     25 ms   60 ms   0%      ✗",
                        "  ✓ p99<20ms   1.5 ms  < 20 ms",
                        "  ✓ errors<1%  0%      < 1%");
    }

    /** Builds run results with chosen figures, for tests of what reads them. */
    static final class Runs {
        static RunResult run(double rate, Percentiles latency, long failed) {
            RunResult.Settings settings = RunResult.Settings.of(
                    Workload.of(Pacing.open(rate), 1, Limit.duration(Duration.ofSeconds(10))), java.util.Map.of());
            java.time.Instant t = java.time.Instant.parse("2026-11-29T10:00:00Z");
            long ops = (long) rate * 10;
            return new RunResult(
                    RunResult.SCHEMA,
                    "dev",
                    "service",
                    settings,
                    new RunResult.Environment(
                            "v", "17", "os", "arch", 2, 1 << 30, "host", "4.3.1", t, t.plusSeconds(10)),
                    new RunResult.WarmupSummary(
                            0,
                            "none",
                            RunResult.Counts.ZERO,
                            Percentiles.EMPTY,
                            io.pacer.metrics.Histograms.encode(io.pacer.metrics.Histograms.latency()),
                            java.util.Map.of()),
                    java.util.List.of(),
                    latency,
                    io.pacer.metrics.Histograms.encode(io.pacer.metrics.Histograms.latency()),
                    java.util.Map.of(),
                    new RunResult.Counts(ops, ops - failed, failed, 0, ops, ops * 100),
                    java.util.Map.of(),
                    java.util.Map.of(),
                    new RunResult.Rates(10_000, rate, rate, 0.01, rate, rate, 0, false),
                    null,
                    java.util.Map.of(),
                    false,
                    java.util.List.of());
        }
    }
}
