package io.pacer.verdict.readiness;

/**
 * A readiness run cannot look at what it was asked to look at: the cluster does not answer within the timeout,
 * refuses this client, the {@code --command-config} file cannot be read, or the quick benchmark could not run. The
 * message is one line for a person, naming the problem and the fix, so the command prints it as it is and exits 2
 * ("could not run") — a readiness verdict over a cluster that was never read would be no verdict.
 */
public final class ReadinessSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ReadinessSetupException(String message) {
        super(message);
    }

    public ReadinessSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
