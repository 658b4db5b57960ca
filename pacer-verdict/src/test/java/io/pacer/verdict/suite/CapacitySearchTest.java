package io.pacer.verdict.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.verdict.CapacityResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CapacitySearchTest {

    /**
     * A server with an 800 µs service time turns at 1,250 operations/s: below, latency is the service time; above, a
     * queue grows by the excess every second. Stepping by 250/s the search must report a capacity within one step of
     * 1,250, blame the system, and see the knee no later than the first failing step.
     */
    @Test
    @Timeout(120)
    void findsTheRateWhereLatencyTurnsWithinOneStep() throws Exception {
        Suite suite = suite("""
                scenarios:
                  - name: stress
                    driver: service
                    service-us: 800
                    seconds: 2
                    warmup-seconds: 1
                    search: {from: 250, step: 250, to: 5000}
                    gates: [p95<100ms]
                """);

        SuiteResult result = new SuiteRunner(new ServiceLauncher(), SuiteListener.NONE, Clock.systemUTC())
                .run(suite, suite.select(null, Set.of()));

        ScenarioResult stress = result.scenarios().get(0);
        CapacityResult capacity = stress.capacity();
        assertThat(capacity.limitedBy()).isEqualTo("system");
        assertThat(capacity.capacityPerSecond()).isBetween(1250.0 - 250, 1250.0 + 250);
        List<CapacityResult.Step> steps = capacity.steps();
        CapacityResult.Step last = steps.get(steps.size() - 1);
        assertThat(last.passed()).isFalse();
        assertThat(last.targetPerSecond()).isEqualTo(capacity.capacityPerSecond() + 250);
        assertThat(steps.subList(0, steps.size() - 1)).allMatch(CapacityResult.Step::passed);
        assertThat(steps).extracting(CapacityResult.Step::targetPerSecond).startsWith(250.0, 500.0, 750.0);
        assertThat(capacity.kneePerSecond()).isNotNull().isLessThanOrEqualTo(last.targetPerSecond());
        assertThat(stress.run().settings().ratePerSecond())
                .as("the scenario reports the step at the capacity")
                .isEqualTo(capacity.capacityPerSecond());
        assertThat(stress.passed()).isTrue();
        assertThat(last.latency().p95()).as("µs").isGreaterThan(100_000);
    }

    @Test
    @Timeout(120)
    void bisectionNarrowsTheCapacityBetweenTheLastPassAndTheFirstFailure() throws Exception {
        Suite suite = suite("""
                scenarios:
                  - name: stress
                    driver: service
                    service-us: 800
                    seconds: 2
                    warmup-seconds: 1
                    search: {from: 400, factor: 2, to: 5000, refine: 2, min: 5000}
                    gates: [p95<100ms]
                """);

        ScenarioResult stress = new SuiteRunner(new ServiceLauncher(), SuiteListener.NONE, Clock.systemUTC())
                .run(suite, suite.select(null, Set.of()))
                .scenarios()
                .get(0);

        // 400 and 800 pass (utilisation 0.32, 0.64) and 1600 fails (1.28); then each bisection halves the bracket.
        CapacityResult capacity = stress.capacity();
        List<CapacityResult.Step> steps = capacity.steps();
        assertThat(steps).hasSize(5);
        assertThat(steps.subList(0, 3))
                .extracting(CapacityResult.Step::targetPerSecond)
                .containsExactly(400.0, 800.0, 1600.0);
        assertThat(steps.subList(0, 3)).extracting(CapacityResult.Step::passed).containsExactly(true, true, false);
        assertThat(steps.get(3).targetPerSecond()).isEqualTo(1200.0);
        assertThat(steps.get(4).targetPerSecond()).isEqualTo(steps.get(3).passed() ? 1400.0 : 1000.0);
        double highestPass = steps.stream()
                .filter(CapacityResult.Step::passed)
                .mapToDouble(CapacityResult.Step::targetPerSecond)
                .max()
                .orElseThrow();
        assertThat(capacity.capacityPerSecond()).isEqualTo(highestPass).isBetween(1250.0 - 250, 1250.0 + 250);
        assertThat(stress.gates()).last().satisfies(g -> {
            assertThat(g.gate()).isEqualTo("capacity>=5000/s");
            assertThat(g.measured()).isEqualTo(highestPass);
            assertThat(g.passed()).isFalse();
        });
        assertThat(stress.passed())
                .as("the capacity is below the scenario's minimum")
                .isFalse();
    }

    static Suite suite(String yaml) throws Exception {
        return SuiteFile.read("test.yaml", "test", new StringReader(yaml));
    }
}
