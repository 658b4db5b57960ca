package io.pacer.analysis.action;

import io.pacer.internal.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    /**
     * The id a plan of {@code request} with {@code changes} gets: {@code plan-} and 16 hex digits of a SHA-256 over
     * both, so the same request over the same state plans to the same id and any moved value to another.
     */
    public static String idOf(ActionRequest request, List<Change> changes) {
        StringBuilder text = new StringBuilder()
                .append(request.kind())
                .append('\n')
                .append(request.target())
                .append('\n')
                .append(request.parameters());
        for (Change c : changes) {
            text.append('\n')
                    .append(c.setting())
                    .append('\u0000')
                    .append(c.before())
                    .append('\u0000')
                    .append(c.after());
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "plan-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
