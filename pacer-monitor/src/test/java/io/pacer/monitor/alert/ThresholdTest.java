package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.monitor.Sample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which severity a sequence of values ends at, for thresholds in both directions, with and without hysteresis. */
class ThresholdTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    static Stream<Arguments> cases() {
        return Stream.of(
                // warning, critical, direction, hysteresis, values in order, expected end
                Arguments.of(0.7, 0.9, null, "0", List.of(0.69), "none"),
                Arguments.of(0.7, 0.9, null, "0", List.of(0.7), "WARNING"),
                Arguments.of(0.7, 0.9, null, "0", List.of(0.9), "CRITICAL"),
                Arguments.of(0.7, 0.9, null, "0", List.of(0.95, 0.89), "WARNING"),
                Arguments.of(0.7, 0.9, null, "0", List.of(0.95, 0.5), "none"),
                Arguments.of(0.7, 0.9, null, "5%", List.of(0.95, 0.86), "CRITICAL"),
                Arguments.of(0.7, 0.9, null, "5%", List.of(0.95, 0.85), "WARNING"),
                Arguments.of(0.7, 0.9, null, "5%", List.of(0.75, 0.666), "WARNING"),
                Arguments.of(0.7, 0.9, null, "5%", List.of(0.75, 0.664), "none"),
                Arguments.of(0.7, 0.9, null, "0.1", List.of(0.95, 0.81), "CRITICAL"),
                Arguments.of(0.7, 0.9, null, "0.1", List.of(0.95, 0.79), "WARNING"),
                Arguments.of(0.7, 0.9, null, "5%", List.of(0.69, 0.66), "none"),
                // a hit ratio: low is bad, inferred from critical < warning
                Arguments.of(0.7, 0.5, null, "0", List.of(0.71), "none"),
                Arguments.of(0.7, 0.5, null, "0", List.of(0.6), "WARNING"),
                Arguments.of(0.7, 0.5, null, "0", List.of(0.5), "CRITICAL"),
                Arguments.of(0.7, 0.5, null, "5%", List.of(0.4, 0.52), "CRITICAL"),
                Arguments.of(0.7, 0.5, null, "5%", List.of(0.4, 0.53), "WARNING"),
                // one threshold; low is bad only when said
                Arguments.of(null, 1.0, "below", "0", List.of(0.99), "CRITICAL"),
                Arguments.of(null, 1.0, "below", "0", List.of(1.01), "none"),
                Arguments.of(null, 1.0, null, "0", List.of(0.99), "none"),
                Arguments.of(null, 1.0, null, "0", List.of(1.0), "CRITICAL"),
                Arguments.of(5.0, null, null, "0", List.of(7.0), "WARNING"),
                // negative thresholds keep relative hysteresis on the right side
                Arguments.of(-10.0, null, "below", "10%", List.of(-20.0, -9.5), "WARNING"),
                Arguments.of(-10.0, null, "below", "10%", List.of(-20.0, -8.9), "none"));
    }

    @ParameterizedTest(name = "warning {0} critical {1} direction {2} hysteresis {3}: {4} ends {5}")
    @MethodSource("cases")
    void endsAt(
            Double warning,
            Double critical,
            String direction,
            String hysteresis,
            List<Double> values,
            String expected) {
        AlertRule rule = AlertRule.of("r", "x.value", warning, critical)
                .withFor(Duration.ZERO)
                .withHysteresis(Hysteresis.parse(hysteresis));
        if (direction != null) {
            rule = rule.withDirection(Direction.valueOf(direction.toUpperCase()));
        }
        AlertEngine engine = AlertEngine.builder().rule(rule).build();
        for (int i = 0; i < values.size(); i++) {
            Instant now = T0.plusSeconds(i);
            engine.evaluate(List.of(Sample.of("x.value", Map.of(), now, values.get(i))), now);
        }
        String end = engine.active().isEmpty()
                ? "none"
                : engine.active().get(0).severity().name();
        assertThat(end).isEqualTo(expected);
    }

    static Stream<Arguments> badRules() {
        return Stream.of(
                Arguments.of(AlertRuleFactory.of(null, null, null), "a rule needs a warning or a critical threshold"),
                Arguments.of(
                        AlertRuleFactory.of(0.9, 0.9, null), "warning and critical must differ, but both were 0.9"),
                Arguments.of(
                        AlertRuleFactory.of(0.5, 0.7, Direction.BELOW),
                        "direction below needs critical below warning, but critical was 0.7 and warning 0.5"),
                Arguments.of(AlertRuleFactory.of(Double.NaN, null, null), "warning must be a finite number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badRules")
    void contradictoryRulesAreRefused(Runnable make, String message) {
        assertThatThrownBy(make::run)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    /** Defers construction so each bad rule throws inside the assertion. */
    private static final class AlertRuleFactory {
        static Runnable of(Double warning, Double critical, Direction direction) {
            return () -> new AlertRule(
                    "r", "x.value", Map.of(), warning, critical, direction, null, null, null, null, null, null);
        }
    }
}
