package io.pacer.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pacer.monitor.Sample;
import io.pacer.monitor.alert.Alert;
import io.pacer.monitor.alert.AlertState;
import io.pacer.monitor.alert.SeriesKey;
import io.pacer.monitor.alert.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HealthScoreTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final HealthScore health = HealthScore.ofDefaults();

    private static Sample sample(String name, double value, String... labels) {
        Map<String, String> l = labels.length == 0 ? Map.of() : Map.of(labels[0], labels[1]);
        return Sample.of(name, l, NOW, value);
    }

    private static Alert alert(String rule, String metric, AlertState state, Severity severity) {
        return new Alert(
                rule,
                new SeriesKey(metric, Map.of()),
                state,
                severity,
                0.95,
                0.9,
                NOW,
                state == AlertState.FIRING ? NOW : null,
                null);
    }

    @Test
    void explainsEveryPointAComponentLostAndTheOverallShares() {
        List<Sample> latest = List.of(
                sample("host.cpu.usage.ratio", 0.95),
                sample("host.memory.used.ratio", 0.5),
                sample("postgres.cache.hit.ratio", 0.99),
                sample("redis.keyspace.hit.ratio", 0.9),
                sample("health.up", 0, "target", "api"),
                sample("health.latency.seconds", 0.2, "target", "api"));
        List<Alert> alerts = List.of(
                alert("cpu", "host.cpu.usage.ratio", AlertState.FIRING, Severity.CRITICAL),
                alert("mem", "host.memory.used.ratio", AlertState.PENDING, Severity.WARNING));

        HealthReport r = health.score(latest, alerts);

        assertThat(r.components())
                .extracting(ComponentHealth::component, ComponentHealth::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("health", 50.0),
                        org.assertj.core.groups.Tuple.tuple("host", 55.0),
                        org.assertj.core.groups.Tuple.tuple("postgres", 100.0),
                        org.assertj.core.groups.Tuple.tuple("redis", 100.0));
        ComponentHealth host = r.components().get(1);
        assertThat(host.deductions())
                .extracting(Deduction::input, Deduction::points)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alert cpu on host.cpu.usage.ratio", 40.0),
                        org.assertj.core.groups.Tuple.tuple("alert mem on host.memory.used.ratio", 5.0));
        assertThat(host.deductions().get(0).reason())
                .isEqualTo("firing critical: host.cpu.usage.ratio = 0.95, threshold 0.9");
        assertThat(r.components().get(0).deductions())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("health.up{target=\"api\"} is down"));
        assertThat(r.score()).isEqualTo(100 - (45 + 50) / 4.0);
        assertThat(r.status()).isEqualTo("degraded");
        assertThat(r.deductions()).extracting(Deduction::component).containsExactly("health", "host");
        assertSums(r);
    }

    @Test
    void aSeriesDownAndUnderAnAlertCostsTheLargerDeductionOnce() {
        List<Sample> latest = List.of(sample("health.up", 0));
        Alert firing = alert("health-down", "health.up", AlertState.FIRING, Severity.CRITICAL);
        Alert pending = alert("health-down", "health.up", AlertState.PENDING, Severity.CRITICAL);

        ComponentHealth whileFiring =
                health.score(latest, List.of(firing)).components().get(0);
        ComponentHealth whilePending =
                health.score(latest, List.of(pending)).components().get(0);

        assertThat(whileFiring.deductions())
                .singleElement()
                .satisfies(d -> assertThat(d.points()).isEqualTo(50.0));
        assertThat(whileFiring.score()).isEqualTo(50.0);
        assertThat(whilePending.deductions())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).isEqualTo("health.up is down"));
    }

    @Test
    void deductionsStopAtZeroAndSaySo() {
        List<Alert> alerts = List.of(
                alert("a", "postgres.connections", AlertState.FIRING, Severity.CRITICAL),
                alert("b", "postgres.cache.hit.ratio", AlertState.FIRING, Severity.CRITICAL),
                alert("c", "postgres.slow_queries.per_hour", AlertState.FIRING, Severity.CRITICAL));
        HealthReport r = health.score(List.of(sample("collector.up", 1, "collector", "postgres:db1")), alerts);
        ComponentHealth pg = r.components().get(0);
        assertThat(pg.component()).isEqualTo("postgres");
        assertThat(pg.score()).isZero();
        assertThat(pg.deductions()).extracting(Deduction::points).containsExactly(40.0, 40.0, 20.0);
        assertThat(pg.deductions().get(2).reason()).endsWith("(40 points, cut to the 20 left)");
        assertThat(r.status()).isEqualTo("critical");
        assertSums(r);
    }

    @Test
    void explanationsSumToTheDeductionForRandomInputs() {
        Random random = new Random(42);
        String[] components = {"host", "jvm", "kafka", "postgres", "redis", "stream"};
        for (int round = 0; round < 200; round++) {
            List<Sample> latest = new ArrayList<>();
            List<Alert> alerts = new ArrayList<>();
            for (int i = random.nextInt(12); i > 0; i--) {
                String c = components[random.nextInt(components.length)];
                latest.add(sample(c + ".up", random.nextInt(2), "target", "t" + i));
                if (random.nextBoolean()) {
                    alerts.add(new Alert(
                            "r" + i,
                            new SeriesKey(c + ".x" + i, Map.of()),
                            random.nextBoolean() ? AlertState.FIRING : AlertState.PENDING,
                            random.nextBoolean() ? Severity.CRITICAL : Severity.WARNING,
                            1,
                            1,
                            NOW,
                            null,
                            null));
                }
            }
            HealthReport r = health.score(latest, alerts);
            assertThat(r.score()).isBetween(0.0, 100.0);
            assertSums(r);
        }
    }

    @Test
    void nothingToLookAtIsNoDataNotHealthy() {
        HealthReport r = health.score(List.of(), List.of());
        assertThat(r.status()).isEqualTo("no data");
        assertThat(r.components()).isEmpty();
    }

    private static void assertSums(HealthReport r) {
        for (ComponentHealth c : r.components()) {
            assertThat(c.deductions().stream().mapToDouble(Deduction::points).sum())
                    .as(c.component())
                    .isCloseTo(100 - c.score(), within(1e-9));
            assertThat(c.deductions()).allSatisfy(d -> assertThat(d.points()).isPositive());
        }
        assertThat(r.deductions().stream().mapToDouble(Deduction::points).sum())
                .isCloseTo(100 - r.score(), within(1e-9));
    }
}
