package io.pacer.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pacer.analysis.action.ActionRequest;
import io.pacer.internal.Check;
import java.util.List;
import java.util.Objects;

/**
 * What to do about one or more findings, in seed 002's shape ({@code category}, {@code type}, {@code priority},
 * {@code description}, {@code actions}, {@code expected_impact}, {@code implementation_effort}) plus what Pacer adds:
 * the findings it rests on and, where Pacer can carry it out, the action request that does.
 *
 * @param id stable for the same advice on the same subject (its type plus the finding ids), so the dashboard and
 *     {@code pacer act} can refer to it
 * @param category seed 002's category, e.g. {@code database_performance}, {@code system_resources}, {@code streaming}
 * @param type seed 002's type, e.g. {@code query_optimization}, {@code memory_optimization}, {@code batching}
 * @param priority how soon
 * @param description one line: what is wrong and what to do
 * @param actions the concrete steps, in order
 * @param expectedImpact what should improve, and by about how much, stated as an expectation
 * @param effort what it takes
 * @param findings ids of the findings it rests on ({@link Finding#id()})
 * @param action the request that carries it out through {@code /api/optimization/apply}; null when only people can
 */
public record Recommendation(
        String id,
        String category,
        String type,
        Priority priority,
        String description,
        List<String> actions,
        @JsonProperty("expected_impact") String expectedImpact,
        @JsonProperty("implementation_effort") Effort effort,
        List<String> findings,
        ActionRequest action) {

    public Recommendation {
        Check.notBlank("recommendation id", id, "a stable id");
        Check.notBlank("recommendation category", category, "e.g. system_resources");
        Check.notBlank("recommendation type", type, "e.g. memory_optimization");
        Objects.requireNonNull(priority, "priority");
        Check.notBlank("recommendation description", description, "one line");
        actions = List.copyOf(actions);
        Check.notBlank("recommendation expected impact", expectedImpact, "what should improve");
        Objects.requireNonNull(effort, "effort");
        findings = List.copyOf(findings);
    }
}
