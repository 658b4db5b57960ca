package io.pacer.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.analysis.recommend.RecommendationCatalogue;
import io.pacer.internal.Json;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The analyzer with fake detectors (units without I/O): selection, failures, dedup, ranking, score, metrics. */
class DefaultAnalyzerTest {

    private static final Duration SPAN = Duration.ofMinutes(15);
    private static final Duration STEP = Duration.ofSeconds(10);

    /** A detector returning what {@code find} makes of the context, and remembering the windows it saw. */
    static final class Fake implements Detector {
        final String name;
        final Category category;
        final boolean quick;
        final Function<AnalysisContext, List<Finding>> find;
        final List<Duration> windows = new ArrayList<>();

        Fake(String name, Category category, boolean quick, Function<AnalysisContext, List<Finding>> find) {
            this.name = name;
            this.category = category;
            this.quick = quick;
            this.find = find;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Category category() {
            return category;
        }

        @Override
        public boolean quick() {
            return quick;
        }

        @Override
        public List<Finding> detect(AnalysisContext context) {
            windows.add(Duration.between(context.history().from(), context.now()));
            return find.apply(context);
        }
    }

    static Finding finding(
            String kind, Category category, Level level, double confidence, Map<String, String> subject) {
        Evidence e =
                new Evidence("x.series", subject, "mean", 1, ">=", 0.5, Synthetic.NOW.minus(SPAN), Synthetic.NOW, "");
        return new Finding(kind, category, level, confidence, subject, kind + " on " + subject, List.of(e));
    }

    private static Fake returning(String name, Category category, Finding... findings) {
        return new Fake(name, category, true, c -> List.of(findings));
    }

    private static Analysis analyze(List<Detector> detectors, AnalysisRequest request, Series... series) {
        AtomicLong clock = new AtomicLong();
        Analyzer analyzer =
                new DefaultAnalyzer(detectors, RecommendationCatalogue.standard(), () -> clock.addAndGet(1_000_000));
        return analyzer.analyze(Synthetic.context(SPAN, series), request);
    }

    @Test
    void findingsAreDeduplicatedRankedAndScored() {
        Finding cpuWarning = finding(FindingKinds.CPU_SATURATION, Category.SYSTEM, Level.WARNING, 0.5, Map.of());
        Finding cpuCritical = finding(FindingKinds.CPU_SATURATION, Category.SYSTEM, Level.CRITICAL, 0.6, Map.of());
        Finding lag =
                finding(FindingKinds.LAG_GROWTH, Category.INTEGRATION, Level.CRITICAL, 1.0, Map.of("group", "orders"));
        Finding skew = finding(
                FindingKinds.PARTITION_SKEW, Category.INTEGRATION, Level.WARNING, 0.9, Map.of("topic", "orders"));
        Finding note = finding(FindingKinds.DISK_SLOW, Category.SYSTEM, Level.INFO, 1.0, Map.of());
        Analysis a = analyze(
                List.of(
                        returning("cpu-a", Category.SYSTEM, cpuWarning, note),
                        returning("stream", Category.INTEGRATION, skew, lag),
                        returning("cpu-b", Category.SYSTEM, cpuCritical)),
                AnalysisRequest.full());

        // one cpu finding (the critical one wins over the warning with the same id), ranked level > confidence
        assertThat(a.bottlenecks()).containsExactly(lag, cpuCritical, skew, note);
        assertThat(a.criticalIssues()).containsExactly(lag, cpuCritical);
        // 100 − 25×1.0 (lag) − 25×0.6 (cpu) − 8×0.9 (skew) − 0 (info) = 52.8
        assertThat(a.performanceScore()).isEqualTo(52.8);
        assertThat(a.problems()).isEmpty();
        assertThat(a.detectorSeconds()).containsOnlyKeys("cpu-a", "stream", "cpu-b");
        assertThat(a.detectorSeconds().values()).allSatisfy(s -> assertThat(s).isEqualTo(0.001));
        assertThat(a.analysisDurationSeconds()).isPositive();
        assertThat(a.windowSeconds()).isEqualTo(SPAN.toSeconds());
        assertThat(a.timestamp()).isEqualTo(Synthetic.NOW);
        // recommendations: none for the info note; lag critical (3 × 1.0), then the two high ones (cpu 3 × 0.6,
        // skew 2 × 0.9) by confidence
        assertThat(a.optimizationRecommendations())
                .extracting(Recommendation::type)
                .containsExactly("consumer_scaling", "partitioning", "cpu_optimization");
        assertThat(a.optimizationRecommendations().get(0).findings()).containsExactly(lag.id());
    }

