package io.pacer.cli;

import io.pacer.load.RunResult;

/**
 * Whether a finished run passed: every operation succeeded and, for an end-to-end test, no record was lost or
 * duplicated. Anything else exits {@link ExitCode#FAILED_RUN}, so CI notices.
 */
final class Verdict {
    private Verdict() {}

    static int exitCode(RunResult result) {
        return failures(result) == 0 ? ExitCode.OK : ExitCode.FAILED_RUN;
    }

    static long failures(RunResult result) {
        long lostOrDuplicated = Math.round(result.driverSummary().getOrDefault("lost", 0.0)
                + result.driverSummary().getOrDefault("duplicates", 0.0));
        return result.counts().failed() + lostOrDuplicated;
    }
}
