package io.pacer.verdict.readiness;

import java.util.List;
import java.util.Objects;

/**
 * One readiness rule: its stable id, category, severity in each environment and why it matters. A rule makes the
 * {@link Finding} when its check sees the problem; the severity then follows the environment being checked.
 *
 * @param id stable id, {@code area.what} ({@code producer.acks-not-all})
 * @param category where it is scored
 * @param production severity in production
 * @param staging severity in staging
 * @param development severity in development
 * @param why one or two sentences: what goes wrong
 */
record Rule(String id, Category category, Severity production, Severity staging, Severity development, String why) {

    Rule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(why, "why");
    }

    /** A rule as severe in every environment (the client fails the same way everywhere). */
    static Rule everywhere(String id, Category category, Severity severity, String why) {
        return new Rule(id, category, severity, severity, severity, why);
    }

    Severity severity(Environment environment) {
        return switch (environment) {
            case PRODUCTION -> production;
            case STAGING -> staging;
            case DEVELOPMENT -> development;
        };
    }

    Finding finding(Environment environment, String title, List<Evidence> evidence, String fix) {
        return new Finding(id, category, severity(environment), title, evidence, why, fix);
    }
}
