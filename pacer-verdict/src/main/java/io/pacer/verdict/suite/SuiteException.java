package io.pacer.verdict.suite;

import io.pacer.internal.YamlException;

/**
 * A suite that cannot run as written: a YAML error, an unknown driver, option or metric, a bad value. The message is
 * one line that starts with the place ({@code my-suite.yaml:12:5: scenario 'stress': ...}) and says how to fix it;
 * the CLI prints it and exits 2.
 */
public final class SuiteException extends YamlException {
    private static final long serialVersionUID = 1L;

    public SuiteException(Location location, String message) {
        super(location.file(), location.line(), location.column(), "", message);
    }

    /** A problem the YAML reader found (not YAML, a repeated key), as a suite's. */
    SuiteException(YamlException e) {
        super(e);
    }

    /** Where the problem was written. */
    public Location location() {
        return new Location(file(), line(), column());
    }
}
