package io.pacer.analysis;

import java.util.List;

/**
 * The stable identifiers of what detectors find. Recommendations, the dashboard and {@code bench/diagnose.sh} key on
 * them, so they never change meaning; a new detector adds a constant here.
 */
public final class FindingKinds {

    /** CPU busy near its limit for most of the window ({@code host.cpu.usage.ratio}, load per core). */
    public static final String CPU_SATURATION = "cpu.saturation";
    /** A noisy neighbour: the hypervisor takes CPU time ({@code host.cpu.steal.ratio}). */
    public static final String CPU_STEAL = "cpu.steal";
    /** Little memory left, or swapping ({@code host.memory.used.ratio}, {@code host.swap.used.ratio}). */
    public static final String MEMORY_PRESSURE = "memory.pressure";
    /** A JVM spends a large share of its time in GC ({@code jvm.gc.time.seconds.total}). */
    public static final String GC_THRASH = "jvm.gc.thrash";
    /** A heap whose floor (post-GC low points) only grows: leak suspicion ({@code jvm.memory.heap}). */
    public static final String HEAP_LEAK = "jvm.heap.leak";
    /** A disk nearly full, or filling fast enough to be full within a day ({@code host.disk.used.ratio}). */
    public static final String DISK_FULL = "disk.full";
    /** A disk whose I/O waits dominate ({@code host.cpu.iowait.ratio}). */
    public static final String DISK_SLOW = "disk.slow";
    /** A connection pool at its cap with callers waiting (Hikari meters, {@code postgres.connections.used.ratio}). */
    public static final String POOL_EXHAUSTED = "pool.exhausted";
    /** An HTTP endpoint whose p95/p99 is far above its own norm or an absolute limit. */
    public static final String SLOW_ENDPOINT = "endpoint.slow";
    /** A burst of errors: 5xx answers, failed deliveries, dropped events. */
    public static final String ERROR_BURST = "errors.burst";
    /** A consumer group whose lag keeps growing (Burrow's rules: the consumer falls behind). */
    public static final String LAG_GROWTH = "kafka.lag.growth";
    /** Lag (or traffic) concentrated on a few partitions. */
    public static final String PARTITION_SKEW = "kafka.partition.skew";
    /** Batches much smaller than allowed for the rate: linger too low, or max batch too small. */
    public static final String PRODUCER_BATCHING = "producer.batching";
    /** A circuit breaker that keeps opening and closing. */
    public static final String BREAKER_FLAPPING = "breaker.flapping";
    /** A sink that fails: the breaker open for most of the window, events spooled instead of delivered. */
    public static final String SINK_OUTAGE = "sink.outage";
    /** Redis's keyspace hit ratio fell well below its own norm. */
    public static final String REDIS_HIT_DROP = "redis.hit.drop";
    /** Redis evicts keys: maxmemory too small for the working set. */
    public static final String REDIS_EVICTIONS = "redis.evictions";
    /** PostgreSQL's buffer cache hit ratio fell. */
    public static final String POSTGRES_CACHE_DROP = "postgres.cache.drop";
    /** Statements slower than the slow-query threshold, often. */
    public static final String POSTGRES_SLOW_QUERIES = "postgres.slow.queries";
    /** A sequential scan on a large table with a selective predicate: a {@code CREATE INDEX} proposal. */
    public static final String POSTGRES_MISSING_INDEX = "postgres.missing.index";

    private FindingKinds() {}

    /** Every kind, in the order above. */
    public static List<String> all() {
        return List.of(
                CPU_SATURATION,
                CPU_STEAL,
                MEMORY_PRESSURE,
                GC_THRASH,
                HEAP_LEAK,
                DISK_FULL,
                DISK_SLOW,
                POOL_EXHAUSTED,
                SLOW_ENDPOINT,
                ERROR_BURST,
                LAG_GROWTH,
                PARTITION_SKEW,
                PRODUCER_BATCHING,
                BREAKER_FLAPPING,
                SINK_OUTAGE,
                REDIS_HIT_DROP,
                REDIS_EVICTIONS,
                POSTGRES_CACHE_DROP,
                POSTGRES_SLOW_QUERIES,
                POSTGRES_MISSING_INDEX);
    }
}
