/**
 * Verdicts on runs: suites of scenarios with gates ({@code pacer full}), the capacity search, reports (console, JSON,
 * HTML, JUnit XML), baselines, and the noise-aware comparison of two runs ({@code pacer compare}). Everything here
 * reads {@link io.pacer.load.RunResult}s; nothing here drives load itself.
 */
package io.pacer.verdict;