    @Test
    void scoreIsOneHundredWhenQuietAndNeverBelowZero() {
        assertThat(DefaultAnalyzer.score(List.of())).isEqualTo(100.0);
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            many.add(finding(FindingKinds.SLOW_ENDPOINT, Category.SYSTEM, Level.CRITICAL, 1.0, Map.of("uri", "/" + i)));
        }
        assertThat(DefaultAnalyzer.score(many)).isEqualTo(0.0);
        assertThat(DefaultAnalyzer.score(many.subList(0, 1))).isEqualTo(75.0);
    }

    @Test
    void aFailingDetectorIsReportedAndTheOthersStand() {
        Finding lag =
                finding(FindingKinds.LAG_GROWTH, Category.INTEGRATION, Level.WARNING, 1.0, Map.of("group", "orders"));
        Fake broken = new Fake("broken", Category.SYSTEM, true, c -> {
            throw new IllegalStateException("series host.cpu.usage.ratio unreadable");
        });
        Fake nulls = new Fake("nulls", Category.SYSTEM, true, c -> null);
        Analysis a =
                analyze(List.of(broken, returning("stream", Category.INTEGRATION, lag), nulls), AnalysisRequest.full());

        assertThat(a.bottlenecks()).containsExactly(lag);
        assertThat(a.problems())
                .containsExactly(
                        "detector broken failed: IllegalStateException: series host.cpu.usage.ratio unreadable",
                        "detector nulls returned no list (null)");
        assertThat(a.detectorSeconds()).containsOnlyKeys("broken", "stream", "nulls");
        assertThat(a.performanceScore()).isEqualTo(92.0);
    }

    @Test
    void requestFlagsChooseDetectorsAndMetricGroups() {
        Fake system = returning("system", Category.SYSTEM);
        Fake integration = returning("integration", Category.INTEGRATION);
        Fake database = returning("database", Category.DATABASE);
        Series cpu = Synthetic.series("host.cpu.usage.ratio", Map.of(), SPAN, STEP, m -> 0.5);
        Series active = Synthetic.series("postgres.connections", Map.of("target", "db:5432"), SPAN, STEP, m -> 7);

        Analysis a = analyze(
                List.of(system, integration, database),
                new AnalysisRequest(SPAN, true, false, false, false),
                cpu,
                active);

        assertThat(system.windows).hasSize(1);
        assertThat(integration.windows).isEmpty();
        assertThat(database.windows).isEmpty();
        assertThat(a.detectorSeconds()).containsOnlyKeys("system");
        assertThat(a.systemMetrics()).containsEntry("cpu_usage_percent", 50.0);
        assertThat(a.integrationMetrics()).isEmpty();
        assertThat(a.databaseMetrics()).isEmpty();
    }

    @Test
    void quickAnalysisRunsOnlyQuickDetectorsOverTheQuickWindow() {
        Fake quick = new Fake("quick", Category.SYSTEM, true, c -> List.of());
        Fake slow = new Fake("slow", Category.DATABASE, false, c -> List.of());

        Analysis a = analyze(List.of(quick, slow), new AnalysisRequest(SPAN, true, true, true, true));

        assertThat(quick.windows).containsExactly(AnalysisRequest.QUICK_WINDOW);
        assertThat(slow.windows).isEmpty();
        assertThat(a.windowSeconds()).isEqualTo(AnalysisRequest.QUICK_WINDOW.toSeconds());
        assertThat(a.detectorSeconds()).containsOnlyKeys("quick");
    }

