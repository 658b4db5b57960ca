package io.pacer.load;

/**
 * One scheduled operation handed to a {@link Driver}.
 *
 * @param user             index of the simulated user (0-based); drivers may keep one client or connection per user
 * @param sequence         0-based number of this operation in the run, unique across users
 * @param intendedStartNanos the ticker time (in {@link io.pacer.time.Ticker#nanos()}) at which the schedule wanted this
 *                         operation to begin; latency is measured from here, not from the moment it actually began
 */
public record Call(int user, long sequence, long intendedStartNanos) {}
