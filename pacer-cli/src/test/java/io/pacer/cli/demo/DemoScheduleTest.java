package io.pacer.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoScheduleTest {
    private static final DemoSchedule DEFAULT = DemoSchedule.ofSpeed(1);

    @ParameterizedTest
    @CsvSource({
        "0, CALM",
        "14.9, CALM",
        "15, SINK_OUTAGE",
        "34.9, SINK_OUTAGE",
        "35, CALM",
        "50, SLOW_CONSUMER",
        "79.9, SLOW_CONSUMER",
        "80, CALM",
        "95, LOAD_SPIKE",
        "104.9, LOAD_SPIKE",
        "105, CALM", // the loop starts again
        "120, SINK_OUTAGE"
    })
    void phasesFollowTheCycle(double seconds, Phase expected) {
        assertThat(DEFAULT.phaseAt(Duration.ofMillis(Math.round(seconds * 1000))))
                .isEqualTo(expected);
    }

    @Test
    void speedDividesEveryDuration() {
        DemoSchedule fast = DemoSchedule.ofSpeed(8);
        assertThat(DEFAULT.cycle()).isEqualTo(Duration.ofSeconds(105));
        assertThat(fast.cycle()).isEqualTo(Duration.ofMillis(13_125));
        assertThat(fast.phaseAt(Duration.ofMillis(1_875))).isEqualTo(Phase.SINK_OUTAGE);
        assertThat(fast.baseRate()).isEqualTo(DEFAULT.baseRate());
    }

    @Test
    void theRateSwingsAroundTheBaseAndSpikes() {
        double base = DemoSchedule.DEFAULT_BASE_RATE;
        assertThat(DEFAULT.rateAt(Duration.ZERO, Phase.CALM)).isEqualTo(base);
        assertThat(DEFAULT.rateAt(Duration.ofSeconds(15), Phase.CALM)).isCloseTo(base * 1.5, within());
        assertThat(DEFAULT.rateAt(Duration.ofSeconds(45), Phase.CALM)).isCloseTo(base * 0.5, within());
        assertThat(DEFAULT.rateAt(Duration.ofSeconds(15), Phase.LOAD_SPIKE)).isCloseTo(base * 1.5 * 4, within());
    }

    @Test
    void speedOutsideItsRangeIsRefusedWithTheRule() {
        assertThatThrownBy(() -> DemoSchedule.ofSpeed(0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> DemoSchedule.ofSpeed(8.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed");
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }
}
