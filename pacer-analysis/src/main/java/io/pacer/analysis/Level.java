package io.pacer.analysis;

/**
 * How bad a finding is. {@link #INFO} notes something worth knowing that needs no change; a quiet system should have
 * nothing above it (the diagnosis benchmark counts every finding above {@code INFO} on a quiet run as a false alarm).
 */
public enum Level {
    /** Worth knowing, nothing to do. */
    INFO,
    /** Costs performance now or soon; act when convenient. */
    WARNING,
    /** Hurts now (lost throughput, growing backlog, errors); act now. */
    CRITICAL
}
