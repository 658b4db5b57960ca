package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.Analysis;
import io.pacer.analysis.Category;
import io.pacer.analysis.Effort;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.Level;
import io.pacer.analysis.Priority;
import io.pacer.analysis.Recommendation;
import io.pacer.analysis.action.ActionRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalysisTableTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void showsFindingsAndHowToCarryOutEachRecommendation() {
        Map<String, String> redis = Map.of("target", "127.0.0.1:6379");
        Evidence e = new Evidence(
                "redis.evicted.keys.total", redis, "increase", 22_500, ">", 0, NOW.minusSeconds(300), NOW, "");
        Finding evictions = new Finding(
                "redis.evictions", Category.INTEGRATION, Level.CRITICAL, 0.9, redis, "Redis evicts keys", List.of(e));
        Recommendation sizing = new Recommendation(
                "cache_sizing{target=127.0.0.1:6379}",
                "caching",
                "cache_sizing",
                Priority.CRITICAL,
                "Redis evicts keys — maxmemory 64 MiB → 128 MiB",
                List.of("CONFIG SET maxmemory 134217728"),
                "Expect evictions near 0",
                Effort.LOW,
                List.of(evictions.id()),
                new ActionRequest(
                        "redis.config", "127.0.0.1:6379", Map.of("parameter", "maxmemory", "value", "134217728")));
        Recommendation advice = new Recommendation(
                "cpu_optimization",
                "system_resources",
                "cpu_optimization",
                Priority.LOW,
                "CPU busy",
                List.of("Profile the busiest process", "Scale out"),
                "Expect CPU below 70 %",
                Effort.HIGH,
                List.of("cpu.saturation"),
                null);
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("cpu_usage_percent", 65.2);
        system.put("disk_usage_percent", 40.0);
        Analysis a = new Analysis(
                NOW,
                300,
                77.5,
                0.042,
                system,
                Map.of(),
                Map.of(),
                List.of(sizing, advice),
                List.of(evictions),
                List.of(),
                List.of(evictions),
                Map.of(),
                List.of("detector gc failed: IllegalStateException: boom"),
                Map.of());

        List<String> lines = AnalysisTable.lines(a, "/data/metrics.db");

        assertThat(lines)
                .containsSubsequence(
                        "pacer analyze  performance score 77.5/100  window 5m ending 2026-11-29T12:00:00Z"
                                + "  (0.042 s, /data/metrics.db)",
                        "SYSTEM       cpu_usage_percent=65.2  disk_usage_percent=40",
                        "BOTTLENECKS  1 (1 critical)",
                        "  critical  0.90  redis.evictions         Redis evicts keys  {target=127.0.0.1:6379}",
                        "RECOMMENDATIONS  2",
                        "  1. [critical, effort low] caching/cache_sizing: Redis evicts keys — maxmemory 64 MiB → 128"
                                + " MiB",
                        "     expect: Expect evictions near 0",
                        "     apply: pacer act plan --kind redis.config --target 127.0.0.1:6379 -p parameter=maxmemory"
                                + " -p value=134217728",
                        "  2. [low, effort high] system_resources/cpu_optimization: CPU busy",
                        "     do: Profile the busiest process",
                        "PROBLEMS (the analysis went on without these)",
                        "  detector gc failed: IllegalStateException: boom");
        assertThat(lines).noneMatch(l -> l.startsWith("INTEGRATION") || l.startsWith("DATABASE"));
    }
}
