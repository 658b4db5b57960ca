/**
 * Analysis: turns the monitoring history into explained findings ({@link io.pacer.analysis.Finding}, each with its
 * {@link io.pacer.analysis.Evidence}), ranked recommendations, trends and forecasts — and, through
 * {@link io.pacer.analysis.action}, into safe, reversible changes.
 *
 * <p>Detectors read a {@link io.pacer.analysis.History} (a window of the store) and return findings; they do no I/O
 * of their own except the ones that inspect a live target to check a proposal (the PostgreSQL index advisor runs
 * {@code EXPLAIN} before it offers an index). The {@link io.pacer.analysis.Analyzer} runs them, scores the result and
 * turns findings into recommendations, each linked to the findings it rests on and, where one exists, to the action
 * that carries it out.
 */
package io.pacer.analysis;
