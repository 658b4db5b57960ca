package io.pacer.monitor.alert;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 002's threshold keys and the series they watch: the one table that maps them (also in {@code docs/alerts.md}).
 * Percentages in the seed become ratios, because collectors report ratios ({@code .ratio}, 0 to 1).
 */
final class SeedThresholds {

    /**
     * @param metric the series the key watches
     * @param divisor what the seed's number is divided by to be in the metric's unit (100 for a percentage)
     */
    record Mapping(String metric, double divisor) {}

    /** Section → key → mapping, in the seed's order. */
    static final Map<String, Map<String, Mapping>> TABLE = table();

    private SeedThresholds() {}

    private static Map<String, Map<String, Mapping>> table() {
        Map<String, Map<String, Mapping>> t = new LinkedHashMap<>();
        Map<String, Mapping> system = new LinkedHashMap<>();
        system.put("cpu_usage_percent", new Mapping("host.cpu.usage.ratio", 100));
        system.put("memory_usage_percent", new Mapping("host.memory.used.ratio", 100));
        system.put("disk_usage_percent", new Mapping("host.disk.used.ratio", 100));
        t.put("system_thresholds", system);
        Map<String, Mapping> service = new LinkedHashMap<>();
        service.put("response_time_seconds", new Mapping("health.latency.seconds", 1));
        service.put("error_rate_percent", new Mapping("stream.error.ratio", 100));
        service.put("connection_pool_utilization", new Mapping("postgres.connections.used.ratio", 100));
        t.put("service_thresholds", service);
        Map<String, Mapping> database = new LinkedHashMap<>();
        database.put("slow_queries_per_hour", new Mapping("postgres.slow_queries.per_hour", 1));
        database.put("cache_hit_ratio", new Mapping("postgres.cache.hit.ratio", 1));
        database.put("connection_count", new Mapping("postgres.connections", 1));
        t.put("database_thresholds", database);
        return t;
    }
}
