package io.pacer.analysis.trend;

import io.pacer.verdict.compare.Normal;

/**
 * Normal-approximation p-values corrected for autocorrelation. Monitoring series are smooth: a gauge sampled every
 * few seconds resembles its last value, so n values carry the information of far fewer independent ones, and a test
 * that assumes independence (Mann-Kendall, Mann-Whitney) finds trends and shifts in mere wandering. With lag-1
 * autocorrelation ρ of the residuals, an AR(1) series of n values is worth about {@code n(1 − ρ)/(1 + ρ)} independent
 * ones (Matalas and Sankarasubramanian's variance inflation); the z statistic shrinks by the square root of that share.
 */
final class Significance {

    /** The largest autocorrelation used: beyond it the series is a random walk and nothing is significant anyway. */
    static final double MAX_RHO = 0.99;

    private Significance() {}

    /** The share of independent values in a series whose residuals have lag-1 autocorrelation {@code rho}. */
    static double effectiveShare(double rho) {
        double r = Math.max(0, Math.min(MAX_RHO, Double.isNaN(rho) ? 0 : rho));
        return (1 - r) / (1 + r);
    }

    /** The two-sided p-value of a test whose p was {@code p} on {@code effectiveShare} of the values it assumed. */
    static double corrected(double p, double effectiveShare) {
        return effectiveShare >= 1 ? p : Normal.twoSidedP(z(p) * Math.sqrt(effectiveShare));
    }

    /** The |z| whose two-sided p-value is {@code p} (bisection: the normal tail is accurate far beyond 1e-300). */
    static double z(double p) {
        if (!(p < 1)) {
            return 0;
        }
        double lo = 0;
        double hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (Normal.twoSidedP(mid) > p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** The standard normal quantile of {@code probability}, by bisection of the normal CDF. */
    static double quantile(double probability) {
        double lo = -10;
        double hi = 10;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (Normal.cdf(mid) < probability) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
