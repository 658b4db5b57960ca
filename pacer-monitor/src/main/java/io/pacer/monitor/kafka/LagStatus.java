package io.pacer.monitor.kafka;

/**
 * The state of a consumed partition or of a whole group, in Burrow's words and Burrow's order: each constant is worse
 * than the one before, and {@link #code()} is Burrow's number for it — the value of the {@code kafka.group.status} and
 * {@code kafka.partition.status} samples, so an alert can say {@code >= 2} for "WARN or worse".
 *
 * <p>{@link #ERR} is a group status only (Burrow's answer for a group with a STOP, STALL or REWIND partition); Pacer's
 * own group status is the worst partition's, so it says which of the three. {@link #NOTFOUND} is a group with no
 * committed offsets.
 */
public enum LagStatus {
    /** No such group, or it has no committed offsets: nothing to evaluate. */
    NOTFOUND,
    /** Caught up, within the allowed lag, or making progress. */
    OK,
    /** Consuming, but the lag did not decrease anywhere in the window: the consumer is slower than the producers. */
    WARN,
    /** Burrow's group status for a group with a STOP, STALL or REWIND partition. */
    ERR,
    /** Lagging, and no offset was committed for longer than the window spans. */
    STOP,
    /** Lagging, and the committed offset did not move in the whole window although commits kept coming. */
    STALL,
    /** The committed offset went backwards in the window and has not yet come back to where it was. */
    REWIND;

    /** Burrow's number for this status: NOTFOUND 0, OK 1, WARN 2, ERR 3, STOP 4, STALL 5, REWIND 6. */
    public int code() {
        return ordinal();
    }

    /** The worse of the two. */
    public LagStatus worse(LagStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** Burrow's group status for a group whose worst partition is this: STOP, STALL and REWIND become ERR. */
    public LagStatus asBurrowGroupStatus() {
        return ordinal() > ERR.ordinal() ? ERR : this;
    }
}
