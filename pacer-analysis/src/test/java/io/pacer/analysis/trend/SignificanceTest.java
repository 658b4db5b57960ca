package io.pacer.analysis.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.verdict.compare.Normal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The autocorrelation correction: z recovered from p far into the tail, shrunk by the effective share. */
class SignificanceTest {

    @ParameterizedTest(name = "z {0}, rho {1}: z becomes {2}")
    @CsvSource({
        "1.96, 0,    1.96",
        "3,    -0.3, 3",
        "30,   0.9,  6.882472",
        "8,    0.5,  4.618802",
        "2,    1.0,  0.141776",
    })
    void zShrinksByTheSquareRootOfTheEffectiveShare(double z, double rho, double expected) {
        double p = Normal.twoSidedP(z);

        assertThat(Significance.z(p)).isCloseTo(z, within(1e-6 * z));
        assertThat(Significance.z(Significance.corrected(p, Significance.effectiveShare(rho))))
                .isCloseTo(expected, within(1e-5));
    }

    @ParameterizedTest(name = "P(Z <= {1}) = {0}")
    @CsvSource({"0.975, 1.959964", "0.5, 0", "0.1, -1.281552"})
    void theNormalQuantileInvertsTheCdf(double probability, double z) {
        assertThat(Significance.quantile(probability)).isCloseTo(z, within(1e-5));
    }
}
