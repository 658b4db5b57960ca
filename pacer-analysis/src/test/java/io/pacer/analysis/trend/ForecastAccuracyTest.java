package io.pacer.analysis.trend;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.History;
import io.pacer.analysis.Synthetic;
import io.pacer.analysis.trend.Forecast.ForecastPoint;
import io.pacer.monitor.store.Point;
import io.pacer.monitor.store.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The test: on series with a known trend and seasonality plus Gaussian noise, the forecast of the held-out end
 * beats the seasonal-naive forecast — MASE below 1, scaled as Hyndman and Koehler define it (by the in-sample
 * seasonal-naive error), and a lower held-out error than seasonal-naive's own. The season is detected (or given), the
 * parameters fitted; nothing about the shape is told to the model.
 */
class ForecastAccuracyTest {

    private static final String THROUGHPUT = "pacer_batcher_throughput_events_s";
    private static final Map<String, String> LABELS = Map.of("batcher", "orders");

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({
        "hourly points with a daily season and a rising trend, 1",
        "hourly points with a daily season and a rising trend, 2",
        "hourly points with a daily season and a rising trend, 3",
        "hourly points with a daily season and a rising trend, 4",
        "hourly points with a daily season and a rising trend, 5",
        "2-minute points with an hourly season and a falling trend (season given), 11",
        "2-minute points with an hourly season and a falling trend (season given), 12",
        "2-minute points with an hourly season and a falling trend (season given), 13",
    })
    void holtWintersBeatsSeasonalNaiveOnHeldOutData(String shape, long seed) {
        boolean hourly = shape.startsWith("hourly");
        Duration step = hourly ? Duration.ofHours(1) : Duration.ofMinutes(2);
        int season = hourly ? 24 : 30;
        int trainPoints = 14 * season;
        int heldOut = 2 * season;
        Random noise = new Random(seed);
        DoubleUnaryOperator truth = hourly
                ? m -> 500
                        + 0.5 * (m / 60)
                        + 100 * Math.sin(2 * Math.PI * m / (24 * 60))
                        + 30 * Math.cos(4 * Math.PI * m / (24 * 60))
                : m -> 2_000 - 1.0 * (m / 2) + 150 * Math.sin(2 * Math.PI * m / 60);
        double sd = hourly ? 15 : 25;
        Duration span = step.multipliedBy(trainPoints + heldOut);
        Series all = Synthetic.series(
                THROUGHPUT, LABELS, span, step, m -> truth.applyAsDouble(m) + sd * noise.nextGaussian());
        Instant cut = Synthetic.NOW.minus(step.multipliedBy(heldOut));
        History training = History.of(List.of(all), Synthetic.NOW.minus(span), cut);
        TrendSettings settings =
                hourly ? TrendSettings.ofDefaults() : TrendSettings.ofDefaults().withSeasonPeriod(Duration.ofHours(1));

        TrendReport report = TrendAnalysis.standard(settings).report(training, List.of(), step.multipliedBy(heldOut));

        Forecast forecast = report.forecasts().stream()
                .filter(f -> f.series().startsWith(THROUGHPUT))
                .findFirst()
                .orElseThrow();
        assertThat(forecast.method()).contains("additive Holt-Winters (season " + season + " points");
        assertThat(forecast.points()).hasSize(heldOut);
        double[] y = all.points().stream().mapToDouble(Point::avg).toArray();
        Map<Instant, Double> actual = all.points().stream().collect(Collectors.toMap(Point::timestamp, Point::avg));
        double forecastError = 0;
        double naiveError = 0;
        int covered = 0;
        for (int h = 1; h <= heldOut; h++) {
            ForecastPoint p = forecast.points().get(h - 1);
            double observed = actual.get(p.at());
            assertThat(p.at()).isEqualTo(cut.plus(step.multipliedBy(h - 1)));
            forecastError += Math.abs(observed - p.value());
            double naive = y[trainPoints - 1 + h - season * (int) Math.ceil(h / (double) season)];
            naiveError += Math.abs(observed - naive);
            covered += observed >= p.lower() && observed <= p.upper() ? 1 : 0;
        }
        double inSampleNaive = 0;
        for (int t = season; t < trainPoints; t++) {
            inSampleNaive += Math.abs(y[t] - y[t - season]);
        }
        double mase = (forecastError / heldOut) / (inSampleNaive / (trainPoints - season));
        double relative = forecastError / naiveError;
        System.out.printf(
                Locale.ROOT,
                "MASE %.3f (held-out MAE vs seasonal-naive's %.3f, %.0f %% inside the %.0f %% interval) — %s, seed %d;"
                        + " %s%n",
                mase,
                relative,
                100.0 * covered / heldOut,
                forecast.confidenceLevel() * 100,
                shape,
                seed,
                forecast.method());

        assertThat(mase).as("MASE against seasonal-naive").isLessThan(1);
        assertThat(relative).as("held-out MAE relative to seasonal-naive's").isLessThan(1);
        assertThat(covered)
                .as("held-out points inside the prediction interval")
                .isGreaterThanOrEqualTo(heldOut * 3 / 4);
    }
}
