package io.pacer.verdict.readiness;

/** How much a finding hurts: critical blocks a production deployment, warning should be fixed, info is a note. */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO;

    /** The lower-case name used in JSON, on the terminal and by {@code --fail-on}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
