package io.pacer.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when told to; for deterministic tests of time-driven logic. */
public final class ManualTicker implements Ticker {
    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanos() {
        return now.get();
    }

    /** Moves time forward by {@code step} (must not be negative) and returns the new time. */
    public long advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("step must be >= 0, but was " + step);
        }
        return now.addAndGet(step.toNanos());
    }
}
