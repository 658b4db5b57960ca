package io.pacer.analysis.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Effort;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.Priority;
import io.pacer.analysis.Recommendation;
import io.pacer.analysis.Synthetic;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendationCatalogueTest {

    private static final Duration SPAN = Duration.ofMinutes(10);
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final String APP = "http://app:8080/metrics";
    private static final String REDIS = "127.0.0.1:6379";
    private static final long MIB = 1024L * 1024L;

    private final RecommendationCatalogue catalogue = RecommendationCatalogue.standard();

    private static Finding finding(String kind, Level level, double confidence, Map<String, String> subject) {
        Evidence e = new Evidence(
                "some.series", subject, "p90", 0.97, ">=", 0.9, Synthetic.NOW.minus(SPAN), Synthetic.NOW, "");
        return new Finding(kind, Category.INTEGRATION, level, confidence, subject, "what happened", List.of(e));
    }

    private static Series gauge(String name, Map<String, String> labels, double value) {
        return Synthetic.series(name, labels, SPAN, STEP, m -> value);
    }

    private static History history(Series... series) {
        return Synthetic.history(SPAN, series);
    }

    @Test
    void priorityIsLevelTimesConfidence() {
        assertThat(RecommendationCatalogue.priority(Level.CRITICAL, 1.0)).isEqualTo(Priority.CRITICAL);
        assertThat(RecommendationCatalogue.priority(Level.CRITICAL, 0.7)).isEqualTo(Priority.CRITICAL);
        assertThat(RecommendationCatalogue.priority(Level.CRITICAL, 0.69)).isEqualTo(Priority.HIGH);
        assertThat(RecommendationCatalogue.priority(Level.CRITICAL, 0.3)).isEqualTo(Priority.MEDIUM);
        assertThat(RecommendationCatalogue.priority(Level.WARNING, 1.0)).isEqualTo(Priority.HIGH);
        assertThat(RecommendationCatalogue.priority(Level.WARNING, 0.7)).isEqualTo(Priority.HIGH);
        assertThat(RecommendationCatalogue.priority(Level.WARNING, 0.5)).isEqualTo(Priority.MEDIUM);
        assertThat(RecommendationCatalogue.priority(Level.WARNING, 0.3)).isEqualTo(Priority.LOW);
        assertThat(RecommendationCatalogue.priority(Level.INFO, 1.0)).isEqualTo(Priority.MEDIUM);
    }

    @Test
    void everyKindHasItsOwnAdviceAndInfoGetsNone() {
        History quiet = history();
        for (String kind : FindingKinds.all()) {
            List<Recommendation> r = catalogue.recommend(List.of(finding(kind, Level.WARNING, 1, Map.of())), quiet);
            assertThat(r).as(kind).hasSize(1);
            Recommendation rec = r.get(0);
            assertThat(rec.type()).as(kind).isNotEqualTo("investigation");
            assertThat(rec.actions()).as(kind).isNotEmpty();
            assertThat(rec.description()).as(kind).contains("what happened").contains("some.series p90 0.97 >= 0.9");
            assertThat(rec.findings()).as(kind).containsExactly(kind);
            assertThat(rec.priority()).as(kind).isEqualTo(Priority.HIGH);
            assertThat(catalogue.recommend(List.of(finding(kind, Level.INFO, 1, Map.of())), quiet))
                    .as(kind)
                    .isEmpty();
        }
        Recommendation unknown = catalogue
                .recommend(List.of(finding("brand.new", Level.WARNING, 1, Map.of())), quiet)
                .get(0);
        assertThat(unknown.type()).isEqualTo("investigation");
        assertThat(unknown.category()).isEqualTo("integration");
    }

    @Test
    void redisEvictionsDoubleMaxmemoryAndAHitDropWithEvictionsMergesIntoIt() {
        Map<String, String> target = Map.of("target", REDIS);
        History h = history(
                gauge("redis.memory.max.bytes", target, 100 * MIB),
                Synthetic.series("redis.evicted.keys.total", target, SPAN, STEP, m -> 500 * m),
                gauge("host.memory.available.bytes", Map.of(), 4096 * MIB));
        Finding evictions = finding(FindingKinds.REDIS_EVICTIONS, Level.WARNING, 0.8, target);
        Finding hitDrop = finding(FindingKinds.REDIS_HIT_DROP, Level.CRITICAL, 0.9, target);

        List<Recommendation> r = catalogue.recommend(List.of(evictions, hitDrop), h);

        assertThat(r).hasSize(1);
        Recommendation rec = r.get(0);
        assertThat(rec.id()).isEqualTo("cache_sizing{target=127.0.0.1:6379}");
        assertThat(rec.category()).isEqualTo("caching");
        assertThat(rec.priority()).isEqualTo(Priority.CRITICAL);
        assertThat(rec.findings()).containsExactly(evictions.id(), hitDrop.id());
        assertThat(rec.effort()).isEqualTo(Effort.LOW);
        assertThat(rec.action())
                .isEqualTo(new ActionRequest(
                        "redis.config", REDIS, Map.of("parameter", "maxmemory", "value", Long.toString(200 * MIB))));
        assertThat(rec.description()).contains("maxmemory 100 MiB → 200 MiB");
    }

    @Test
    void redisMaxmemoryStaysWithinWhatTheHostCanSpare() {
        Map<String, String> target = Map.of("target", REDIS);
        Finding evictions = finding(FindingKinds.REDIS_EVICTIONS, Level.WARNING, 0.8, target);
        History tight = history(
                gauge("redis.memory.max.bytes", target, 100 * MIB),
                gauge("host.memory.available.bytes", Map.of(), 40 * MIB));
        assertThat(catalogue
                        .recommend(List.of(evictions), tight)
                        .get(0)
                        .action()
                        .parameters())
                .containsEntry("value", Long.toString(120 * MIB));

        History none = history(
                gauge("redis.memory.max.bytes", target, 100 * MIB),
                gauge("host.memory.available.bytes", Map.of(), 8 * MIB));
        Recommendation advice = catalogue.recommend(List.of(evictions), none).get(0);
        assertThat(advice.action()).isNull();
        assertThat(advice.effort()).isEqualTo(Effort.HIGH);

        // a hit drop without evictions is not a sizing problem
        Finding hitDrop = finding(FindingKinds.REDIS_HIT_DROP, Level.WARNING, 0.8, target);
        Recommendation hit = catalogue.recommend(List.of(hitDrop), none).get(0);
        assertThat(hit.type()).isEqualTo("cache_optimization");
        assertThat(hit.action()).isNull();
    }

    @Test
    void smallBatchesRaiseLingerThroughTheApplicationsAgent() {
        Map<String, String> meters = Map.of("target", APP, "batcher", "orders");
        Finding batching = finding(FindingKinds.PRODUCER_BATCHING, Level.WARNING, 0.9, meters);
        Series agent = gauge(Facts.AGENT_INFO, Map.of("target", APP, "url", "http://127.0.0.1:7070/"), 1);
        Series otherAgent = gauge(Facts.AGENT_INFO, Map.of("target", "http://other/metrics", "url", "http://x/"), 1);
        Series mean = gauge("pacer_batcher_batch_size_mean_events", meters, 12);
        Series max = gauge("pacer_batcher_max_events", meters, 500);
        Series linger = gauge("pacer_batcher_linger_microseconds", meters, 4000);

        Recommendation rec = catalogue
                .recommend(List.of(batching), history(agent, otherAgent, mean, max, linger))
                .get(0);

        assertThat(rec.id()).isEqualTo("batching{batcher=orders, target=" + APP + "}");
        assertThat(rec.action())
                .isEqualTo(new ActionRequest(
                        "agent.tunable",
                        "http://127.0.0.1:7070/",
                        Map.of("name", "batcher.orders.batch.linger", "value", "8ms")));
        assertThat(rec.effort()).isEqualTo(Effort.LOW);
        assertThat(rec.description()).contains("linger 4ms → 8ms");

        // an agent that stopped (its gauge reads 0) cannot carry it out
        Series stopped = gauge(Facts.AGENT_INFO, Map.of("target", APP, "url", "http://127.0.0.1:7070/"), 0);
        assertThat(catalogue
                        .recommend(List.of(batching), history(stopped, mean, max, linger))
                        .get(0)
                        .action())
                .isNull();
        // without an agent: the same advice, for people
        Recommendation manual = catalogue
                .recommend(List.of(batching), history(mean, max, linger))
                .get(0);
        assertThat(manual.action()).isNull();
        assertThat(manual.actions().get(0))
                .contains("batcher.orders.batch.linger")
                .contains("8ms");
    }

    @Test
    void fullBatchesRaiseMaxEventsAndNoLingerBecomesFiveMilliseconds() {
        Map<String, String> meters = Map.of("target", APP, "batcher", "orders");
        Finding batching = finding(FindingKinds.PRODUCER_BATCHING, Level.WARNING, 0.9, meters);
        Series agent = gauge(Facts.AGENT_INFO, Map.of("target", APP, "url", "http://127.0.0.1:7070/"), 1);

        Recommendation full = catalogue
                .recommend(
                        List.of(batching),
                        history(
                                agent,
                                gauge("pacer_batcher_batch_size_mean_events", meters, 480),
                                gauge("pacer_batcher_max_events", meters, 500),
                                gauge("pacer_batcher_linger_microseconds", meters, 4000)))
                .get(0);
        assertThat(full.action().parameters())
                .isEqualTo(Map.of("name", "batcher.orders.batch.maxEvents", "value", "1000"));

        Recommendation noLinger = catalogue
                .recommend(
                        List.of(batching),
                        history(
                                agent,
                                gauge("pacer_batcher_batch_size_mean_events", meters, 3),
                                gauge("pacer_batcher_max_events", meters, 500),
                                gauge("pacer_batcher_linger_microseconds", meters, 0)))
                .get(0);
        assertThat(noLinger.action().parameters()).containsEntry("value", "5ms");
    }

    @Test
    void missingIndexAndSpillingQueriesBecomePostgresActions() {
        Map<String, String> index =
                Map.of("target", "db:5432/shop", "table", "public.orders", "columns", "customer_id");
        Finding missing = finding(FindingKinds.POSTGRES_MISSING_INDEX, Level.WARNING, 0.9, index);
        Recommendation create = catalogue.recommend(List.of(missing), history()).get(0);
        assertThat(create.action())
                .isEqualTo(new ActionRequest(
                        "postgres.index",
                        "postgresql://db:5432/shop",
                        Map.of("table", "public.orders", "columns", "customer_id")));
        assertThat(create.type()).isEqualTo("index_creation");
        // the configured URL of that server, its password never in a recommendation
        AnalysisContext configured = new AnalysisContext(
                history(), List.of("postgresql://other:1/x", "postgresql://pacer:s3cret@db:5432/shop?sslmode=disable"));
        assertThat(catalogue
                        .recommend(List.of(missing), configured)
                        .get(0)
                        .action()
                        .target())
                .isEqualTo("postgresql://pacer@db:5432/shop?sslmode=disable");
        // the statement's id, where the evidence names one, so the action is verified on that statement's time
        Map<String, String> statement = Map.of("target", "db:5432/shop", "queryid", "-42");
        Finding withStatement = finding(FindingKinds.POSTGRES_MISSING_INDEX, Level.WARNING, 0.9, index);
        withStatement = new Finding(
                withStatement.kind(),
                withStatement.category(),
                withStatement.level(),
                withStatement.confidence(),
                withStatement.subject(),
                withStatement.summary(),
                List.of(new Evidence(
                        "postgres.statement.mean.seconds",
                        statement,
                        "selectivity",
                        0.01,
                        "<=",
                        0.05,
                        Synthetic.NOW.minus(SPAN),
                        Synthetic.NOW,
                        "")));
        assertThat(catalogue
                        .recommend(List.of(withStatement), history())
                        .get(0)
                        .action()
                        .parameters())
                .containsEntry("queryid", "-42");

        Map<String, String> db = Map.of("target", "db:5432/shop", "database", "shop");
        Finding slow =
                finding(FindingKinds.POSTGRES_SLOW_QUERIES, Level.WARNING, 0.9, Map.of("target", "db:5432/shop"));
        // 10 temp files of 12 MiB each → work_mem 16MB
        History spilling = history(
                Synthetic.series("postgres.temp.files.total", db, SPAN, STEP, m -> m),
                Synthetic.series("postgres.temp.bytes.total", db, SPAN, STEP, m -> m * 12 * MIB));
        Recommendation tune = catalogue.recommend(List.of(slow), spilling).get(0);
        assertThat(tune.action())
                .isEqualTo(new ActionRequest(
                        "postgres.setting",
                        "postgresql://db:5432/shop",
                        Map.of("setting", "work_mem", "value", "16MB")));
        assertThat(catalogue.recommend(List.of(slow), history()).get(0).action())
                .isNull();
    }

    @Test
    void theDetectorsSuggestedSettingWins() {
        Map<String, String> meters = Map.of("target", APP, "batcher", "orders");
        Series agent = gauge(Facts.AGENT_INFO, Map.of("target", APP, "url", "http://127.0.0.1:7070/"), 1);
        Evidence rate = new Evidence(
                "pacer_batcher_batches_rate_batches_s",
                meters,
                "mean",
                400,
                ">=",
                15,
                Synthetic.NOW,
                Synthetic.NOW,
                "");
        Evidence linger = new Evidence(
                StreamAdvice.LINGER_SERIES, meters, "last", 2000, "<", 20_000, Synthetic.NOW, Synthetic.NOW, "");
        Evidence max = new Evidence(
                StreamAdvice.MAX_EVENTS_SERIES, meters, "last", 500, "<", 4000, Synthetic.NOW, Synthetic.NOW, "");
        Finding lingerTooShort = new Finding(
                FindingKinds.PRODUCER_BATCHING,
                Category.INTEGRATION,
                Level.WARNING,
                0.9,
                meters,
                "small batches",
                List.of(rate, linger));
        Finding tooSmall = new Finding(
                FindingKinds.PRODUCER_BATCHING,
                Category.INTEGRATION,
                Level.WARNING,
                0.9,
                meters,
                "full batches",
                List.of(rate, max));

        assertThat(catalogue
                        .recommend(List.of(lingerTooShort), history(agent))
                        .get(0)
                        .action()
                        .parameters())
                .isEqualTo(Map.of("name", "batcher.orders.batch.linger", "value", "20ms"));
        assertThat(catalogue
                        .recommend(List.of(tooSmall), history(agent))
                        .get(0)
                        .action()
                        .parameters())
                .isEqualTo(Map.of("name", "batcher.orders.batch.maxEvents", "value", "4000"));
    }

    @Test
    void postgresUrlsLoseTheirPasswordAndMatchTheMonitorsDisplay() {
        assertThat(PostgresUrls.display("postgresql://u:p@db:6543/shop")).isEqualTo("db:6543/shop");
        assertThat(PostgresUrls.display("jdbc:postgresql://db/shop?user=u")).isEqualTo("db:5432/shop");
        assertThat(PostgresUrls.display("postgres://db")).isEqualTo("db:5432/postgres");
        assertThat(PostgresUrls.display("mysql://db/shop")).isNull();
        assertThat(PostgresUrls.withoutPassword("postgresql://u:p@db:5432/shop"))
                .isEqualTo("postgresql://u@db:5432/shop");
        assertThat(PostgresUrls.withoutPassword("jdbc:postgresql://db/shop?user=u&password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/shop?user=u&ssl=true");
        assertThat(PostgresUrls.withoutPassword("jdbc:postgresql://db/shop?Password=p"))
                .isEqualTo("jdbc:postgresql://db/shop");
        assertThat(PostgresUrls.target("db:5432/shop", List.of("jdbc:postgresql://db/shop?user=u&password=p")))
                .isEqualTo("jdbc:postgresql://db/shop?user=u");
        assertThat(PostgresUrls.target("db:5432/shop", List.of())).isEqualTo("postgresql://db:5432/shop");
    }

    @Test
    void rankedByPriorityThenConfidenceThenActionable() {
        Map<String, String> target = Map.of("target", REDIS);
        History h = history(gauge("redis.memory.max.bytes", target, 100 * MIB));
        Finding cpu = finding(FindingKinds.CPU_SATURATION, Level.WARNING, 0.8, Map.of());
        Finding redis = finding(FindingKinds.REDIS_EVICTIONS, Level.WARNING, 0.8, target);
        Finding skew = finding(FindingKinds.PARTITION_SKEW, Level.WARNING, 0.9, Map.of("topic", "t"));
        Finding sink = finding(FindingKinds.SINK_OUTAGE, Level.CRITICAL, 0.9, Map.of("batcher", "b"));
        Finding disk = finding(FindingKinds.DISK_SLOW, Level.WARNING, 0.3, Map.of());

        List<Recommendation> r = catalogue.recommend(List.of(disk, cpu, redis, skew, sink), h);

        assertThat(r)
                .extracting(Recommendation::type)
                .containsExactly("sink_outage", "partitioning", "cache_sizing", "cpu_optimization", "io_optimization");
        assertThat(r)
                .extracting(Recommendation::priority)
                .containsExactly(Priority.CRITICAL, Priority.HIGH, Priority.HIGH, Priority.HIGH, Priority.LOW);
    }
}
