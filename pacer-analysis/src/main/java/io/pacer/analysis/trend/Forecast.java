package io.pacer.analysis.trend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A metric's forecast over a horizon with a prediction interval.
 *
 * @param metric a name for people
 * @param series the stored series
 * @param method e.g. {@code additive Holt-Winters (season 24 points)}
 * @param confidenceLevel the prediction interval's coverage, e.g. 0.80
 * @param horizonSeconds how far ahead
 * @param points the forecast, one per step: time, value, interval
 */
public record Forecast(
        String metric,
        String series,
        String method,
        @JsonProperty("confidence_level") double confidenceLevel,
        @JsonProperty("horizon_seconds") long horizonSeconds,
        List<ForecastPoint> points) {

    /** One forecast step: the expected value and its prediction interval. */
    public record ForecastPoint(Instant at, double value, double lower, double upper) {}
}
