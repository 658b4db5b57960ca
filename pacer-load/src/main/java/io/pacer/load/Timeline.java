package io.pacer.load;

/**
 * Implemented by a {@link Driver} whose operations come from a finite, timed source — a recorded capture.
 *
 * <p>With {@link Pacing.Recorded} the engine starts each operation at its recorded offset divided by the speed
 * factor (latency still counts from that intended start); with {@link Pacing.Unlimited} it ignores the offsets
 * and replays as fast as possible. Either way the run ends when the timeline is exhausted (or the
 * {@link Limit} is reached first).
 *
 * <p>Called only from the engine's single pacing thread, once before each {@link Driver#start}.
 */
public interface Timeline {

    /** Returned by {@link #nextOffsetNanos()} when no operation is left. */
    long END = -1;

    /**
     * Advances to the next recorded operation and returns its offset in nanoseconds from the first one (0 for the
     * first), or {@link #END}. The following {@link Driver#start} performs that operation.
     */
    long nextOffsetNanos();
}
