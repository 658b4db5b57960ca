package io.pacer.verdict.kafka.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.testing.ManualTicker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search against a model cluster with no I/O: throughput and p99 are a known function of the settings, with
 * seeded noise and a machine that slows down by a third over the run; time is a {@link ManualTicker} that each run
 * advances by its length plus setup. So the right answer is known, and the budget is checked exactly.
 */
class SearchTest {

    static final Duration TARGET = Duration.ofMillis(20);

    /** A model cluster: records/s and p99 from the settings, noise ±3 %, slowing down as (model) time passes. */
    static class ModelCluster implements Trials {
        final ManualTicker ticker = new ManualTicker();
        final Random noise = new Random(42);
        final Duration overhead;
        final Duration budget;
        final double rate;
        final List<String> order = new ArrayList<>();

        ModelCluster(Duration overhead, Duration budget, double rate) {
            this.overhead = overhead;
            this.budget = budget;
            this.rate = rate;
        }

        static double throughput(Map<String, String> p) {
            int batch = Integer.parseInt(p.getOrDefault("batch.size", "16384"));
            int linger = Integer.parseInt(p.getOrDefault("linger.ms", "5"));
            double compression = switch (p.getOrDefault("compression.type", "none")) {
                case "lz4" -> 1.3;
                case "snappy" -> 1.2;
                case "zstd" -> 1.1;
                default -> 1.0;
            };
            double lingerFactor = linger <= 10 ? 1 + linger / 20.0 : 1.5 - (linger - 10) / 100.0;
            return 50_000 * (1 + 0.25 * (Math.log(batch / 16384.0) / Math.log(2))) * compression * lingerFactor;
        }

        static long p99Micros(Map<String, String> p) {
            int batch = Integer.parseInt(p.getOrDefault("batch.size", "16384"));
            int linger = Integer.parseInt(p.getOrDefault("linger.ms", "5"));
            return 2_000 + linger * 1_000L + (batch / 16384) * 1_000L;
        }

        @Override
        public Figures run(Candidate candidate, Duration length) {
            order.add(candidate.name());
            double slowdown = 1 - 0.33 * Math.min(1, (double) ticker.nanos() / budget.toNanos());
            double capacity = throughput(candidate.properties()) * slowdown * (1 + 0.03 * (2 * noise.nextDouble() - 1));
            double sent = rate > 0 ? Math.min(rate, capacity) : capacity;
            ticker.advance(length.plus(overhead));
            long ops = (long) (sent * length.toMillis() / 1000);
            long p99 = p99Micros(candidate.properties());
            return new Figures(length.toMillis(), ops, 0, sent, sent * 100 / 1048576, p99 / 2, p99, p99 * 2);
        }
    }

    static TuneSettings settings(Duration budget, double rate) {
        return new TuneSettings(
                io.pacer.load.kafka.KafkaProduceSettings.of("127.0.0.1:9", "model"),
                rate,
                TuneSettings.DEFAULT_MAX_OUTSTANDING,
                TARGET,
                budget,
                Durability.STRICT,
                7);
    }

    static TuneResult tune(ModelCluster cluster, TuneSettings settings) throws InterruptedException {
        return Tuner.run(settings, Map.of(), TuneListener.NONE, cluster, cluster.ticker, Instant.EPOCH);
    }

    @Test
    void findsTheBestCandidateThatMeetsTheTargetWithinTheBudget() throws Exception {
        Duration budget = Duration.ofMinutes(5);
        ModelCluster cluster = new ModelCluster(Duration.ofMillis(900), budget, 0);
        TuneResult result = tune(cluster, settings(budget, 0));

        // the true best of the first rung's candidates, by the model without noise, among those within the target
        Candidate truth = result.candidates().stream()
                .filter(c -> ModelCluster.p99Micros(c.properties()) <= TARGET.toNanos() / 1000)
                .max(Comparator.comparingDouble(c -> ModelCluster.throughput(c.properties())))
                .orElseThrow();
        int first = result.plan().candidates();
        assertThat(first).isGreaterThanOrEqualTo(8);
        assertThat(result.winner()).isEqualTo(truth.name());
        assertThat(result.best()).isEqualTo(truth.properties());
        assertThat(result.elapsedMillis()).isLessThanOrEqualTo(budget.toMillis());
        assertThat(Duration.ofNanos(cluster.ticker.nanos())).isLessThanOrEqualTo(budget);
        // halving down to 2 contenders, each rung's runs twice as long as the last
        assertThat(first >> (result.plan().rungs() - 1)).isEqualTo(2);
        for (int rung = 0; rung < result.plan().rungs(); rung++) {
            int r = rung;
            List<Trial> ofRung =
                    result.trials().stream().filter(t -> t.rung() == r).toList();
            assertThat(ofRung.stream().filter(t -> !t.baseline())).hasSize(first >> rung);
            assertThat(ofRung.get(0).figures().runMillis())
                    .isEqualTo(result.plan().firstRunMillis() << rung);
        }
        assertThat(result.confirmation().meetsTarget()).isTrue();
        assertThat(result.confirmation().throughputRatio()).isGreaterThan(1.5);
        assertThat(result.front()).extracting(TuneResult.Point::candidate).contains(truth.name());
    }

