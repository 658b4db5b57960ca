package io.pacer.analysis.action.redis;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.internal.Check;
import java.time.Duration;

/** Executors of Redis changes. */
public final class RedisExecutors {

    /** How long one call to Redis may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private RedisExecutors() {}

    /**
     * {@code redis.config}: a running server's parameter through {@code CONFIG GET}/{@code CONFIG SET} (no restart,
     * not written to redis.conf); target {@code host:port} or a {@code redis://} URI, parameters {@code parameter} and
     * {@code value}. Safe for auto-optimisation: raising {@code maxmemory} (at most 4×, from a set limit) and the
     * observability parameters ({@code slowlog-*}, {@code latency-monitor-threshold}) — nothing that drops data or
     * changes what clients see.
     *
     * @param timeout how long one call may take
     */
    public static ActionExecutor config(Duration timeout) {
        Check.duration("redis action timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(5));
        return new RedisConfigExecutor(timeout);
    }
}
