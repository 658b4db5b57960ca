package io.pacer.analysis.trend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A change point: where a metric's level shifted significantly, and what the history says happened around then.
 *
 * @param metric a name for people, as in {@link Trend#metric()}
 * @param series the stored series
 * @param at when the level shifted
 * @param changePercent the level after relative to before, in percent
 * @param changeType {@code improvement} or {@code degradation} (seed 002's names)
 * @param timePeriod the span compared, e.g. {@code last_24_hours}
 * @param statistic the test behind it and its p-value
 * @param possibleCauses events the history holds near {@code at}: actions applied, load changes, restarts; empty when
 *     it holds none (never invented)
 */
public record SignificantChange(
        String metric,
        String series,
        Instant at,
        @JsonProperty("change_percent") double changePercent,
        @JsonProperty("change_type") String changeType,
        @JsonProperty("time_period") String timePeriod,
        String statistic,
        @JsonProperty("possible_causes") List<String> possibleCauses) {}