    @Test
    void kafkaDefaultsRunBeforeEveryFewCandidatesAndAfterTheLast() throws Exception {
        Duration budget = Duration.ofMinutes(5);
        ModelCluster cluster = new ModelCluster(Duration.ofMillis(900), budget, 0);
        TuneResult result = tune(cluster, settings(budget, 0));

        int sinceDefaults = Integer.MAX_VALUE;
        int rung = -1;
        for (Trial t : result.trials()) {
            if (t.rung() != rung) {
                assertThat(t.baseline())
                        .as("a rung starts with Kafka's defaults")
                        .isTrue();
                rung = t.rung();
            }
            sinceDefaults = t.baseline() ? 0 : sinceDefaults + 1;
            assertThat(sinceDefaults).isLessThanOrEqualTo(Plan.BLOCK);
        }
        assertThat(result.trials().get(result.trials().size() - 1).baseline()).isTrue();
        // the warm-up: the defaults, then a compressing candidate, before the first rung
        assertThat(cluster.order.get(0)).isEqualTo(Candidate.DEFAULTS);
        assertThat(result.candidates().stream().filter(c -> c.name().equals(cluster.order.get(1))))
                .singleElement()
                .satisfies(
                        c -> assertThat(c.properties().get("compression.type")).isNotIn(null, "none"));
        // the confirmation: the defaults and the winner in turns, D W W D, after the search
        assertThat(cluster.order.subList(cluster.order.size() - 4, cluster.order.size()))
                .containsExactly(Candidate.DEFAULTS, result.winner(), result.winner(), Candidate.DEFAULTS);
        assertThat(cluster.order).hasSize(Plan.WARMUP_RUNS + result.trials().size() + 2 * Plan.CONFIRM_PAIRS);
    }

    @Test
    void setupSlowerThanEstimatedEndsTheSearchEarlyButWithinTheBudget() throws Exception {
        Duration budget = Duration.ofSeconds(60);
        ModelCluster cluster = new ModelCluster(Duration.ofSeconds(4), budget, 0);
        List<String> notices = new ArrayList<>();
        TuneResult result = Tuner.run(
                settings(budget, 0),
                Map.of(),
                new TuneListener() {
                    @Override
                    public void onNotice(String message) {
                        notices.add(message);
                    }
                },
                cluster,
                cluster.ticker,
                Instant.EPOCH);

        assertThat(Duration.ofNanos(cluster.ticker.nanos())).isLessThanOrEqualTo(budget);
        assertThat(notices).anySatisfy(n -> assertThat(n).contains("budget ran out"));
        assertThat(result.notices()).containsAll(notices);
        assertThat(result.winner()).isNotNull();
    }

    @Test
    void withATargetRateTheLowestP99ThatKeepsUpWins() throws Exception {
        Duration budget = Duration.ofMinutes(3);
        ModelCluster cluster = new ModelCluster(Duration.ofMillis(900), budget, 40_000);
        TuneResult result = tune(cluster, settings(budget, 40_000));

        // every candidate keeps up with 40,000/s, so the lowest modelled p99 wins: the smallest batch and linger
        long bestP99 = result.candidates().stream()
                .mapToLong(c -> ModelCluster.p99Micros(c.properties()))
                .min()
                .orElseThrow();
        assertThat(ModelCluster.p99Micros(result.best()))
                .isEqualTo(Math.min(bestP99, ModelCluster.p99Micros(Map.of())));
    }

