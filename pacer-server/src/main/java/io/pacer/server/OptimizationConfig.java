package io.pacer.server;

import io.pacer.analysis.action.ActionsConfig;
import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Objects;

/**
 * How the service analyses and acts: auto-optimisation and its change budget (seed 002's {@code
 * ENABLE_AUTO_OPTIMIZATION} and {@code OPTIMIZATION_CHECK_INTERVAL}; off by default), the verification window, the
 * shared secret of the applications' Pacer agents, and how old an analysis the read routes may serve.
 *
 * @param actions auto-optimisation, change budget, plan lifetime and verification window
 * @param agentSecret the shared secret the applications' agents were started with; null when no agent is used (the
 *     {@code agent.tunable} executor then refuses)
 * @param analysisMaxAge how old the latest analysis may be for {@code GET /api/performance/bottlenecks},
 *     {@code recommendations} and the dashboard before they analyse again (default {@link #DEFAULT_ANALYSIS_MAX_AGE})
 */
public record OptimizationConfig(ActionsConfig actions, String agentSecret, Duration analysisMaxAge) {

    /** Long enough that a dashboard and a script asking together share one analysis, short enough to be current. */
    public static final Duration DEFAULT_ANALYSIS_MAX_AGE = Duration.ofSeconds(30);

    /** The shortest agent secret accepted: a random token, not a password. */
    public static final int MIN_SECRET_LENGTH = 16;

    public static final OptimizationConfig DEFAULTS =
            new OptimizationConfig(ActionsConfig.ofDefaults(), null, DEFAULT_ANALYSIS_MAX_AGE);

    public OptimizationConfig {
        Objects.requireNonNull(actions, "actions");
        Check.that(
                agentSecret == null || agentSecret.length() >= MIN_SECRET_LENGTH,
                "agent secret",
                "at least " + MIN_SECRET_LENGTH + " characters (the secret the agents were started with)",
                agentSecret == null ? null : agentSecret.length() + " characters");
        Check.duration("analysis max age", analysisMaxAge, Duration.ZERO, Duration.ofHours(1));
    }

    public OptimizationConfig withActions(ActionsConfig value) {
        return new OptimizationConfig(value, agentSecret, analysisMaxAge);
    }

    public OptimizationConfig withAgentSecret(String value) {
        return new OptimizationConfig(actions, value, analysisMaxAge);
    }

    public OptimizationConfig withAnalysisMaxAge(Duration value) {
        return new OptimizationConfig(actions, agentSecret, value);
    }

    /** Never shows the agent secret. */
    @Override
    public String toString() {
        return "OptimizationConfig[" + actions + ", agentSecret=" + (agentSecret == null ? "none" : "set")
                + ", analysisMaxAge=" + analysisMaxAge + "]";
    }
}
