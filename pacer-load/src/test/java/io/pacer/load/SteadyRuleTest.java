package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.metrics.Percentiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SteadyRuleTest {

    private static IntervalStats interval(double perSecond, long p99) {
        Percentiles latency = new Percentiles(100, p99, p99, p99, p99, p99, p99, p99);
        return new IntervalStats(
                0, 0, 1000, true, 100, 100, 100, 0, 100, 0, perSecond, perSecond, 0, 0, 100, 0, latency, Map.of());
    }

    @Test
    void steadyWhenTheLastThreeIntervalsAgree() {
        List<IntervalStats> s = new ArrayList<>(List.of(interval(10, 9000), interval(950, 1100), interval(1000, 1000)));
        assertThat(SteadyRule.steady(s))
                .as("the first interval is still climbing")
                .isFalse();
        s.add(interval(1050, 1200));
        assertThat(SteadyRule.steady(s)).isTrue();
    }

    @Test
    void notSteadyWhileThroughputMovesMoreThanTenPercent() {
        assertThat(SteadyRule.steady(List.of(interval(800, 1000), interval(1000, 1000), interval(1200, 1000))))
                .isFalse();
    }

    @Test
    void notSteadyWhileP99MovesMoreThanAQuarter() {
        assertThat(SteadyRule.steady(List.of(interval(1000, 1000), interval(1000, 1000), interval(1000, 1800))))
                .isFalse();
    }

    @Test
    void neverSteadyWithoutOperationsOrBeforeThreeIntervals() {
        assertThat(SteadyRule.steady(List.of(interval(1000, 1000), interval(1000, 1000))))
                .isFalse();
        assertThat(SteadyRule.steady(List.of(interval(0, 0), interval(0, 0), interval(0, 0)).stream()
                        .map(i -> new IntervalStats(
                                0, 0, 1000, true, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Percentiles.EMPTY, Map.of()))
                        .toList()))
                .isFalse();
    }
}
