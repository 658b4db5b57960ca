package io.pacer.analysis;

import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of seed 002's {@code system_metrics}, {@code integration_metrics} and {@code database_metrics} (and seed
 * 004's cost-performance view), computed from the window's stored series with the seed's keys. A key is present only
 * when the window holds the series it rests on: an absent figure is never reported as 0.
 */
final class WindowMetrics {

    /** The seed's {@code *_mb} are mebibytes, as psutil's byte counters divided by 1024² give them. */
    static final double MEBIBYTE = 1024.0 * 1024.0;

    /** Collector kinds that are not integrations: the machine, JVMs and the database (reported on their own). */
    private static final Set<String> NOT_INTEGRATIONS = Set.of("host", "jvm", "postgres");

    private WindowMetrics() {}

    /**
     * {@code cpu_usage_percent} and {@code memory_usage_percent}: the window's mean; {@code disk_usage_percent}: the
     * fullest mount's latest; {@code network_bytes_sent_mb}/{@code _recv_mb}: MiB moved during the window (the
     * rates integrated over time, every interface).
     */
    static Map<String, Object> system(History h) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfFinite(m, "cpu_usage_percent", round(meanOfMeans(h.series("host.cpu.usage.ratio")) * 100, 1));
        putIfFinite(m, "memory_usage_percent", round(meanOfMeans(h.series("host.memory.used.ratio")) * 100, 1));
        putIfFinite(m, "disk_usage_percent", round(maxOfLasts(h.series("host.disk.used.ratio")) * 100, 1));
        putIfFinite(
                m,
                "network_bytes_sent_mb",
                round(transferred(h.series("host.network.transmit.bytes.rate")) / MEBIBYTE, 1));
        putIfFinite(
                m,
                "network_bytes_recv_mb",
                round(transferred(h.series("host.network.receive.bytes.rate")) / MEBIBYTE, 1));
        return m;
    }

    /**
     * An integration is a health-checked URL, a scraped application, a Redis or a Kafka cluster the monitor collects
     * from (every {@code collector.up} but the host, JVMs and PostgreSQL, plus every {@code health.up} target); it is
     * healthy when its latest collection succeeded and, for a health check, answered 2xx. {@code
     * average_response_time} is the health checks' mean latency in seconds, as the seed's example gives it.
     */
    static Map<String, Object> integration(History h) {
        Map<String, Boolean> healthy = new TreeMap<>();
        for (Series s : h.series("collector.up")) {
            String name = s.labels().get("collector");
            if (name != null
                    && !NOT_INTEGRATIONS.contains(name.split(":", 2)[0])
                    && !s.points().isEmpty()) {
                healthy.merge(name, SeriesStats.last(s) >= 1, Boolean::logicalAnd);
            }
        }
        for (Series s : h.series("health.up")) {
            String target = s.labels().get("target");
            if (target != null && !s.points().isEmpty()) {
                healthy.merge("health:" + target, SeriesStats.last(s) >= 1, Boolean::logicalAnd);
            }
        }
        if (healthy.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("integrations_tested", healthy.size());
        m.put("healthy_integrations", (int)
                healthy.values().stream().filter(Boolean::booleanValue).count());
        putIfFinite(m, "average_response_time", round(meanOfMeans(h.series("health.latency.seconds")), 3));
        List<String> failed = new ArrayList<>();
        healthy.forEach((name, ok) -> {
            if (!ok) {
                failed.add(name);
            }
        });
        m.put("failed_integrations", List.copyOf(failed));
        return m;
    }

    /**
     * {@code active_connections}: client backends at the latest collection, every PostgreSQL target (else the pools'
     * active connections); {@code slow_queries_count}: slow statement calls during the window; {@code
     * cache_hit_ratio}: buffer hits over hits plus reads during the window (the counters' increase, so a long-gone
     * cold start does not flatter it); {@code average_query_time_ms}: execution time over calls of the tracked
     * statements during the window.
     */
    static Map<String, Object> database(History h) {
        Map<String, Object> m = new LinkedHashMap<>();
        double active = sumOfLasts(h.series("postgres.connections"));
        if (Double.isNaN(active)) {
            active = sumOfLasts(h.series("hikaricp_connections_active"));
        }
        if (!Double.isNaN(active)) {
            m.put("active_connections", Math.round(active));
        }
        double slow = sumOfIncreases(h.series("postgres.slow_queries.total"));
        if (!Double.isNaN(slow)) {
            m.put("slow_queries_count", Math.round(slow));
        }
        double hits = sumOfIncreases(h.series("postgres.blocks.hit.total"));
        double reads = sumOfIncreases(h.series("postgres.blocks.read.total"));
        double ratio = hits + reads > 0 ? hits / (hits + reads) : meanOfMeans(h.series("postgres.cache.hit.ratio"));
        putIfFinite(m, "cache_hit_ratio", round(ratio, 4));
        double seconds = sumOfIncreases(h.series("postgres.statement.total.seconds"));
        double calls = sumOfIncreases(h.series("postgres.statement.calls.total"));
        if (calls > 0) {
            putIfFinite(m, "average_query_time_ms", round(seconds / calls * 1000, 1));
        }
        return m;
    }

    /**
     * Seed 004's cost-performance view, cheap and honest: events the applications' Pacer batchers delivered per
     * second, the CPU cores busy meanwhile on this host, and their ratio — work per core, the figure a cost per event
     * follows from. Empty when the window holds no batcher throughput.
     */
    static Map<String, Object> costPerformance(History h) {
        List<Series> throughput = h.series("pacer_batcher_throughput_events_s");
        double eventsPerSecond = 0;
        boolean any = false;
        for (Series s : throughput) {
            double mean = SeriesStats.mean(s);
            if (Double.isFinite(mean)) {
                eventsPerSecond += mean;
                any = true;
            }
        }
        if (!any) {
            return Map.of();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughput_events_per_second", round(eventsPerSecond, 1));
        double cores = maxOfLasts(h.series("host.cpu.cores"));
        double usage = meanOfMeans(h.series("host.cpu.usage.ratio"));
        if (Double.isFinite(cores) && Double.isFinite(usage)) {
            double busy = cores * usage;
            m.put("cpu_cores_busy", round(busy, 2));
            if (busy > 0) {
                m.put("events_per_cpu_core_second", round(eventsPerSecond / busy, 1));
            }
        }
        return m;
    }

    /** The mean of each series' mean; NaN when there is none. */
    static double meanOfMeans(List<Series> series) {
        return series.stream()
                .mapToDouble(SeriesStats::mean)
                .filter(Double::isFinite)
                .average()
                .orElse(Double.NaN);
    }

    private static double maxOfLasts(List<Series> series) {
        return series.stream()
                .mapToDouble(SeriesStats::last)
                .filter(Double::isFinite)
                .max()
                .orElse(Double.NaN);
    }

    private static double sumOfLasts(List<Series> series) {
        double[] lasts = series.stream()
                .mapToDouble(SeriesStats::last)
                .filter(Double::isFinite)
                .toArray();
        return lasts.length == 0 ? Double.NaN : Arrays.stream(lasts).sum();
    }

    /** The counters' increases summed (resets handled); NaN when no series has two points. */
    private static double sumOfIncreases(List<Series> series) {
        double total = 0;
        boolean any = false;
        for (Series s : series) {
            if (s.points().size() >= 2) {
                total += SeriesStats.increase(s);
                any = true;
            }
        }
        return any ? total : Double.NaN;
    }

    /**
     * A rate series (per second) integrated over time: each point's mean times the time to the next point; the last
     * point counts for the median gap. NaN when there is no point.
     */
    static double transferred(List<Series> series) {
        double total = 0;
        boolean any = false;
        for (Series s : series) {
            List<Point> points = s.points();
            if (points.isEmpty()) {
                continue;
            }
            any = true;
            double[] gaps = new double[Math.max(0, points.size() - 1)];
            for (int i = 0; i + 1 < points.size(); i++) {
                gaps[i] = Duration.between(
                                        points.get(i).timestamp(),
                                        points.get(i + 1).timestamp())
                                .toMillis()
                        / 1000.0;
            }
            double lastGap = gaps.length == 0 ? 0 : SeriesStats.quantile(gaps, 0.5);
            for (int i = 0; i < points.size(); i++) {
                double avg = points.get(i).avg();
                if (Double.isFinite(avg)) {
                    total += avg * (i < gaps.length ? gaps[i] : lastGap);
                }
            }
        }
        return any ? total : Double.NaN;
    }

    private static void putIfFinite(Map<String, Object> m, String key, double value) {
        if (Double.isFinite(value)) {
            m.put(key, value);
        }
    }

    static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
