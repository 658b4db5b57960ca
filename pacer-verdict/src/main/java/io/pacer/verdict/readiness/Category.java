package io.pacer.verdict.readiness;

/** The areas a readiness check scores separately (seed 000's validator areas, named after what they look at). */
public enum Category {
    PRODUCER,
    CONSUMER,
    CLUSTER,
    SECURITY,
    RESOURCES,
    PERFORMANCE;

    /** The lower-case name used in JSON and on the terminal. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
