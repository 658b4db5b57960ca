package io.pacer.analysis.trend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The season is found where there is one, and nowhere else. */
class SeasonalityTest {

    @ParameterizedTest(name = "{0}: period {1}")
    @CsvSource({
        "daily cycle of hourly points,               24",
        "daily cycle on a steep rise,                24",
        "hourly two-tone cycle of 2-minute points, 30",
        "white noise,                                0",
        "a steady ramp,                              0",
        "a random walk,                              0",
        "a level shift,                              0",
    })
    void theSeasonalPeriodIsFoundWhereThereIsOne(String shape, int period) {
        Random noise = new Random(shape.hashCode());
        double[] walk = {0};
        IntToDoubleFunction f = switch (shape) {
            case "daily cycle of hourly points" -> i -> 10 * Math.sin(2 * Math.PI * i / 24) + noise.nextGaussian();
            case "daily cycle on a steep rise" -> i -> i + 10 * Math.sin(2 * Math.PI * i / 24) + noise.nextGaussian();
            case "hourly two-tone cycle of 2-minute points" ->
                i -> 5 * Math.sin(2 * Math.PI * i / 30) + 3 * Math.cos(4 * Math.PI * i / 30) + noise.nextGaussian();
            case "white noise" -> i -> noise.nextGaussian();
            case "a steady ramp" -> i -> i * 0.1 + noise.nextGaussian();
            case "a random walk" -> i -> walk[0] += noise.nextGaussian();
            default -> i -> (i < 150 ? 0 : 5) + noise.nextGaussian();
        };
        double[] values = IntStream.range(0, 300).mapToDouble(f).toArray();

        assertThat(Seasonality.detect(values)).isEqualTo(period);
    }

    @ParameterizedTest(name = "{0} every {1} ms over {2} points: {3}")
    @CsvSource({
        "PT1H,  60000, 600, 60",
        "PT1H,  60000, 150, 0",
        "PT1M,  60000, 600, 0",
        "PT24H, 0,     600, 0",
    })
    void aGivenPeriodCountsOnlyWithEnoughSeasons(Duration period, long step, int size, int points) {
        assertThat(Seasonality.given(period, step, size)).isEqualTo(points);
    }
}
