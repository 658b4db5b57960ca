package io.pacer.verdict.readiness;

/** A rule's severity in each environment: what blocks production is often only a note on a laptop. */
record Severities(Severity production, Severity staging, Severity development) {

    /** Critical in production, a warning in staging, a note in development: the usual gradient. */
    static final Severities GRADED = new Severities(Severity.CRITICAL, Severity.WARNING, Severity.INFO);

    /** A warning in production and staging, a note in development. */
    static final Severities WARN = new Severities(Severity.WARNING, Severity.WARNING, Severity.INFO);

    /** A note wherever it runs. */
    static final Severities NOTE = new Severities(Severity.INFO, Severity.INFO, Severity.INFO);

    Severity in(Environment environment) {
        return switch (environment) {
            case PRODUCTION -> production;
            case STAGING -> staging;
            case DEVELOPMENT -> development;
        };
    }
}
