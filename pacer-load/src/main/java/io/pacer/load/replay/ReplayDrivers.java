package io.pacer.load.replay;

import io.pacer.load.Driver;

/** Entry point for replaying a recorded capture into a Kafka topic. */
public final class ReplayDrivers {

    private ReplayDrivers() {}

    /**
     * A driver that is also an {@link io.pacer.load.Timeline}: each {@code nextOffsetNanos()} streams the next record
     * of the capture and returns its recorded offset from the first; the following {@code start} sends it (key,
     * value, headers; the timestamp is the send time, so the topic's retention treats replayed records as new) and
     * completes with {@code Outcome.ok(key + value bytes)} once the broker acknowledged it.
     *
     * <p>{@code open()} creates the topic if absent. {@code summary()} reports {@code records} and {@code bytes}
     * acknowledged, {@code skipped_lines} and {@code out_of_order_timestamps} (records stamped earlier than the one
     * before; they are sent at the previous record's offset).
     */
    public static Driver replay(ReplaySettings settings) {
        return new ReplayDriver(settings);
    }
}
