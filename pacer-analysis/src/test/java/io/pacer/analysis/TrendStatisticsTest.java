package io.pacer.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The trend statistics SeriesStats gained: Mann-Kendall against hand-computed values, autocorrelation. */
class TrendStatisticsTest {

    @Test
    void mannKendallOnARisingSeriesMatchesTheTextbook() {
        // 1..10: all 45 pairs concordant; Var(S) = 10·9·25/18 = 125; z = (45 − 1)/√125
        MannKendall mk = SeriesStats.mannKendall(
                IntStream.rangeClosed(1, 10).asDoubleStream().toArray());

        assertThat(mk.s()).isEqualTo(45);
        assertThat(mk.tau()).isEqualTo(1.0);
        assertThat(mk.z()).isCloseTo(44 / Math.sqrt(125), within(1e-12));
        assertThat(mk.pValue()).isCloseTo(8.30e-5, within(0.02e-5));
    }

    @Test
    void mannKendallCorrectsForTiesAndFindsNothingInAConstant() {
        // 1 1 2 2 3: S = 8 (pairs within a tie count 0); ties: two groups of 2 → Σ t(t−1)(2t+5) = 2·18 = 36
        MannKendall tied = SeriesStats.mannKendall(new double[] {1, 1, 2, 2, 3});
        assertThat(tied.s()).isEqualTo(8);
        assertThat(tied.z()).isCloseTo(7 / Math.sqrt((5 * 4 * 15 - 36) / 18.0), within(1e-12));

        MannKendall flat = SeriesStats.mannKendall(new double[] {3, 3, 3, 3, 3, 3});
        assertThat(flat.s()).isZero();
        assertThat(flat.pValue()).isEqualTo(1.0);
        assertThat(SeriesStats.mannKendall(new double[] {1, 2}).pValue()).isEqualTo(1.0);
    }

    @Test
    void autocorrelationPeaksAtTheSeasonAndIsZeroForAConstant() {
        double[] sine = IntStream.range(0, 240)
                .mapToDouble(i -> Math.sin(2 * Math.PI * i / 24))
                .toArray();

        assertThat(SeriesStats.autocorrelation(sine, 24)).isCloseTo(0.9, within(0.01));
        assertThat(SeriesStats.autocorrelation(sine, 12)).isCloseTo(-0.95, within(0.01));
        assertThat(SeriesStats.autocorrelation(new double[] {2, 2, 2, 2}, 1)).isZero();
        assertThat(SeriesStats.autocorrelation(sine, 240)).isZero();
    }
}
