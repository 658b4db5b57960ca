package io.pacer.verdict.suite;

/**
 * A suite that cannot run as written: a YAML error, an unknown driver, option or metric, a bad value. The message is
 * one line that starts with the place ({@code my-suite.yaml:12:5: scenario 'stress': ...}) and says how to fix it;
 * the CLI prints it and exits 2.
 */
public final class SuiteException extends IllegalArgumentException {

    private final transient Location location;

    public SuiteException(Location location, String message) {
        super(location + ": " + message);
        this.location = location;
    }

    /** Where the problem was written. */
    public Location location() {
        return location;
    }
}
