package io.pacer.monitor.alert;

import java.time.Instant;
import java.util.List;

/**
 * Where alert transitions are kept, for {@code pacer alerts history} and for {@code pacer alerts list} (the alerts
 * open now, which another process can read without the engine's memory).
 *
 * <p>Two implementations: {@link #inMemory} (bounded, lost on exit, for tests) and the history store's,
 * {@code MetricStore.alertHistory()} over JDBC, which {@code pacer monitor} uses. A stored one must:
 *
 * <ul>
 *   <li>keep every field of {@link AlertTransition}: rule, series name and labels (as the store keeps sample labels),
 *       from, to, severity, value (NULL for no data), threshold, at, since, action, message — one row per transition,
 *       indexed by {@code at} and by (rule, series);
 *   <li>return from {@link #open} the latest transition of each (rule, series) whose {@code to} is PENDING or FIRING,
 *       so that the open alerts survive a restart and another process sees them;
 *   <li>never stall evaluation: {@link #record} is called on the evaluation thread, so it goes through the store's
 *       buffered writer (rows lost to an outage beyond the buffer are counted and logged, as for samples);
 *   <li>keep transitions for the store's longest retention (the 1-day resolution's, 2 years by default) — they are
 *       few;
 *   <li>pass {@code AlertHistoryContract}, the test the in-memory history passes (a subclass per store).
 * </ul>
 */
public interface AlertHistory {

    /** Keeps one transition. Called in the order transitions happen. */
    void record(AlertTransition transition);

    /**
     * Transitions with {@code from <= at < to}, oldest first; at most {@code limit}, the newest ones when there are
     * more.
     */
    List<AlertTransition> transitions(Instant from, Instant to, int limit);

    /** The latest transition of every alert that is still pending or firing, oldest first. */
    List<AlertTransition> open();

    /**
     * A history in memory only — lost when the process ends — keeping the newest {@code capacity} transitions (the
     * open alerts' latest transitions are kept regardless). Thread-safe.
     */
    static AlertHistory inMemory(int capacity) {
        return new InMemoryAlertHistory(capacity);
    }
}
