package io.pacer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Onsets, monotony, sums and a counter's rise over part of a window. */
class SeriesStatsWindowTest {

    private static final Duration TEN = Duration.ofMinutes(10);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theOnsetIsWhereTheTrailingStretchThatMostlyAgreesBegins() {
        // busy from minute 4 on, with one idle minute (7) inside: 5 of 6 busy from minute 4
        Series s = Synthetic.series("u", Map.of(), TEN, MINUTE, m -> m >= 4 && m != 7 ? 1 : 0);
        assertThat(SeriesStats.onset(s, v -> v >= 0.9, 0.8)).isEqualTo(Synthetic.NOW.minus(Duration.ofMinutes(6)));
        assertThat(SeriesStats.onset(s, v -> v >= 2, 0.8)).isNull();
    }

    @Test
    void monotonyIsOneForARiseMinusOneForAFallAndNearZeroForASaw() {
        assertThat(SeriesStats.monotony(new double[] {1, 2, 3, 4})).isEqualTo(1.0);
        assertThat(SeriesStats.monotony(new double[] {4, 3, 2, 1})).isEqualTo(-1.0);
        assertThat(SeriesStats.monotony(new double[] {1, 3, 1, 3, 1, 3})).isCloseTo(0, within(0.25));
        assertThat(SeriesStats.monotony(new double[] {1})).isNaN();
    }

    @Test
    void aSumKeepsOnlyInstantsEveryPartHas() {
        Series a = Synthetic.series("x", Map.of("id", "a"), TEN, MINUTE, m -> 1);
        Series b = Synthetic.series("x", Map.of("id", "b"), Duration.ofMinutes(5), MINUTE, m -> 2);
        Series sum = SeriesStats.sum("x", Map.of(), List.of(a, b));
        assertThat(sum.points()).hasSize(5);
        assertThat(SeriesStats.values(sum)).containsOnly(3.0);
    }

    @Test
    void aCounterRiseOverPartOfTheWindowStartsFromThePointBeforeIt() {
        Series c = Synthetic.series("c.total", Map.of(), TEN, MINUTE, m -> m * 10);
        assertThat(SeriesStats.increase(c, Synthetic.NOW.minus(Duration.ofMinutes(5)), Synthetic.NOW))
                .isEqualTo(40.0); // from minute 5 (value 50) to minute 9 (value 90)
        assertThat(SeriesStats.increase(c, Synthetic.NOW.minus(TEN), Synthetic.NOW.minus(Duration.ofMinutes(9))))
                .isZero(); // one point: no rise to measure
    }
}
