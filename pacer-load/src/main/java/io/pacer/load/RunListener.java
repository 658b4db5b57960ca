package io.pacer.load;

import org.HdrHistogram.AbstractHistogram;

/**
 * Receives a run's live progress: one {@link IntervalStats} per interval, the end of the warm-up and notices
 * such as "generator behind schedule". Called on the engine's reporter thread, never concurrently; a listener
 * should return quickly. An exception thrown by a listener is reported as a notice and otherwise ignored.
 */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {};

    /** Once per interval, warm-up intervals included (flagged {@link IntervalStats#warmup()}). */
    default void onInterval(IntervalStats stats) {}

    /**
     * Once per interval with the interval's latency histogram (µs) beside its figures, for a listener that sends
     * intervals elsewhere to be merged exactly ({@code pacer worker}). The histogram is the engine's own and valid
     * only during the call: encode or copy it, never keep it. By default this calls {@link #onInterval(IntervalStats)}.
     */
    default void onInterval(IntervalStats stats, AbstractHistogram latency) {
        onInterval(stats);
    }

    /** Once, when the warm-up ends (not called for a run without warm-up). */
    default void onWarmupEnd(RunResult.WarmupSummary warmup) {}

    /** A human-readable remark that also goes into {@link RunResult#notices()}. */
    default void onNotice(String message) {}
}
