package io.pacer.cli.demo;

/**
 * One known fault {@code bench/diagnose.sh} injects into the running demo, and the finding kind a correct diagnosis
 * names first. {@link #clear} undoes the injection itself (not what an action changed), so the next fault starts from
 * a healthy pipeline.
 */
interface Fault {

    /** A short name for the confusion table, e.g. {@code cpu-hog}. */
    String name();

    /** The {@code io.pacer.analysis.FindingKinds} constant a correct diagnosis puts on top. */
    String expectedKind();

    /** Starts the fault. */
    void inject() throws Exception;

    /** Ends the fault and restores what {@link #inject} changed. Idempotent. */
    void clear() throws Exception;
}
