package io.pacer.testing;

import io.pacer.time.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link Ticker} that moves only when told to, for deterministic tests of time-driven logic: hand it to a
 * batcher or cache with {@code .ticker(time)}, then {@link #advance} instead of sleeping.
 *
 * <p>{@link #at} schedules an action for a point in ticker time; it runs on the thread whose {@link #advance}
 * reaches that point, after the time has moved, in time order (ties in scheduling order). That is how an
 * {@link InMemorySink} created with this ticker acknowledges a delayed batch "later" without a real wait.
 */
public final class ManualTicker implements Ticker {
    private record Alarm(long at, long seq, Runnable action) {}

    private final PriorityQueue<Alarm> alarms =
            new PriorityQueue<>((a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long scheduled;

    @Override
    public synchronized long nanos() {
        return now;
    }

    /**
     * Moves time forward by {@code step} (must not be negative), runs every action now due, and returns the new
     * time.
     */
    public long advance(Duration step) {
        Objects.requireNonNull(step, "step");
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must be >= 0, but was " + step);
        }
        long reached;
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            now += step.toNanos();
            reached = now;
            while (!alarms.isEmpty() && alarms.peek().at - now <= 0) {
                due.add(alarms.poll().action);
            }
        }
        due.forEach(Runnable::run);
        return reached;
    }

    /** Runs {@code action} once time reaches {@code atNanos}: at once (on this thread) if it already has. */
    public void at(long atNanos, Runnable action) {
        Objects.requireNonNull(action, "action");
        synchronized (this) {
            if (atNanos - now > 0) {
                alarms.add(new Alarm(atNanos, scheduled++, action));
                return;
            }
        }
        action.run();
    }
}
