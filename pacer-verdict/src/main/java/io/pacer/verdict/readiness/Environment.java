package io.pacer.verdict.readiness;

/**
 * Where the checked configuration will run. Severity depends on it: a plaintext listener is critical in production
 * and only worth a note in development.
 */
public enum Environment {
    PRODUCTION,
    STAGING,
    DEVELOPMENT;

    /** The lower-case name used by {@code --environment} and in JSON. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
