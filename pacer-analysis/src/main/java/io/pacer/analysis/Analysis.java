package io.pacer.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pacer.analysis.action.AutomatedAction;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One analysis's result, with seed 002's field names as written so scripts written against its example keep working
 * ({@code performance_score}, {@code analysis_duration_seconds}, {@code system_metrics}, {@code integration_metrics},
 * {@code database_metrics}, {@code optimization_recommendations}, {@code critical_issues}, {@code automated_actions})
 * plus Pacer's {@code bottlenecks}: every finding with its evidence.
 *
 * @param timestamp the analysis's {@code now}
 * @param windowSeconds how far back it looked
 * @param performanceScore 0..100, 100 when nothing was found (see the analyzer for how findings deduct)
 * @param analysisDurationSeconds how long the analysis took
 * @param systemMetrics the window's system figures (e.g. {@code cpu_usage_percent}); empty when not included
 * @param integrationMetrics the window's integration figures (e.g. {@code integrations_tested}); empty when not included
 * @param databaseMetrics the window's database figures (e.g. {@code cache_hit_ratio}); empty when not included
 * @param optimizationRecommendations ranked, deduplicated
 * @param criticalIssues the findings at {@link Level#CRITICAL}
 * @param automatedActions what auto-optimisation has scheduled or would apply, with its rollback plan
 * @param bottlenecks every finding, most severe and most confident first
 */
public record Analysis(
        Instant timestamp,
        @JsonProperty("window_seconds") long windowSeconds,
        @JsonProperty("performance_score") double performanceScore,
        @JsonProperty("analysis_duration_seconds") double analysisDurationSeconds,
        @JsonProperty("system_metrics") Map<String, Object> systemMetrics,
        @JsonProperty("integration_metrics") Map<String, Object> integrationMetrics,
        @JsonProperty("database_metrics") Map<String, Object> databaseMetrics,
        @JsonProperty("optimization_recommendations") List<Recommendation> optimizationRecommendations,
        @JsonProperty("critical_issues") List<Finding> criticalIssues,
        @JsonProperty("automated_actions") List<AutomatedAction> automatedActions,
        List<Finding> bottlenecks) {

    public Analysis {
        Objects.requireNonNull(timestamp, "timestamp");
        systemMetrics = Map.copyOf(systemMetrics);
        integrationMetrics = Map.copyOf(integrationMetrics);
        databaseMetrics = Map.copyOf(databaseMetrics);
        optimizationRecommendations = List.copyOf(optimizationRecommendations);
        criticalIssues = List.copyOf(criticalIssues);
        automatedActions = List.copyOf(automatedActions);
        bottlenecks = List.copyOf(bottlenecks);
    }
}
