package io.pacer.load;

import io.pacer.kafka.KafkaSetupException;

/**
 * A run cannot start because of its surroundings, not because of a bug: the broker is unreachable, a topic is
 * missing and may not be created, a payload file cannot be read. The message is one line meant for the user: it
 * names the problem and the fix, so a CLI prints it as it is and exits (status 2) without a stack trace.
 * {@link Driver#open()} throws it for any such problem; a driver that sets Kafka up through
 * {@code io.pacer.kafka.KafkaSetup} passes its failure on as {@code new LoadSetupException(kafkaSetupFailure)}.
 */
public final class LoadSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LoadSetupException(String message) {
        super(message);
    }

    public LoadSetupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A Kafka setup failure: the same one-line message, the failure as the cause. */
    public LoadSetupException(KafkaSetupException kafkaSetupFailure) {
        super(kafkaSetupFailure.getMessage(), kafkaSetupFailure);
    }
}
