package io.pacer.cli;

/** The process exit codes every Pacer command uses. */
final class ExitCode {
    /** The run completed and nothing failed. */
    static final int OK = 0;
    /** The run completed but operations failed, were incomplete, or records were lost or duplicated. */
    static final int FAILED_RUN = 1;
    /** Bad usage: an unknown or malformed flag, an unreadable file, a server that cannot be reached. */
    static final int USAGE = 2;

    private ExitCode() {}
}
