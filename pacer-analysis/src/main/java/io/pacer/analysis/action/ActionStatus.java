package io.pacer.analysis.action;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where one action is in its life; JSON in lower case ({@code "verifying"}). */
public enum ActionStatus {
    /** Waits for its time ({@code scheduled_for}). */
    SCHEDULED,
    /** Applied; its verification window is running. */
    VERIFYING,
    /** Applied and judged: not worse (improved or unchanged within the tolerance). */
    KEPT,
    /** Undone, by a person or automatically because the verification showed degradation. */
    REVERTED,
    /** Could not be applied (stale plan, target refused or unreachable); nothing changed. */
    FAILED,
    /** A scheduled action cancelled before its time. */
    CANCELLED;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
