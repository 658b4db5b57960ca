package io.pacer.analysis.trend;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Seed 002's trends analysis: per-metric trend names ({@code cpu_usage_trend: stable}), the significant changes with
 * likely causes, and the forecast — plus the statistic behind each.
 *
 * @param periodDays the window's length in days
 * @param trends seed 002's map: {@code <metric>_trend} to {@code improving}, {@code stable} or {@code degrading}
 * @param details each trend with its statistic
 * @param significantChanges the change points, newest first
 * @param forecasts the forecasts
 */
public record TrendReport(
        @JsonProperty("period_days") double periodDays,
        Map<String, String> trends,
        List<Trend> details,
        @JsonProperty("significant_changes") List<SignificantChange> significantChanges,
        List<Forecast> forecasts) {}