    @Test
    void metricsCarrySeedKeysComputedFromTheWindow() {
        Series cpu = Synthetic.series("host.cpu.usage.ratio", Map.of(), SPAN, STEP, m -> m < 7.5 ? 0.4 : 0.6);
        Series memory = Synthetic.series("host.memory.used.ratio", Map.of(), SPAN, STEP, m -> 0.728);
        Series root = Synthetic.series("host.disk.used.ratio", Map.of("mount", "/"), SPAN, STEP, m -> 0.3);
        Series data = Synthetic.series("host.disk.used.ratio", Map.of("mount", "/data"), SPAN, STEP, m -> 0.456);
        // 1 MiB/s for 15 minutes = 900 MiB; 0.5 MiB/s = 450 MiB
        Series sent = Synthetic.series("host.network.transmit.bytes.rate", Map.of(), SPAN, STEP, m -> 1024 * 1024);
        Series received = Synthetic.series("host.network.receive.bytes.rate", Map.of(), SPAN, STEP, m -> 512 * 1024);
        Series redisUp = Synthetic.series("collector.up", Map.of("collector", "redis:cache:6379"), SPAN, STEP, m -> 1);
        Series hostUp = Synthetic.series("collector.up", Map.of("collector", "host"), SPAN, STEP, m -> 1);
        Series healthUp =
                Synthetic.series("health.up", Map.of("target", "http://svc-x/health"), SPAN, STEP, m -> m < 10 ? 1 : 0);
        Series latency = Synthetic.series(
                "health.latency.seconds", Map.of("target", "http://svc-x/health"), SPAN, STEP, m -> 1.2);
        Map<String, String> db = Map.of("target", "db:5432", "database", "shop");
        Series connections = Synthetic.series("postgres.connections", Map.of("target", "db:5432"), SPAN, STEP, m -> 12);
        // counters: 90 hits and 10 reads per 10 s → 0.9; 3 slow calls in the window; 450 s over 10 000 calls
        Series hits = Synthetic.series("postgres.blocks.hit.total", db, SPAN, STEP, m -> 1000 + m * 6 * 90);
        Series reads = Synthetic.series("postgres.blocks.read.total", db, SPAN, STEP, m -> 5000 + m * 6 * 10);
        Series slow = Synthetic.series(
                "postgres.slow_queries.total", Map.of("target", "db:5432"), SPAN, STEP, m -> m < 5 ? 7 : 10);
        Map<String, String> stmt = Map.of("target", "db:5432", "queryid", "42");
        double minutes = SPAN.toSeconds() / 60.0 - STEP.toSeconds() / 60.0;
        Series calls =
                Synthetic.series("postgres.statement.calls.total", stmt, SPAN, STEP, m -> 100 + m / minutes * 10_000);
        Series total =
                Synthetic.series("postgres.statement.total.seconds", stmt, SPAN, STEP, m -> 20 + m / minutes * 452);
        Series throughput = Synthetic.series(
                "pacer_batcher_throughput_events_s", Map.of("batcher", "orders"), SPAN, STEP, m -> 4000);
        Series cores = Synthetic.series("host.cpu.cores", Map.of(), SPAN, STEP, m -> 4);

        Analysis a = analyze(
                List.of(),
                AnalysisRequest.full(),
                cpu,
                memory,
                root,
                data,
                sent,
                received,
                redisUp,
                hostUp,
                healthUp,
                latency,
                connections,
                hits,
                reads,
                slow,
                calls,
                total,
                throughput,
                cores);

        assertThat(a.systemMetrics())
                .containsExactly(
                        Map.entry("cpu_usage_percent", 50.0),
                        Map.entry("memory_usage_percent", 72.8),
                        Map.entry("disk_usage_percent", 45.6),
                        Map.entry("network_bytes_sent_mb", 900.0),
                        Map.entry("network_bytes_recv_mb", 450.0));
        assertThat(a.integrationMetrics())
                .containsExactly(
                        Map.entry("integrations_tested", 2),
                        Map.entry("healthy_integrations", 1),
                        Map.entry("average_response_time", 1.2),
                        Map.entry("failed_integrations", List.of("health:http://svc-x/health")));
        assertThat(a.databaseMetrics())
                .containsExactly(
                        Map.entry("active_connections", 12L),
                        Map.entry("slow_queries_count", 3L),
                        Map.entry("cache_hit_ratio", 0.9),
                        Map.entry("average_query_time_ms", 45.2));
        assertThat(a.costPerformance())
                .containsExactly(
                        Map.entry("throughput_events_per_second", 4000.0),
                        Map.entry("cpu_cores_busy", 2.0),
                        Map.entry("events_per_cpu_core_second", 2000.0));
        assertThat(a.performanceScore()).isEqualTo(100.0);
    }

