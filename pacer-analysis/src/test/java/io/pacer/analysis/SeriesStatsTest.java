package io.pacer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesStatsTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void theSlopeIgnoresAFewSpikesThatWouldTiltLeastSquares() {
        // 2 per hour, plus three huge spikes near the end
        Series s = Synthetic.series("x", Map.of(), HOUR, MINUTE, m -> m > 55 && m < 59 ? 1_000 : 2 * m / 60);
        assertThat(SeriesStats.slopePerHour(s)).isCloseTo(2.0, within(0.1));
    }

    @Test
    void aCounterResetCountsAsARiseFromZero() {
        // 0..29 then a restart to 0..29 again: 29 + 29 rises, the reset adds 0
        Series s = Synthetic.series("c.total", Map.of(), Duration.ofMinutes(60), MINUTE, m -> m % 30);
        assertThat(SeriesStats.increase(s)).isEqualTo(58.0);
    }

    @Test
    void quantilesAndSharesReadPointMeans() {
        Series s = Synthetic.series("r", Map.of(), Duration.ofMinutes(10), MINUTE, m -> m < 8 ? 0.5 : 0.95);
        assertThat(SeriesStats.shareAtOrAbove(s, 0.9)).isEqualTo(0.2);
        assertThat(SeriesStats.quantile(s, 0.9)).isEqualTo(0.95);
        assertThat(SeriesStats.quantile(s, 0.5)).isEqualTo(0.5);
    }

    @Test
    void aFixedHistoryKeepsOnlyItsWindowAndMatchesLabels() {
        Series a = Synthetic.series("x", Map.of("k", "a"), HOUR, MINUTE, m -> m);
        Series b = Synthetic.series("x", Map.of("k", "b"), HOUR, MINUTE, m -> m);
        History h = Synthetic.history(HOUR, a, b).window(Synthetic.NOW.minus(Duration.ofMinutes(10)), Synthetic.NOW);
        assertThat(h.series("x")).hasSize(2);
        assertThat(h.series("x", Map.of("k", "b")))
                .singleElement()
                .satisfies(s -> assertThat(s.points()).hasSize(10));
    }
}
