package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.analysis.Synthetic;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Resolution;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The history-based database detectors: each with a history that must trigger it and realistic ones that must not. */
class DatabaseDetectorsTest {

    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final Duration STEP = Duration.ofSeconds(10);
    private static final Map<String, String> SERVER = Map.of("target", "db:5432/shop");
    private static final Map<String, String> SHOP = Map.of("target", "db:5432/shop", "database", "shop");
    private static final Map<String, String> POOL =
            Map.of("target", "http://app:8080/actuator/prometheus", "pool", "HikariPool-1");

    @Test
    void theStandardListHasEveryDatabaseDetectorOnceAndOnlyTheIndexAdvisorIsSlow() {
        List<Detector> all = DatabaseDetectors.all();
        assertThat(all).extracting(Detector::category).containsOnly(Category.DATABASE);
        assertThat(all).extracting(Detector::name).doesNotHaveDuplicates().hasSize(4);
        assertThat(all).filteredOn(d -> !d.quick()).extracting(Detector::name).containsExactly("postgres-index");
        assertThat(Detectors.all())
                .extracting(Detector::name)
                .contains("pool", "postgres-cache", "postgres-slow", "postgres-index");
    }

    @Test
    void serverConnectionsNearMaxConnectionsAreAnExhaustedPool() {
        Series used = Synthetic.noisy(
                "postgres.connections.used.ratio", SERVER, WINDOW, STEP, 0.02, 1, m -> m < 10 ? 0.5 : 0.97);
        List<Finding> findings = new PoolExhaustedDetector().detect(Synthetic.context(WINDOW, used));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.POOL_EXHAUSTED);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.subject()).isEqualTo(SERVER);
            assertThat(f.summary()).contains("db:5432/shop").contains("max_connections");
            assertThat(f.evidence().get(0).observed()).isBetween(0.6, 0.7); // the last 20 of 30 minutes
            assertThat(f.confidence()).isBetween(0.5, 1.0);
        });
    }

    @Test
    void aHikariPoolAtItsCapWithCallersWaitingAndTimingOutIsCritical() {
        Series pending = Synthetic.noisy("hikaricp_connections_pending", POOL, WINDOW, STEP, 0.5, 2, m -> 4);
        Series active = Synthetic.series("hikaricp_connections_active", POOL, WINDOW, STEP, m -> 10);
        Series max = Synthetic.series("hikaricp_connections_max", POOL, WINDOW, STEP, m -> 10);
        Series timeouts =
                Synthetic.series("hikaricp_connections_timeout_total", POOL, WINDOW, STEP, m -> Math.floor(m));
        List<Finding> findings =
                new PoolExhaustedDetector().detect(Synthetic.context(WINDOW, pending, active, max, timeouts));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.subject()).isEqualTo(POOL);
            assertThat(f.summary())
                    .contains("HikariPool-1")
                    .contains("cap of 10")
                    .contains("timed out");
            assertThat(f.evidence())
                    .extracting(e -> e.series())
                    .containsExactly(
                            "hikaricp_connections_pending",
                            "hikaricp_connections_active",
                            "hikaricp_connections_timeout_total");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {3, 4, 5})
    void busyButHealthyPoolsAreQuiet(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Series used = Synthetic.noisy("postgres.connections.used.ratio", SERVER, WINDOW, STEP, 0.3, seed, m -> 0.35);
        Series burst = Synthetic.series(
                "postgres.connections.used.ratio",
                Map.of("target", "db2:5432/app"),
                WINDOW,
                STEP,
                m -> m >= 20 && m < 24 ? 0.99 : 0.4); // a four-minute burst
        Series pending = Synthetic.series(
                "hikaricp_connections_pending", POOL, WINDOW, STEP, m -> random.nextDouble() < 0.1 ? 1 : 0);
        Series active = Synthetic.noisy("hikaricp_connections_active", POOL, WINDOW, STEP, 0.5, seed, m -> 5);
        Series max = Synthetic.series("hikaricp_connections_max", POOL, WINDOW, STEP, m -> 10);
        assertThat(new PoolExhaustedDetector().detect(Synthetic.context(WINDOW, used, burst, pending, active, max)))
                .isEmpty();
    }

    @Test
    void aBufferCacheHitRatioThatFellIsACacheDrop() {
        Series hits = counter("postgres.blocks.hit.total", 7, m -> m < 20 ? 59_700 : 48_000);
        Series reads = counter("postgres.blocks.read.total", 8, m -> m < 20 ? 300 : 12_000);
        List<Finding> findings = new PostgresCacheDropDetector().detect(Synthetic.context(WINDOW, hits, reads));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.POSTGRES_CACHE_DROP);
            assertThat(f.level()).isEqualTo(Level.WARNING);
            assertThat(f.subject()).isEqualTo(SHOP);
            assertThat(f.evidence().get(0).observed()).isBetween(0.78, 0.82);
            assertThat(f.evidence().get(0).threshold()).isBetween(0.93, 0.95);
            assertThat(f.summary())
                    .contains("shop")
                    .containsPattern("hit ratio (79|80)\\.\\d%")
                    .contains("99.5% before");
        });
    }

    @Test
    void aHitRatioBelowTheSeedsCriticalLevelIsCriticalEvenWithoutABaseline() {
        Series hits = counter("postgres.blocks.hit.total", 9, m -> 4_000);
        Series reads = counter("postgres.blocks.read.total", 10, m -> 6_000);
        assertThat(new PostgresCacheDropDetector().detect(Synthetic.context(WINDOW, hits, reads)))
                .singleElement()
                .satisfies(f -> assertThat(f.level()).isEqualTo(Level.CRITICAL));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void aSteadyCacheOrAnIdleDatabaseIsQuiet(long seed) {
        Series hits = counter("postgres.blocks.hit.total", seed, m -> 50_000);
        Series reads = counter("postgres.blocks.read.total", seed + 100, m -> 400);
        Map<String, String> idle = Map.of("target", "db:5432/shop", "database", "postgres");
        Series idleHits = counter("postgres.blocks.hit.total", idle, seed, m -> 2); // a poor ratio of few blocks
        Series idleReads = counter("postgres.blocks.read.total", idle, seed, m -> 3);
        assertThat(new PostgresCacheDropDetector().detect(Synthetic.context(WINDOW, hits, reads, idleHits, idleReads)))
                .isEmpty();
    }

    @Test
    void slowQueriesAboveTheSeedsRateAreNamedWithTheSlowestStatements() {
        Series slow = counter("postgres.slow_queries.total", 14, m -> 1); // ~30 in 30 minutes: 60 per hour
        Map<String, String> sleepy =
                Map.of("target", "db:5432/shop", "database", "shop", "queryid", "77", "query", "SELECT report($1)");
        Series mean = Synthetic.series("postgres.statement.mean.seconds", sleepy, WINDOW, STEP, m -> 2.5);
        Map<String, String> quick =
                Map.of("target", "db:5432/shop", "database", "shop", "queryid", "78", "query", "SELECT 1");
        Series fast = Synthetic.series("postgres.statement.mean.seconds", quick, WINDOW, STEP, m -> 0.001);
        List<Finding> findings = new PostgresSlowQueriesDetector().detect(Synthetic.context(WINDOW, slow, mean, fast));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.POSTGRES_SLOW_QUERIES);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.evidence().get(0).observed()).isBetween(50.0, 70.0);
            assertThat(f.evidence()).hasSize(2);
            assertThat(f.evidence().get(1).labels()).containsEntry("queryid", "77");
            assertThat(f.summary()).contains("SELECT report($1) (2.50 s)").doesNotContain("SELECT 1 ");
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aFewSlowCallsAreNoAlarm(int calls) {
        Series slow = Synthetic.series(
                "postgres.slow_queries.total", SHOP, Duration.ofMinutes(5), STEP, m -> 40 + Math.min(calls, m));
        assertThat(new PostgresSlowQueriesDetector().detect(Synthetic.context(Duration.ofMinutes(5), slow)))
                .isEmpty();
    }

    /** A counter rising by about {@code perMinute} (± 20 %, seeded) a minute, labelled as the shop database. */
    private static Series counter(String name, long seed, DoubleUnaryOperator perMinute) {
        return counter(name, SHOP, seed, perMinute);
    }

    private static Series counter(String name, Map<String, String> labels, long seed, DoubleUnaryOperator perMinute) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Point> points = new ArrayList<>();
        Instant start = Synthetic.NOW.minus(WINDOW);
        double total = 1_000_000;
        double minutesPerStep = STEP.toMillis() / 60_000.0;
        for (Instant t = start; t.isBefore(Synthetic.NOW); t = t.plus(STEP)) {
            double minute = Duration.between(start, t).toMillis() / 60_000.0;
            total += perMinute.applyAsDouble(minute) * minutesPerStep * (0.8 + 0.4 * random.nextDouble());
            points.add(new Point(t, 1, total, total, total, total, null));
        }
        return new Series(name, labels, Resolution.RAW, points);
    }
}
