package io.pacer.analysis;

/**
 * Which part of seed 002's analysis a finding belongs to: its request flags {@code include_system_metrics},
 * {@code include_integration_metrics} and {@code include_database_metrics} choose categories, and the result groups
 * its metrics the same way.
 */
public enum Category {
    /** The machine and the JVMs: CPU, memory, GC, disk, network. */
    SYSTEM,
    /** Kafka, Redis, HTTP endpoints and Pacer's own batchers and caches in the applications. */
    INTEGRATION,
    /** PostgreSQL and connection pools. */
    DATABASE
}
