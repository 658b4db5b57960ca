package io.pacer.load;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the {@link LoadEngine} needs to know about a run except the driver.
 *
 * @param pacing         when operations start
 * @param users          simulated users (closed model: concurrent loops; open model: operations are dealt to users
 *                       round-robin so a driver can keep one client per user)
 * @param limit          when the measured part ends
 * @param warmup         the excluded, separately reported beginning
 * @param maxOutstanding operations started but not finished, at most; at the bound the schedule waits (and the
 *                       wait counts as latency from the intended start), so memory stays bounded
 * @param drainTimeout   how long to wait at the end for outstanding operations; those still open are counted as
 *                       failed with status {@code "incomplete"}
 * @param interval       length of one reporting interval
 */
public record Workload(
        Pacing pacing,
        int users,
        Limit limit,
        Warmup warmup,
        int maxOutstanding,
        Duration drainTimeout,
        Duration interval) {

    public static final int DEFAULT_MAX_OUTSTANDING = 10_000;
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final int MAX_USERS = 100_000;
    /** The shortest reporting interval. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    public Workload {
        Objects.requireNonNull(pacing, "pacing");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(interval, "interval");
        Check.range("users", users, 1, MAX_USERS);
        Check.atLeast("maxOutstanding", maxOutstanding, 1);
        Check.argument(
                !(pacing instanceof Pacing.Closed) || maxOutstanding >= users,
                "maxOutstanding (" + maxOutstanding + ") must be >= users (" + users
                        + ") in the closed model, where every user has one operation outstanding");
        Check.notNegative("drainTimeout", drainTimeout);
        Check.atLeast("interval", interval, MIN_INTERVAL);
    }

    /** A workload with default warm-up (none), outstanding bound, drain timeout and 1 s intervals. */
    public static Workload of(Pacing pacing, int users, Limit limit) {
        return new Workload(
                pacing, users, limit, Warmup.none(), DEFAULT_MAX_OUTSTANDING, DEFAULT_DRAIN_TIMEOUT, DEFAULT_INTERVAL);
    }

    public Workload withWarmup(Warmup newWarmup) {
        return new Workload(pacing, users, limit, newWarmup, maxOutstanding, drainTimeout, interval);
    }

    public Workload withMaxOutstanding(int newMaxOutstanding) {
        return new Workload(pacing, users, limit, warmup, newMaxOutstanding, drainTimeout, interval);
    }

    public Workload withDrainTimeout(Duration newDrainTimeout) {
        return new Workload(pacing, users, limit, warmup, maxOutstanding, newDrainTimeout, interval);
    }

    public Workload withInterval(Duration newInterval) {
        return new Workload(pacing, users, limit, warmup, maxOutstanding, drainTimeout, newInterval);
    }
}
