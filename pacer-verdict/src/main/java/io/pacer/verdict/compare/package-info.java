/**
 * Noise-aware comparison of a baseline with a result ({@code pacer compare}). Entry point:
 * {@link io.pacer.verdict.compare.Comparisons}; the outcome is plain records a report can render
 * ({@link io.pacer.verdict.compare.RunComparison}, {@link io.pacer.verdict.compare.SuiteComparison},
 * {@link io.pacer.verdict.compare.MetricComparison}). A change counts only when it is statistically significant over
 * the runs' per-interval samples and larger than the tolerance: one number against another would call every wobble
 * of a noisy run a regression. The method and its measured power are in {@code docs/compare.md}.
 */
package io.pacer.verdict.compare;
