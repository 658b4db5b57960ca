package io.pacer.analysis.action;

import java.time.Duration;
import java.time.Instant;

/** The transitions of an {@link ActionRecord}: each returns the record with what changed, the rest kept. */
final class Records {

    private Records() {}

    /** Applied at {@code now}, its verification running. */
    static ActionRecord applied(ActionRecord r, Instant now) {
        return new ActionRecord(
                r.id(),
                r.plan(),
                r.requestedBy(),
                ActionStatus.VERIFYING,
                r.createdAt(),
                r.scheduledFor(),
                now,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Judged: {@code status} with the verdict and its statistic. */
    static ActionRecord judged(ActionRecord r, ActionStatus status, String verdict, String detail) {
        return new ActionRecord(
                r.id(),
                r.plan(),
                r.requestedBy(),
                status,
                r.createdAt(),
                r.scheduledFor(),
                r.appliedAt(),
                verdict,
                detail,
                r.revertedAt(),
                r.revertedBy(),
                r.revertReason(),
                null);
    }

    /** Undone ({@link ActionStatus#REVERTED}) or cancelled before its time, by {@code who} for {@code reason}. */
    static ActionRecord undone(ActionRecord r, ActionStatus status, Instant now, String who, String reason) {
        return new ActionRecord(
                r.id(),
                r.plan(),
                r.requestedBy(),
                status,
                r.createdAt(),
                r.scheduledFor(),
                r.appliedAt(),
                r.verdict(),
                r.verdictDetail(),
                now,
                who,
                reason,
                null);
    }

    /** Not applied: nothing changed, for {@code error}. */
    static ActionRecord failed(ActionRecord r, String error) {
        return new ActionRecord(
                r.id(),
                r.plan(),
                r.requestedBy(),
                ActionStatus.FAILED,
                r.createdAt(),
                r.scheduledFor(),
                null,
                null,
                null,
                null,
                null,
                null,
                error);
    }

    /** Judged worse, but the automatic revert failed: still verifying (applied), retried after {@code retry}. */
    static ActionRecord revertFailed(ActionRecord r, String verdict, String detail, String error, Duration retry) {
        return new ActionRecord(
                r.id(),
                r.plan(),
                r.requestedBy(),
                ActionStatus.VERIFYING,
                r.createdAt(),
                r.scheduledFor(),
                r.appliedAt(),
                verdict,
                detail,
                null,
                null,
                null,
                "the automatic revert failed, tried again every " + retry.toSeconds() + " s: " + error);
    }
}
