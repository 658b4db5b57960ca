package io.pacer.verdict.compare;

/**
 * The standard normal distribution, as far as the tests here need it. Public so that other modules' tests on
 * normal approximations (pacer-analysis's Mann-Kendall trend test, its prediction intervals) share it.
 */
public final class Normal {

    /** Chebyshev coefficients of Numerical Recipes' {@code erfcc} (2nd ed., §6.2), highest order last. */
    private static final double[] ERFC = {
        -1.26551223,
        1.00002368,
        0.37409196,
        0.09678418,
        -0.18628806,
        0.27886807,
        -1.13520398,
        1.48851587,
        -0.82215223,
        0.17087277
    };

    private Normal() {}

    /** P(|Z| ≥ |z|) for a standard normal Z: the two-sided p-value of a z statistic. */
    public static double twoSidedP(double z) {
        return Math.min(1, erfc(Math.abs(z) / Math.sqrt(2)));
    }

    /** P(Z ≤ z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /**
     * The complementary error function with a fractional error below 1.2e-7 everywhere — far finer than any p-value
     * decision needs.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double poly = 0;
        for (int i = ERFC.length - 1; i >= 1; i--) {
            poly = t * (ERFC[i] + poly);
        }
        double r = t * Math.exp(-z * z + ERFC[0] + poly);
        return x >= 0 ? r : 2 - r;
    }
}
