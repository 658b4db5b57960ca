package io.pacer.load;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * When the measured part of a run ends: after a duration, a number of operations or a number of records,
 * whichever comes first. Warm-up is not counted against any of them. The engine rejects an unbounded limit unless
 * the driver is a {@link Timeline}.
 *
 * @param duration   measured time, or {@link Duration#ZERO} for no time bound
 * @param operations operations to start, or 0 for no count bound
 * @param records    records to move (sum of {@link Outcome#records()}), or 0 for no record bound — a consumer's
 *                   "read N records"
 */
public record Limit(Duration duration, long operations, long records) {

    public Limit {
        Objects.requireNonNull(duration, "duration");
        Check.notNegative("duration", duration);
        Check.atLeast("operations", operations, 0);
        Check.atLeast("records", records, 0);
    }

    /** No bound of its own: only for a driver that implements {@link Timeline}, which ends when it is exhausted. */
    public static Limit none() {
        return new Limit(Duration.ZERO, 0, 0);
    }

    /** Whether this limit bounds the run by itself (false for {@link #none()}). */
    public boolean bounded() {
        return !duration.isZero() || operations > 0 || records > 0;
    }

    public static Limit duration(Duration duration) {
        return new Limit(duration, 0, 0);
    }

    public static Limit operations(long operations) {
        return new Limit(Duration.ZERO, operations, 0);
    }

    public static Limit records(long records) {
        return new Limit(Duration.ZERO, 0, records);
    }
}
