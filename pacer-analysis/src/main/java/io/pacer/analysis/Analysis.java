package io.pacer.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pacer.analysis.action.AutomatedAction;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One analysis's result, with seed 002's field names as written so scripts written against its example keep working
 * ({@code performance_score}, {@code analysis_duration_seconds}, {@code system_metrics}, {@code integration_metrics},
 * {@code database_metrics}, {@code optimization_recommendations}, {@code critical_issues}, {@code automated_actions})
 * plus Pacer's {@code bottlenecks}: every finding with its evidence, {@code cost_performance} (seed 004's view: work
 * done per CPU core), {@code problems} (detectors that failed — reported, never failing the analysis) and
 * {@code detector_seconds} (how long each detector took). The metric maps keep the order their keys were put in.
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
 * @param costPerformance throughput per CPU core and what it rests on; empty when the window holds no throughput
 * @param problems one line per detector (or metric group) that failed; the rest of the analysis stands
 * @param detectorSeconds how long each detector that ran took, by name, in the order they ran
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
        List<Finding> bottlenecks,
        @JsonProperty("cost_performance") Map<String, Object> costPerformance,
        List<String> problems,
        @JsonProperty("detector_seconds") Map<String, Double> detectorSeconds) {

    public Analysis {
        Objects.requireNonNull(timestamp, "timestamp");
        systemMetrics = ordered(systemMetrics);
        integrationMetrics = ordered(integrationMetrics);
        databaseMetrics = ordered(databaseMetrics);
        optimizationRecommendations = List.copyOf(optimizationRecommendations);
        criticalIssues = List.copyOf(criticalIssues);
        automatedActions = List.copyOf(automatedActions);
        bottlenecks = List.copyOf(bottlenecks);
        costPerformance = ordered(costPerformance);
        problems = problems == null ? List.of() : List.copyOf(problems);
        detectorSeconds = ordered(detectorSeconds);
    }

    /** The skeleton's shape: no cost view, no problems, no timings. */
    public Analysis(
            Instant timestamp,
            long windowSeconds,
            double performanceScore,
            double analysisDurationSeconds,
            Map<String, Object> systemMetrics,
            Map<String, Object> integrationMetrics,
            Map<String, Object> databaseMetrics,
            List<Recommendation> optimizationRecommendations,
            List<Finding> criticalIssues,
            List<AutomatedAction> automatedActions,
            List<Finding> bottlenecks) {
        this(
                timestamp,
                windowSeconds,
                performanceScore,
                analysisDurationSeconds,
                systemMetrics,
                integrationMetrics,
                databaseMetrics,
                optimizationRecommendations,
                criticalIssues,
                automatedActions,
                bottlenecks,
                Map.of(),
                List.of(),
                Map.of());
    }

    /** This analysis with {@code actions} as its {@code automated_actions} (the service adds what it scheduled). */
    public Analysis withAutomatedActions(List<AutomatedAction> actions) {
        return new Analysis(
                timestamp,
                windowSeconds,
                performanceScore,
                analysisDurationSeconds,
                systemMetrics,
                integrationMetrics,
                databaseMetrics,
                optimizationRecommendations,
                criticalIssues,
                actions,
                bottlenecks,
                costPerformance,
                problems,
                detectorSeconds);
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableMap(copy);
    }
}
