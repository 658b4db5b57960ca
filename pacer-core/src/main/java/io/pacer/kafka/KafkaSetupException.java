package io.pacer.kafka;

/**
 * Kafka is not set up the way a caller needs, and the caller cannot fix that by retrying: the cluster does not
 * answer, refuses this client, a topic is missing or may not be created, a new topic does not take writes. The
 * message is one line meant for a person: it names the problem and the fix (in the words of
 * {@link KafkaConnection.SettingNames}), so a command line prints it as it is, without a stack trace; the Kafka
 * exception behind it, if any, is the cause.
 */
public final class KafkaSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KafkaSetupException(String message) {
        super(message);
    }

    public KafkaSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