    @Test
    void aStopEndsTheSearchWithTheBestOfWhatWasMeasuredAndNoConfirmation() throws Exception {
        Duration budget = Duration.ofMinutes(5);
        AtomicReference<Search> search = new AtomicReference<>();
        ModelCluster cluster = new ModelCluster(Duration.ofMillis(900), budget, 0) {
            @Override
            public Figures run(Candidate candidate, Duration length) {
                Figures figures = super.run(candidate, length);
                if (order.size() == 12) { // the warm-up, then rung 1's first ten runs: the user presses Ctrl-C
                    search.get().stop();
                }
                return figures;
            }
        };
        search.set(Tuner.search(settings(budget, 0), TuneListener.NONE, cluster, cluster.ticker));

        Search.Outcome outcome = search.get().run();

        assertThat(cluster.order).as("no run starts after the stop").hasSize(12);
        assertThat(outcome.winner()).isNotNull();
        assertThat(outcome.confirmedWinner()).isNull();
        assertThat(outcome.notices())
                .anySatisfy(n -> assertThat(n).contains("stopped on request during rung 1"))
                .anySatisfy(n -> assertThat(n).contains("not confirmed"));
    }

    @Test
    void noCandidateWithinTheTargetMeansNoBestConfiguration() throws Exception {
        Duration budget = Duration.ofMinutes(2);
        ModelCluster cluster = new ModelCluster(Duration.ofMillis(900), budget, 0);
        TuneResult result = tune(cluster, settings(budget, 0).withTargetP99(Duration.ofMillis(1)));

        assertThat(result.winner()).isNotNull();
        assertThat(result.best()).isNull();
        assertThat(Tuner.bestProperties(result)).isNull();
        assertThat(result.notices()).anySatisfy(n -> assertThat(n).contains("no candidate met the target"));
    }

    @Test
    void theResultReadsBackAsWrittenWithItsSchema(@TempDir Path dir) throws Exception {
        Duration budget = Duration.ofMinutes(2);
        ModelCluster cluster = new ModelCluster(Duration.ofMillis(900), budget, 0);
        TuneResult result = Tuner.run(
                settings(budget, 0),
                Map.of("topic", "model", "record_size", "100"),
                TuneListener.NONE,
                cluster,
                cluster.ticker,
                Instant.parse("2026-11-29T12:00:00Z"));
        Path file = dir.resolve("tune.json");
        Tuner.writeJson(result, file);

        assertThat(Tuner.readJson(file)).isEqualTo(result);
        assertThat(Files.readString(file))
                .contains("\"schema\" : \"pacer.tune-result/1\"")
                .doesNotContain("\"latest\"");
        String best = Tuner.bestProperties(result);
        java.util.Properties read = new java.util.Properties();
        read.load(new java.io.StringReader(best));
        assertThat(read.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, read::getProperty)))
                .isEqualTo(result.best());
    }

    @Test
    void aBudgetTooShortForFourCandidatesIsRefusedWithTheBudgetThatWouldDo() {
        assertThatThrownBy(() -> Plan.of(Duration.ofSeconds(20), 100, Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining("give at least");
    }

    @Test
    void planSpendsNoMoreThanTheBudgetWhateverItsLength() {
        for (int seconds = 20; seconds <= 3600; seconds += 7) {
            Duration budget = Duration.ofSeconds(seconds);
            Duration overhead = Duration.ofMillis(800);
            Plan plan;
            try {
                plan = Plan.of(budget, 200, overhead);
            } catch (IllegalArgumentException tooShort) {
                continue;
            }
            long total = Plan.WARMUP_RUNS * (2 * plan.firstRun().toNanos() + overhead.toNanos())
                    + 2L
                            * Plan.CONFIRM_PAIRS
                            * (plan.runLength(plan.rungs() - 1).toNanos() / 2 + overhead.toNanos());
            for (int r = 0; r < plan.rungs(); r++) {
                int runs = plan.contenders(r) + Plan.baselineRuns(plan.contenders(r));
                total += runs * (plan.runLength(r).toNanos() + overhead.toNanos());
            }
            assertThat(total).as("budget %s", budget).isLessThanOrEqualTo(budget.toNanos());
            assertThat(plan.contenders(plan.rungs() - 1)).isEqualTo(2);
            assertThat(plan.firstRun()).isGreaterThanOrEqualTo(Plan.MIN_RUN);
        }
    }
}
