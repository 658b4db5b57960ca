package io.pacer.analysis.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pacer.analysis.History;
import io.pacer.analysis.Synthetic;
import io.pacer.analysis.action.ActionRecord;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.analysis.action.ActionStatus;
import io.pacer.analysis.action.Change;
import io.pacer.analysis.action.Plan;
import io.pacer.internal.Json;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Trends by the metric's better direction, change points located and explained from the history only. */
class TrendAnalysisTest {

    private static final Duration WINDOW = Duration.ofHours(10);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Map<String, String> HOST = Map.of("target", "host");
    private static final Duration HORIZON = Duration.ofHours(2);

    private final TrendAnalysis trends = TrendAnalysis.standard();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aFlatNoisySeriesIsStableWithNoChange(long seed) {
        Series cpu = Synthetic.noisy("host.cpu.usage.ratio", HOST, WINDOW, MINUTE, 0.2, seed, m -> 0.4);

        TrendReport report = trends.report(Synthetic.history(WINDOW, cpu), List.of(), HORIZON);

        assertThat(report.trends()).containsExactly(Map.entry("cpu_usage_trend", "stable"));
        assertThat(report.details()).singleElement().satisfies(t -> {
            assertThat(t.direction()).isEqualTo(Direction.STABLE);
            assertThat(t.statistic()).startsWith("Mann-Kendall tau with Sen slope: tau ");
        });
        assertThat(report.significantChanges()).isEmpty();
        assertThat(report.periodDays()).isCloseTo(10 / 24.0, within(1e-9));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void aFlatSeriesThatWandersLikeRealMetricsIsStable(long seed) {
        // AR(1) noise, lag-1 correlation 0.9 as smooth gauges sampled every interval show: sd 5 % of the level
        Series cpu = wandering("host.cpu.usage.ratio", seed, 0.9, 0.05, m -> 0.4);

        TrendReport report = trends.report(Synthetic.history(WINDOW, cpu), List.of(), HORIZON);

        assertThat(report.trends()).as(report.details().get(0).statistic()).containsEntry("cpu_usage_trend", "stable");
        assertThat(report.significantChanges()).isEmpty();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void aShiftInWanderingNoiseIsStillFound(long seed) {
        Series cpu = wandering("host.cpu.usage.ratio", seed, 0.9, 0.05, m -> m < 370 ? 0.3 : 0.45);

        TrendReport report = trends.report(Synthetic.history(WINDOW, cpu), List.of(), HORIZON);

        assertThat(report.significantChanges())
                .singleElement()
                .satisfies(c -> assertThat(
                                Duration.between(Synthetic.NOW.minus(WINDOW).plus(Duration.ofMinutes(370)), c.at())
                                        .abs())
                        .isLessThanOrEqualTo(Duration.ofMinutes(3)));
    }

    @Test
    void risingLatencyIsDegradingAndRisingThroughputImproving() {
        // latency 100 ms -> 200 ms over 10 h: 10 ms per hour; throughput 1000/s -> 1500/s
        Series latency =
                Synthetic.noisy("health.latency.seconds", HOST, WINDOW, MINUTE, 0.1, 7, m -> 0.1 + 0.1 * m / 600);
        Series throughput = Synthetic.noisy(
                "pacer_batcher_throughput_events_s",
                Map.of("batcher", "orders"),
                WINDOW,
                MINUTE,
                0.1,
                8,
                m -> 1_000 + 500 * m / 600);

        TrendReport report = trends.report(Synthetic.history(WINDOW, latency, throughput), List.of(), HORIZON);

        assertThat(report.trends())
                .containsEntry("response_time_trend", "degrading")
                .containsEntry("throughput_trend", "improving");
        Trend rising = report.details().stream()
                .filter(t -> t.metric().equals("response_time"))
                .findFirst()
                .orElseThrow();
        assertThat(rising.slopePerHour()).isCloseTo(0.01, within(0.002));
        assertThat(rising.pValue()).isLessThan(1e-6);
        assertThat(rising.labels()).isEqualTo(HOST);
        // a steady ramp is a trend, not a change point
        assertThat(report.significantChanges()).isEmpty();
    }

    @Test
    void aDailyCycleWithoutATrendIsStableAndForecastWithItsSeason() {
        Duration week = Duration.ofDays(7);
        Series cpu = Synthetic.noisy(
                "host.cpu.usage.ratio",
                HOST,
                week,
                Duration.ofMinutes(20),
                0.05,
                9,
                m -> 0.5 + 0.3 * Math.sin(2 * Math.PI * m / 1_440));

        TrendReport report = trends.report(Synthetic.history(week, cpu), List.of(), Duration.ofDays(1));

        assertThat(report.trends()).containsEntry("cpu_usage_trend", "stable");
        assertThat(report.details().get(0).statistic()).contains("its season of 72 points removed");
        assertThat(report.significantChanges()).isEmpty();
        assertThat(report.periodDays()).isEqualTo(7.0);
        Forecast forecast = report.forecasts().get(0);
        assertThat(forecast.method()).startsWith("additive Holt-Winters (season 72 points");
        // six hours into the next day the cycle is at its top (sin = 1 at minute 360 of each day)
        assertThat(forecast.points().get(18).at()).isEqualTo(Synthetic.NOW.plus(Duration.ofHours(6)));
        assertThat(forecast.points().get(18).value()).isCloseTo(0.8, within(0.05));
    }

    @Test
    void aShiftSixHoursAgoInAWeekOfDailyCyclesIsFound() {
        Duration week = Duration.ofDays(7);
        Instant shiftAt = Synthetic.NOW.minus(Duration.ofHours(6));
        long shiftMinute = Duration.between(Synthetic.NOW.minus(week), shiftAt).toMinutes();
        Series latency = Synthetic.noisy(
                "health.latency.seconds",
                HOST,
                week,
                Duration.ofMinutes(20),
                0.1,
                10,
                m -> (m < shiftMinute ? 0.1 : 0.15) * (1 + 0.3 * Math.sin(2 * Math.PI * m / 1_440)));

        TrendReport report = trends.report(Synthetic.history(week, latency), List.of(), Duration.ofDays(1));

        assertThat(report.significantChanges()).singleElement().satisfies(c -> {
            assertThat(Duration.between(shiftAt, c.at()).abs()).isLessThanOrEqualTo(Duration.ofMinutes(60));
            assertThat(c.changeType()).isEqualTo("degradation");
            assertThat(c.timePeriod()).isEqualTo("last_6_hours");
        });
    }

    @Test
    void anEmptyHistoryHasNothingToSayAndAHorizonMustBePositive() {
        History empty = History.of(List.of(), Synthetic.NOW.minus(WINDOW), Synthetic.NOW);

        TrendReport report = trends.report(empty, List.of(), HORIZON);

        assertThat(report.trends()).isEmpty();
        assertThat(report.forecasts()).isEmpty();
        // a hit ratio stuck at 1 (every pair tied) is stable, unchanged and forecast as itself
        Series stuck = Synthetic.series("redis.keyspace.hit.ratio", HOST, WINDOW, MINUTE, m -> 1.0);
        TrendReport flat = trends.report(Synthetic.history(WINDOW, stuck), List.of(), HORIZON);
        assertThat(flat.trends()).containsExactly(Map.entry("cache_hit_ratio_trend", "stable"));
        assertThat(flat.significantChanges()).isEmpty();
        assertThat(flat.forecasts().get(0).points())
                .allSatisfy(p -> assertThat(p.lower())
                        .isEqualTo(1.0)
                        .isEqualTo(p.value())
                        .isEqualTo(p.upper()));
        assertThatThrownBy(() -> trends.report(empty, List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("forecast horizon must be > 0, but was PT0S");
        assertThatThrownBy(() -> new TrendSettings(0.95, 0.05, 2, null, 0.95, 5))
                .hasMessage("minSegment must be in [3, 100000], but was 2");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22, 23, 24, 25})
    void aLevelShiftIsLocatedAndTheActionAppliedThereIsNamedButNotOneFarAway(long seed) {
        Instant start = Synthetic.NOW.minus(WINDOW);
        Series cpu =
                Synthetic.noisy("host.cpu.usage.ratio", HOST, WINDOW, MINUTE, 0.2, seed, m -> m < 370 ? 0.3 : 0.45);
        ActionRecord near = applied("act-near", start.plus(Duration.ofMinutes(369)));
        ActionRecord far = applied("act-far", start.plus(Duration.ofMinutes(100)));

        TrendReport report = trends.report(Synthetic.history(WINDOW, cpu), List.of(far, near), HORIZON);

        assertThat(report.significantChanges()).singleElement().satisfies(c -> {
            assertThat(Duration.between(start.plus(Duration.ofMinutes(370)), c.at())
                            .abs())
                    .isLessThanOrEqualTo(Duration.ofMinutes(3));
            assertThat(c.metric()).isEqualTo("cpu_usage");
            assertThat(c.series()).isEqualTo("host.cpu.usage.ratio{target=host}");
            assertThat(c.changeType()).isEqualTo("degradation");
            assertThat(c.changePercent()).isCloseTo(50, within(10.0));
            assertThat(c.timePeriod()).isEqualTo("last_4_hours");
            assertThat(c.statistic()).contains("Mann-Whitney p").contains("Bonferroni");
            assertThat(c.possibleCauses())
                    .singleElement()
                    .asString()
                    .startsWith("action act-near applied at " + near.appliedAt() + " by alice: batch size 100 -> 500")
                    .contains("agent.tunable on http://127.0.0.1:9000");
        });
    }

    @Test
    void aChangeWithNothingNearItHasNoCause() {
        Series cpu = Synthetic.noisy("host.cpu.usage.ratio", HOST, WINDOW, MINUTE, 0.1, 22, m -> m < 200 ? 0.5 : 0.25);
        ActionRecord far = applied("act-far", Synthetic.NOW.minus(WINDOW).plus(Duration.ofMinutes(500)));

        TrendReport report = trends.report(Synthetic.history(WINDOW, cpu), List.of(far), HORIZON);

        assertThat(report.significantChanges()).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo("improvement");
            assertThat(c.possibleCauses()).isEmpty();
        });
    }

    @Test
    void aRestartAndALoadChangeAreNamedAsCausesFromTheirSeries() {
        // the application restarts at minute 300: its heap drops, its uptime falls to 0
        Map<String, String> app = Map.of("target", "service:9010");
        Series heap = Synthetic.noisy(
                "jvm.memory.heap.used.bytes", app, WINDOW, MINUTE, 0.05, 31, m -> m < 300 ? 800e6 : 200e6);
        Series uptime = Synthetic.series(
                "jvm.uptime.seconds", app, WINDOW, MINUTE, m -> m < 300 ? 3_600 + m * 60 : (m - 300) * 60 + 5);
        // at minute 450 the request rate doubles and latency follows
        Series requests = counter("http_server_requests_seconds_count", 32, m -> m < 450 ? 100 : 200);
        Series latency =
                Synthetic.noisy("health.latency.seconds", HOST, WINDOW, MINUTE, 0.1, 33, m -> m < 450 ? 0.05 : 0.09);

        TrendReport report =
                trends.report(Synthetic.history(WINDOW, heap, uptime, requests, latency), List.of(), HORIZON);

        SignificantChange restart = change(report, "heap_usage");
        assertThat(restart.changeType()).isEqualTo("improvement");
        assertThat(restart.possibleCauses())
                .singleElement()
                .asString()
                .startsWith("restart of target=service:9010 at ")
                .contains("jvm.uptime.seconds fell from 21540 s to 5 s");
        SignificantChange load = change(report, "response_time");
        assertThat(load.changeType()).isEqualTo("degradation");
        assertThat(load.possibleCauses())
                .singleElement()
                .asString()
                .startsWith("load change: http_server_requests_seconds_count{uri=/orders} (rate per second) rose");
        assertThat(report.significantChanges())
                .extracting(SignificantChange::metric)
                .containsExactly("response_time", "heap_usage");
    }

    @Test
    void theForecastsIntervalWidensWithTheHorizonAndTheReportIsJson() throws Exception {
        Series cpu = Synthetic.noisy("host.cpu.usage.ratio", HOST, WINDOW, MINUTE, 0.1, 41, m -> 0.3 + 0.2 * m / 600);

        TrendReport report = trends.report(Synthetic.history(WINDOW, cpu), List.of(), Duration.ofHours(1));

        Forecast forecast = report.forecasts().get(0);
        // 600 one-minute points are kept as they are: 60 steps of one minute
        assertThat(forecast.horizonSeconds()).isEqualTo(3_600);
        assertThat(forecast.points()).hasSize(60);
        assertThat(forecast.confidenceLevel()).isEqualTo(0.95);
        List<Double> widths =
                forecast.points().stream().map(p -> p.upper() - p.lower()).toList();
        for (int i = 1; i < widths.size(); i++) {
            assertThat(widths.get(i)).isGreaterThanOrEqualTo(widths.get(i - 1));
        }
        assertThat(widths.get(widths.size() - 1)).isGreaterThan(widths.get(0) * 1.2);
        // the trend goes on: the last forecast is above the window's end
        assertThat(forecast.points().get(59).value()).isCloseTo(0.5 + 0.2 * 60 / 600, within(0.03));
        String json = Json.documentWriter().writeValueAsString(report);
        assertThat(json)
                .contains("\"period_days\"", "\"cpu_usage_trend\" : \"degrading\"", "\"confidence_level\" : 0.95")
                .doesNotContain("NaN");
    }

    private static SignificantChange change(TrendReport report, String metric) {
        return report.significantChanges().stream()
                .filter(c -> c.metric().equals(metric))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no change of " + metric + " in " + report.significantChanges()));
    }

    /** {@code level(minute)} times 1 + AR(1) noise of lag-1 correlation {@code phi} and standard deviation {@code sd}. */
    private static Series wandering(
            String name, long seed, double phi, double sd, java.util.function.DoubleUnaryOperator level) {
        Random noise = new Random(seed);
        double innovation = sd * Math.sqrt(1 - phi * phi);
        double[] e = {sd * noise.nextGaussian()};
        return Synthetic.series(name, HOST, WINDOW, MINUTE, m -> {
            e[0] = phi * e[0] + innovation * noise.nextGaussian();
            return level.applyAsDouble(m) * (1 + e[0]);
        });
    }

    /** A request counter rising by {@code perSecond(minute)} each second, with 10 % noise in each minute's rise. */
    private static Series counter(String name, long seed, java.util.function.DoubleUnaryOperator perSecond) {
        Random noise = new Random(seed);
        double[] total = {0};
        return Synthetic.series(name, Map.of("uri", "/orders"), WINDOW, MINUTE, m -> {
            total[0] += perSecond.applyAsDouble(m) * 60 * (1 + 0.1 * noise.nextGaussian());
            return total[0];
        });
    }

    private static ActionRecord applied(String id, Instant at) {
        ActionRequest request = new ActionRequest(
                "agent.tunable", "http://127.0.0.1:9000", Map.of("name", "batcher.orders.batch.maxEvents"));
        Plan plan = new Plan(
                "plan-" + id,
                request,
                "batch size 100 -> 500",
                List.of(new Change("batcher.orders.batch.maxEvents", "100", "500")),
                true,
                null,
                at.minusSeconds(5));
        return new ActionRecord(
                id,
                plan,
                "alice",
                ActionStatus.KEPT,
                at.minusSeconds(5),
                at,
                at,
                "unchanged",
                "",
                null,
                null,
                null,
                null);
    }
}
