package io.pacer.analysis.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Seed 002's {@code automated_actions} entry: what auto-optimisation will do (or did) about a recommendation, with the
 * rollback plan.
 *
 * @param recommendationId the recommendation it carries out
 * @param action one line: what will be applied
 * @param status {@code pending} (will be applied at {@code scheduledFor}), or the action's {@link ActionStatus}
 * @param scheduledFor when it will be (or was) applied
 * @param rollbackPlan how it is undone and when that happens automatically
 * @param actionId the action's id in the history once it exists; null while pending
 */
public record AutomatedAction(
        @JsonProperty("recommendation_id") String recommendationId,
        String action,
        String status,
        @JsonProperty("scheduled_for") Instant scheduledFor,
        @JsonProperty("rollback_plan") String rollbackPlan,
        @JsonProperty("action_id") String actionId) {}
