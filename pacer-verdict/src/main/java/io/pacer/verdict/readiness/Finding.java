package io.pacer.verdict.readiness;

import java.util.List;
import java.util.Objects;

/**
 * What one rule found: a stable id scripts can match on, its category and severity, the evidence, why it matters
 * (one or two sentences) and the fix (the exact property line or command).
 *
 * @param ruleId stable id, e.g. {@code producer.idempotence-disabled}
 * @param category the area it is scored in
 * @param severity how much it hurts in the checked environment
 * @param title one line saying what is wrong
 * @param evidence the values seen and where
 * @param why why it matters
 * @param fix the exact change: a property line ({@code enable.idempotence=true}) or a command
 *     ({@code kafka-configs.sh --bootstrap-server … --alter …})
 */
public record Finding(
        String ruleId,
        Category category,
        Severity severity,
        String title,
        List<Evidence> evidence,
        String why,
        String fix) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(why, "why");
        Objects.requireNonNull(fix, "fix");
    }
}
