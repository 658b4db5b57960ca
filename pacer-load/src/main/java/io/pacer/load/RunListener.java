package io.pacer.load;

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

    /** Once, when the warm-up ends (not called for a run without warm-up). */
    default void onWarmupEnd(RunResult.WarmupSummary warmup) {}

    /** A human-readable remark that also goes into {@link RunResult#notices()}. */
    default void onNotice(String message) {}
}
