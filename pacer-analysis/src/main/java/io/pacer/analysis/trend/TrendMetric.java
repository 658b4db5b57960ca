package io.pacer.analysis.trend;

import java.util.List;
import java.util.Map;

/**
 * A metric trend analysis follows: seed 002's name for it, the stored series it is read from, and whether a rise is
 * good. CPU, memory, disk, latency, errors and lag are better lower; throughput and hit ratios higher.
 *
 * @param metric the name in the report ({@code cpu_usage} → {@code cpu_usage_trend})
 * @param series the stored series' name
 * @param labels labels the series must carry (e.g. one quantile of a latency); empty for all
 * @param higherIsBetter whether a rise is an improvement
 */
record TrendMetric(String metric, String series, Map<String, String> labels, boolean higherIsBetter) {

    /** The standard metrics, in report order; a metric may be read from several series (each analysed). */
    static final List<TrendMetric> STANDARD = List.of(
            lower("cpu_usage", "host.cpu.usage.ratio"),
            lower("memory_usage", "host.memory.used.ratio"),
            lower("heap_usage", "jvm.memory.heap.used.bytes"),
            lower("disk_usage", "host.disk.used.ratio"),
            lower("response_time", "health.latency.seconds"),
            new TrendMetric("response_time", "pacer_batcher_latency_microseconds", Map.of("quantile", "0.99"), false),
            lower("error_rate", "pacer_batcher_drop_rate_ratio"),
            lower("consumer_lag", "kafka.group.lag.records"),
            higher("throughput", "pacer_batcher_throughput_events_s"),
            higher("cache_hit_ratio", "redis.keyspace.hit.ratio"),
            higher("cache_hit_ratio", "postgres.cache.hit.ratio"),
            higher("cache_hit_ratio", "pacer_cache_hit_ratio"));

    /**
     * Series whose change points are load changes, named as possible causes of a change elsewhere at the same time;
     * {@code true} for a counter (read as its rate).
     */
    static final Map<String, Boolean> LOAD = Map.of(
            "pacer_batcher_throughput_events_s", false,
            "redis.ops.rate", false,
            "http_server_requests_seconds_count", true,
            "postgres.transactions.committed.total", true);

    private static TrendMetric lower(String metric, String series) {
        return new TrendMetric(metric, series, Map.of(), false);
    }

    private static TrendMetric higher(String metric, String series) {
        return new TrendMetric(metric, series, Map.of(), true);
    }
}
