package io.pacer.verdict.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SampleComparisonTest {

    private static double[] noisy(double level, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = level * (1 + (random.nextDouble() - 0.5) * 0.1);
        }
        return values;
    }

    @Test
    void aRiseOfALowerIsBetterQuantityIsARegression() {
        SampleComparison c = Comparisons.compareSamples(
                "lag", noisy(100, 30, 1), noisy(150, 30, 2), false, ComparisonSettings.ofDefaults());
        assertThat(c.verdict()).isEqualTo(ChangeVerdict.REGRESSED);
        assertThat(c.changePercent()).isBetween(40.0, 60.0);
        assertThat(c.pValue()).isLessThan(0.05);
    }

    @Test
    void theSameRiseOfAHigherIsBetterQuantityIsAnImprovement() {
        SampleComparison c = Comparisons.compareSamples(
                "throughput", noisy(100, 30, 1), noisy(150, 30, 2), true, ComparisonSettings.ofDefaults());
        assertThat(c.verdict()).isEqualTo(ChangeVerdict.IMPROVED);
    }

    @Test
    void noiseAloneIsUnchangedAndTooFewValuesInconclusive() {
        ComparisonSettings settings = ComparisonSettings.ofDefaults();
        assertThat(Comparisons.compareSamples("x", noisy(100, 30, 1), noisy(100, 30, 2), true, settings)
                        .verdict())
                .isEqualTo(ChangeVerdict.UNCHANGED);
        assertThat(Comparisons.compareSamples("x", noisy(100, 3, 1), noisy(200, 3, 2), true, settings)
                        .verdict())
                .isEqualTo(ChangeVerdict.INCONCLUSIVE);
    }
}
