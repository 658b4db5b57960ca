package io.pacer.load;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * When the operations of a run are meant to start: one schedule per {@link Pacing} variant, made by
 * {@link #of(Pacing)}. The {@link PacingLoop} asks it, on the pacing thread, for each operation's intended start.
 *
 * <ul>
 *   <li>{@link OpenSchedule} ({@link Pacing.Open}) and {@link Recorded} ({@link Pacing.Recorded}) are
 *       {@link Timed}: every start is fixed in advance, whatever the system under test does.</li>
 *   <li>{@link Unlimited} is {@link Timed} with no schedule at all: each operation is due now, and its latency counts
 *       from its actual start.</li>
 *   <li>{@link Closed} knows when each user is ready again: a think time after its last operation completed.</li>
 * </ul>
 *
 * Times are ns from the start of the run; the step origin (the end of the warm-up) is {@link #UNKNOWN} until the
 * reporter hands it over.
 */
sealed interface Schedule permits Schedule.Timed, Schedule.Closed {

    /** A step origin not known yet. */
    long UNKNOWN = Long.MAX_VALUE;

    static Schedule of(Pacing pacing) {
        if (pacing instanceof Pacing.Open open) {
            return new OpenSchedule(open);
        }
        if (pacing instanceof Pacing.Recorded recorded) {
            return new Recorded(recorded.speed());
        }
        if (pacing instanceof Pacing.Closed closed) {
            return new Closed(closed.thinkTime().toNanos());
        }
        return new Unlimited();
    }

    /** The rate asked for at {@code offset}, operations per second, or 0 for a schedule without one; any thread. */
    default double rateAt(long offset, long stepOrigin) {
        return 0;
    }

    /** Whether the run reports a target rate: the rate its intended starts add up to (open and recorded timing). */
    default boolean hasTargetRate() {
        return false;
    }

    /** A schedule that gives the next operation its start; the pacing thread waits until then. */
    sealed interface Timed extends Schedule permits OpenSchedule, Recorded, Unlimited {

        /**
         * The next operation's intended start.
         *
         * @param timelineOffset the driver's {@link Timeline} offset for it (0 without a timeline)
         * @param stepOrigin     the end of the warm-up, or {@link #UNKNOWN}
         * @param now            the current time
         */
        long next(long timelineOffset, long stepOrigin, long now);

        /**
         * Whether the pacing thread waits for each operation's intended start; without a schedule (unlimited) it does
         * not, and latency counts from the operation's actual start, as there is no schedule to be late for.
         */
        default boolean paced() {
            return true;
        }
    }

    /** The recorded timeline, scaled: {@code speed} 2 replays twice as fast. */
    final class Recorded implements Timed {
        private final double speed;

        Recorded(double speed) {
            this.speed = speed;
        }

        @Override
        public long next(long timelineOffset, long stepOrigin, long now) {
            return (long) (timelineOffset / speed);
        }

        @Override
        public boolean hasTargetRate() {
            return true;
        }
    }

    /** No schedule: every operation is due now, bounded only by the outstanding limit. */
    final class Unlimited implements Timed {
        @Override
        public long next(long timelineOffset, long stepOrigin, long now) {
            return now;
        }

        @Override
        public boolean paced() {
            return false;
        }
    }

    /**
     * The closed model: each user is ready again {@code thinkNanos} after its operation completed. Completions
     * come from any thread ({@link #returned}); the pacing thread takes the users in the order they are ready.
     */
    final class Closed implements Schedule {
        private final long thinkNanos;
        private final PriorityQueue<Ready> due = new PriorityQueue<>(Comparator.comparingLong(Ready::at));
        private final Queue<Ready> returned = new ConcurrentLinkedQueue<>();

        Closed(long thinkNanos) {
            this.thinkNanos = thinkNanos;
        }

        /** Every user is ready at {@code start}; pacing thread. */
        void begin(int users, long start) {
            for (int user = 0; user < users; user++) {
                due.add(new Ready(user, start));
            }
        }

        /** {@code user}'s operation completed at {@code now}; any thread. */
        void returned(int user, long now) {
            returned.add(new Ready(user, now + thinkNanos));
        }

        /** The user ready first, or null while every user has an operation outstanding; pacing thread. */
        Ready peek() {
            for (Ready r; (r = returned.poll()) != null; ) {
                due.add(r);
            }
            return due.peek();
        }

        /** Takes the user {@link #peek()} returned; pacing thread. */
        void take() {
            due.poll();
        }

        /** Whether a completion arrived since the last {@link #peek()}. */
        boolean hasReturned() {
            return !returned.isEmpty();
        }

        record Ready(int user, long at) {}
    }
}