    @Test
    void jsonKeepsSeedFieldNamesAndAddsEvidence() throws Exception {
        Finding lag =
                finding(FindingKinds.LAG_GROWTH, Category.INTEGRATION, Level.CRITICAL, 0.8, Map.of("group", "orders"));
        Series cpu = Synthetic.series("host.cpu.usage.ratio", Map.of(), SPAN, STEP, m -> 0.652);
        Analysis a = analyze(List.of(returning("stream", Category.INTEGRATION, lag)), AnalysisRequest.full(), cpu);

        JsonNode json = Json.documentReader().readTree(Json.documentWriter().writeValueAsString(a));

        assertThat(json.path("timestamp").asText()).isEqualTo(Synthetic.NOW.toString());
        assertThat(json.path("performance_score").asDouble()).isEqualTo(80.0);
        assertThat(json.has("analysis_duration_seconds")).isTrue();
        assertThat(json.path("system_metrics").path("cpu_usage_percent").asDouble())
                .isEqualTo(65.2);
        assertThat(json.path("integration_metrics").isObject()).isTrue();
        assertThat(json.path("database_metrics").isObject()).isTrue();
        JsonNode rec = json.path("optimization_recommendations").path(0);
        assertThat(rec.path("category").asText()).isEqualTo("streaming");
        assertThat(rec.path("type").asText()).isEqualTo("consumer_scaling");
        assertThat(rec.path("priority").asText()).isEqualTo("critical");
        assertThat(rec.path("expected_impact").asText()).isNotBlank();
        assertThat(rec.path("implementation_effort").asText()).isEqualTo("medium");
        assertThat(rec.path("actions").size()).isGreaterThan(1);
        assertThat(rec.path("findings").path(0).asText()).isEqualTo(lag.id());
        JsonNode issue = json.path("critical_issues").path(0);
        assertThat(issue.path("id").asText()).isEqualTo(lag.id());
        assertThat(issue.path("evidence").path(0).path("series").asText()).isEqualTo("x.series");
        assertThat(json.path("automated_actions").isArray()).isTrue();
        assertThat(json.path("bottlenecks").size()).isEqualTo(1);
        assertThat(json.path("problems").isArray()).isTrue();
        assertThat(json.path("detector_seconds").path("stream").isNumber()).isTrue();
        // a finding read back ignores its derived id
        Finding back = Json.documentReader().forType(Finding.class).readValue(issue);
        assertThat(back).isEqualTo(lag);
    }

    @Test
    void contextLongerThanTheRequestIsCut() {
        Fake d = new Fake("d", Category.SYSTEM, true, c -> List.of());
        analyze(List.of(d), new AnalysisRequest(Duration.ofMinutes(10), true, true, true, false));
        assertThat(d.windows).containsExactly(Duration.ofMinutes(10));
    }
}
