package io.pacer.verdict.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The statistics against known values: textbook data, SciPy 1.17.1 and the normal table. */
class StatisticsTest {

    @Test
    void theNormalDistributionMatchesTheTable() {
        assertThat(Normal.cdf(1.96)).isCloseTo(0.9750021048517795, within(1e-7));
        assertThat(Normal.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Normal.twoSidedP(1.0)).isCloseTo(0.31731050786291415, within(1e-7));
        assertThat(Normal.twoSidedP(-3.5)).isCloseTo(0.00046525815807105003, within(1e-8));
    }

    /**
     * Hollander and Wolfe (1973), p. 69, permeability constants of the human chorioamnion — the example of R's
     * {@code wilcox.test}: W = 35. Two-sided, normal approximation with continuity correction: p = 0.24462 (R's
     * {@code wilcox.test(x, y, exact = FALSE)}, SciPy's {@code mannwhitneyu(x, y, method="asymptotic")}).
     */
    @Test
    void theTextbookExampleGivesTheTextbookU() {
        double[] atTerm = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] early = {1.15, 0.88, 0.90, 0.74, 1.21};

        MannWhitney.Result result = MannWhitney.test(early, atTerm);

        assertThat(result.u()).isEqualTo(35);
        assertThat(result.z()).isPositive();
        assertThat(result.p()).isCloseTo(0.24462360512698333, within(1e-6));
        MannWhitney.Result swapped = MannWhitney.test(atTerm, early);
        assertThat(swapped.u()).isEqualTo(15);
        assertThat(swapped.z()).isEqualTo(-result.z());
        assertThat(swapped.p()).isEqualTo(result.p());
    }

    /** Ties get mid-ranks and shrink the variance: SciPy gives U = 21.5, p = 0.033889 for these. */
    @Test
    void tiesAreRankedByTheirMidRank() {
        double[] x = {1.1, 2.2, 3.3, 4.4, 5.5, 6.6, 7.7, 8.8, 9.9, 10.0};
        double[] y = {3.3, 4.4, 12.0, 13.0, 14.0, 15.0, 15.0, 16.0, 3.3, 20.0};

        MannWhitney.Result result = MannWhitney.test(y, x);

        assertThat(result.u()).isEqualTo(21.5);
        assertThat(result.z()).isNegative();
        assertThat(result.p()).isCloseTo(0.03388886564396672, within(1e-6));
    }

    @Test
    void samplesThatAreAllEqualShowNoDifference() {
        MannWhitney.Result result = MannWhitney.test(new double[] {0, 0, 0}, new double[] {0, 0});

        assertThat(result.p()).isEqualTo(1);
        assertThat(result.z()).isZero();
        assertThatThrownBy(() -> MannWhitney.test(new double[0], new double[] {1}))
                .hasMessage("both samples need values, but had 0 and 1");
    }

    /** U counts the pairs where the second is larger: checked against brute force on random data. */
    @Test
    void uIsThePairCount() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 50; trial++) {
            double[] a =
                    random.ints(1 + random.nextInt(20), 0, 10).asDoubleStream().toArray();
            double[] b =
                    random.ints(1 + random.nextInt(20), 0, 10).asDoubleStream().toArray();
            double pairs = 0;
            for (double x : a) {
                for (double y : b) {
                    pairs += y > x ? 1 : y == x ? 0.5 : 0;
                }
            }
            assertThat(MannWhitney.test(a, b).u()).isEqualTo(pairs);
        }
    }

    @Test
    void theBootstrapIntervalIsSeededAndCoversTheTrueRatio() {
        SplittableRandom random = new SplittableRandom(11);
        double[] before = random.doubles(30, 90, 110).toArray();
        double[] after = random.doubles(30, 108, 132).toArray();

        double[] ci = Bootstrap.ratioInterval(before, after, Bootstrap.Centre.MEDIAN, 0.95, 2_000, 42);

        assertThat(ci).isEqualTo(Bootstrap.ratioInterval(before, after, Bootstrap.Centre.MEDIAN, 0.95, 2_000, 42));
        assertThat(ci[0]).isLessThan(1.2).isGreaterThan(1.0);
        assertThat(ci[1]).isGreaterThan(1.2).isLessThan(1.4);
        double[] wider = Bootstrap.ratioInterval(before, after, Bootstrap.Centre.MEDIAN, 0.99, 2_000, 42);
        assertThat(wider[0]).isLessThanOrEqualTo(ci[0]);
        assertThat(wider[1]).isGreaterThanOrEqualTo(ci[1]);
    }

    @Test
    void aRatioOverZeroHasNoInterval() {
        assertThat(Bootstrap.ratioInterval(
                        new double[] {0, 0, 0}, new double[] {1, 2, 3}, Bootstrap.Centre.MEAN, 0.95, 1_000, 1))
                .isNull();
    }

    /** The counting median of a resample equals the sorted median: checked with every value drawn once. */
    @Test
    void aResampleThatDrawsEveryValueOnceHasTheSampleMedian() {
        for (double[] values : new double[][] {{3}, {1, 9}, {5, 1, 4, 2, 3}, {8, 1, 6, 2}}) {
            double[] ci = Bootstrap.ratioInterval(values, values, Bootstrap.Centre.MEDIAN, 0.95, 100, 3);
            assertThat(ci).as("a sample against itself").isNotNull();
            assertThat(ci[0]).isLessThanOrEqualTo(1).isPositive();
            assertThat(ci[1]).isGreaterThanOrEqualTo(1);
        }
        double[] constant = {4, 4, 4, 4, 4};
        assertThat(Bootstrap.ratioInterval(constant, new double[] {6, 6, 6}, Bootstrap.Centre.MEDIAN, 0.95, 100, 3))
                .containsExactly(1.5, 1.5);
    }

    @Test
    void mediansAndMeans() {
        assertThat(Bootstrap.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(Bootstrap.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(Bootstrap.mean(new double[] {1, 2, 6})).isEqualTo(3);
    }
}
