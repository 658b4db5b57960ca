package io.pacer.analysis.trend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One metric's trend over the window, with the statistic it rests on.
 *
 * @param metric a name for people ({@code cpu_usage}, {@code response_time}) as in seed 002's {@code trends}
 * @param series the stored series it was computed from
 * @param labels which of its series
 * @param direction improving, stable or degrading
 * @param statistic the test used, e.g. {@code Mann-Kendall tau with Sen slope}
 * @param slopePerHour the robust slope, in the series' unit per hour
 * @param pValue the test's two-sided p-value; a trend is stable unless it is below 1 − confidence
 */
public record Trend(
        String metric,
        String series,
        Map<String, String> labels,
        Direction direction,
        String statistic,
        @JsonProperty("slope_per_hour") double slopePerHour,
        @JsonProperty("p_value") double pValue) {}
