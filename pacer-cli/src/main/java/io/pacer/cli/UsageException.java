package io.pacer.cli;

/**
 * A problem with what the user asked for — a flag, a file, a server that cannot be reached. The CLI prints the
 * message as one line and exits with {@link ExitCode#USAGE}; no stack trace.
 */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
