package io.pacer.load.replay;

import io.pacer.load.Timeline;

/**
 * Turns a capture's timestamps into offsets from its first record. Time never runs backwards: a record stamped
 * earlier than the one before it (out of order) keeps the previous offset and is counted. Not thread-safe.
 */
final class CaptureTimeline {

    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final long MAX_OFFSET_MILLIS = Long.MAX_VALUE / NANOS_PER_MILLI;

    private final CaptureReader reader;
    private boolean started;
    private long firstMillis;
    private long offsetMillis;
    private long outOfOrder;
    private CaptureRecord current;

    CaptureTimeline(CaptureReader reader) {
        this.reader = reader;
    }

    /** Reads the next record and returns its offset in nanoseconds, or {@link Timeline#END}. */
    long next() {
        current = reader.next();
        if (current == null) {
            return Timeline.END;
        }
        long ts = current.timestampMillis();
        if (!started) {
            started = true;
            firstMillis = ts;
        }
        long offset = Math.min(ts - firstMillis, MAX_OFFSET_MILLIS);
        if (offset < offsetMillis) {
            outOfOrder++;
        } else {
            offsetMillis = offset;
        }
        return offsetMillis * NANOS_PER_MILLI;
    }

    /** The record {@link #next()} read last (null before the first and at the end). */
    CaptureRecord current() {
        return current;
    }

    /** Records stamped earlier than the record before them. */
    long outOfOrder() {
        return outOfOrder;
    }
}
