package io.pacer.analysis.action;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One action in the history: who asked, when, what (the plan with every before and after), how it was judged, and
 * whether and why it was rolled back. Cruise Control's users asked for exactly this audit (#2241, #2371).
 *
 * @param id the action's id
 * @param plan what was (or will be) applied
 * @param requestedBy who asked: a user's or key's name, or {@code auto-optimisation}
 * @param status where it is now
 * @param createdAt when it was asked for
 * @param scheduledFor when it is (or was) due; equal to {@code createdAt} for an immediate apply
 * @param appliedAt when it was applied; null before
 * @param verdict the verification's verdict ({@code improved}, {@code unchanged}, {@code regressed},
 *     {@code inconclusive}); null before it is judged
 * @param verdictDetail the statistic behind the verdict (the comparison's reason, p-value and change); null before
 * @param revertedAt when it was undone; null if it was not
 * @param revertedBy who undid it, or {@code auto-revert}; null if not undone
 * @param revertReason why: the verdict that triggered it, or the person's reason; null if not undone
 * @param error why it failed, for {@link ActionStatus#FAILED}; null otherwise
 */
public record ActionRecord(
        String id,
        Plan plan,
        @JsonProperty("requested_by") String requestedBy,
        ActionStatus status,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("scheduled_for") Instant scheduledFor,
        @JsonProperty("applied_at") Instant appliedAt,
        String verdict,
        @JsonProperty("verdict_detail") String verdictDetail,
        @JsonProperty("reverted_at") Instant revertedAt,
        @JsonProperty("reverted_by") String revertedBy,
        @JsonProperty("revert_reason") String revertReason,
        String error) {

    public ActionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
    }
}
