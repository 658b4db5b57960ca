package io.pacer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** How {@code pacer act} prints the service's answers for people: a plan, an action record, the history. */
final class ActOutput {

    private ActOutput() {}

    /** Prints one answer. */
    interface Printer {
        void print(JsonNode answer, PrintWriter out);
    }

    /** The dry run: the plan's id, what it changes (now → after) and how it will be verified. */
    static void plan(JsonNode plan, PrintWriter out) {
        out.println("plan " + plan.path("id").asText() + (plan.path("safe").asBoolean() ? " (safe)" : " (not safe)")
                + ": " + plan.path("summary").asText());
        changes(plan, out);
        JsonNode v = plan.path("verification");
        if (v.isObject()) {
            out.println("  verified on " + v.path("series").asText() + " over "
                    + v.path("window").asText()
                    + (v.path("higherIsBetter").asBoolean() ? " (higher is better)" : " (lower is better)"));
        }
        out.println("apply it: pacer act apply --plan " + plan.path("id").asText());
    }

    /** One action: id, status, what changed, the verdict and any rollback. */
    static void record(JsonNode r, PrintWriter out) {
        out.println("action " + r.path("id").asText() + ": " + r.path("status").asText() + " (by "
                + r.path("requested_by").asText() + ", " + when(r) + ")");
        out.println("  " + r.path("plan").path("summary").asText());
        changes(r.path("plan"), out);
        if (r.hasNonNull("verdict")) {
            out.println("  verdict: " + r.path("verdict").asText() + " — "
                    + r.path("verdict_detail").asText(""));
        }
        if (r.hasNonNull("reverted_at")) {
            out.println("  reverted " + r.path("reverted_at").asText() + " by "
                    + r.path("reverted_by").asText() + ": "
                    + r.path("revert_reason").asText(""));
        }
        if (r.hasNonNull("error")) {
            out.println("  error: " + r.path("error").asText());
        }
    }

    /** The history as a table, newest first. */
    static void history(JsonNode body, PrintWriter out) {
        JsonNode actions = body.path("actions");
        if (actions.isEmpty()) {
            out.println("no actions yet");
            return;
        }
        out.printf("%-40s  %-9s  %-12s  %-24s  %s%n", "ACTION", "STATUS", "VERDICT", "WHEN", "CHANGE");
        for (JsonNode r : actions) {
            out.printf(
                    "%-40s  %-9s  %-12s  %-24s  %s%n",
                    r.path("id").asText(),
                    r.path("status").asText(),
                    r.path("verdict").asText("-"),
                    when(r),
                    r.path("plan").path("summary").asText());
        }
    }

    private static void changes(JsonNode plan, PrintWriter out) {
        for (JsonNode c : plan.path("changes")) {
            out.println(
                    "  " + c.path("setting").asText() + ": " + c.path("before").asText("(none)") + " -> "
                            + c.path("after").asText("(none)"));
        }
    }

    private static String when(JsonNode r) {
        if (r.hasNonNull("applied_at")) {
            return "applied " + r.path("applied_at").asText();
        }
        return "scheduled for " + r.path("scheduled_for").asText();
    }
}
