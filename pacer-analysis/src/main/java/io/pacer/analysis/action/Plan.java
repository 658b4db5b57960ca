package io.pacer.analysis.action;

import io.pacer.internal.Check;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A dry run: the exact change an action would make, read from the target's current state. Applying a plan applies
 * exactly these changes or nothing — an executor re-reads the state and refuses with {@link StalePlanException} when
 * any {@link Change#before()} no longer holds.
 *
 * @param id a digest of the request and the changes: the same state and request plan to the same id
 * @param request what was asked
 * @param summary one line for a person: what will change and why it is safe to try
 * @param changes every setting it changes, with its value now and after
 * @param safe whether auto-optimisation may apply it unattended (small, reversible, no restart, no data rewritten)
 * @param verification how it will be judged once applied; null when the executor knows no series that shows the effect
 * @param plannedAt when the state was read
 */
public record Plan(
        String id,
        ActionRequest request,
        String summary,
        List<Change> changes,
        boolean safe,
        Verification verification,
        Instant plannedAt) {

    public Plan {
        Check.notBlank("plan id", id, "a digest");
        Objects.requireNonNull(request, "request");
        Check.notBlank("plan summary", summary, "one line");
        changes = List.copyOf(changes);
        Check.that(!changes.isEmpty(), "plan changes", "at least one", "none");
        Objects.requireNonNull(plannedAt, "plannedAt");
    }
}
