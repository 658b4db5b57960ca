package io.pacer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenScheduleTest {

    private static final long MS = 1_000_000;

    @Test
    void constantRateSpacesOperationsEvenly() {
        OpenSchedule s = new OpenSchedule(Pacing.open(1000));
        assertThat(s.next(0)).isZero();
        assertThat(s.next(0)).isEqualTo(MS);
        assertThat(s.next(0)).isEqualTo(2 * MS);
    }

    @Test
    void rampClimbsLinearlyThenHoldsTheRate() {
        // 1000/s after a 2 s ramp: the ramp holds 1000 operations, a quarter of them in its first half.
        OpenSchedule s = new OpenSchedule(new Pacing.Open(1000, Duration.ofSeconds(2), List.of()));
        int firstSecond = 0;
        int ramp = 0;
        long t;
        long previous = -1;
        while ((t = s.next(OpenSchedule.UNKNOWN)) < 3000 * MS) {
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
            if (t < 1000 * MS) {
                firstSecond++;
            }
            if (t < 2000 * MS) {
                ramp++;
            }
        }
        assertThat(firstSecond).isEqualTo(250);
        assertThat(ramp).isEqualTo(1000);
        assertThat(s.rateAt(500 * MS, OpenSchedule.UNKNOWN)).isCloseTo(250, within(1e-9));
        assertThat(s.rateAt(2500 * MS, OpenSchedule.UNKNOWN)).isEqualTo(1000);
    }

    @Test
    void stepsChangeTheRateFromTheEndOfTheWarmup() {
        Pacing.Open open = new Pacing.Open(
                100,
                Duration.ZERO,
                List.of(new Pacing.Step(Duration.ofSeconds(1), 400), new Pacing.Step(Duration.ofSeconds(2), 50)));
        OpenSchedule s = new OpenSchedule(open);
        long origin = 500 * MS; // warm-up ended at 0.5 s
        int[] perSecond = new int[4];
        long t;
        while ((t = s.next(origin)) < 3500 * MS) {
            if (t >= 500 * MS) {
                perSecond[(int) ((t - 500 * MS) / (1000 * MS))]++;
            }
        }
        assertThat(perSecond).containsExactly(100, 400, 50, 0);
        assertThat(s.rateAt(1499 * MS, origin)).isEqualTo(100);
        assertThat(s.rateAt(1500 * MS, origin)).isEqualTo(400);
        assertThat(s.rateAt(2600 * MS, origin)).isEqualTo(50);
    }

    @Test
    void stepsWaitUntilTheWarmupEndIsKnown() {
        OpenSchedule s = new OpenSchedule(
                new Pacing.Open(100, Duration.ZERO, List.of(new Pacing.Step(Duration.ofMillis(100), 1000))));
        for (int i = 0; i < 50; i++) {
            s.next(OpenSchedule.UNKNOWN); // 0.5 s of warm-up at 100/s
        }
        long origin = 500 * MS;
        for (long expected = 500; expected < 600; expected += 10) {
            assertThat(s.next(origin)).isEqualTo(expected * MS);
        }
        assertThat(s.next(origin)).isEqualTo(600 * MS); // the step at origin + 100 ms: 1000/s from here
        assertThat(s.next(origin)).isEqualTo(601 * MS);
    }
}
