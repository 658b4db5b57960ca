package io.pacer.cli;

import io.pacer.load.LoadSetupException;
import io.pacer.load.replay.CaptureFormatException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Sorts failures into the user's problems (exit 2, one line) and Pacer's own. */
final class Problems {
    private Problems() {}

    /**
     * The failure to report: a user's problem anywhere in the cause chain (a driver's setup failure wrapped by the
     * engine), else the innermost of the wrappers that only carry a cause.
     */
    static Throwable unwrap(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (isSetupProblem(c)) {
                return c;
            }
        }
        Throwable current = t;
        while ((current instanceof CompletionException
                        || current instanceof ExecutionException
                        || current instanceof UncheckedIOException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean isSetupProblem(Throwable t) {
        return t instanceof UsageException || t instanceof LoadSetupException || t instanceof CaptureFormatException;
    }

    /**
     * Problems the user can fix: bad options and settings (IllegalArgumentException from a validating record),
     * setup failures the drivers report as one-line messages, unreadable files.
     */
    static boolean isUsage(Throwable t) {
        return isSetupProblem(t)
                || t instanceof IllegalArgumentException
                || t instanceof NoSuchFileException
                || t instanceof java.nio.file.AccessDeniedException;
    }

    static String oneLine(Throwable t) {
        String message = t instanceof NoSuchFileException
                ? "no such file: " + t.getMessage()
                : t instanceof java.nio.file.AccessDeniedException
                        ? "cannot read " + t.getMessage() + ": permission denied"
                        : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
