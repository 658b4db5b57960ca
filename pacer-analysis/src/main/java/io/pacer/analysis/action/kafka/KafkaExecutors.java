package io.pacer.analysis.action.kafka;

import io.pacer.analysis.action.ActionExecutor;
import io.pacer.internal.Check;
import java.time.Duration;

/** Executors of Kafka changes. */
public final class KafkaExecutors {

    /** How long one call to the cluster may take by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private KafkaExecutors() {}

    /**
     * {@code kafka.topic-config}: a topic's config override through the AdminClient ({@code describeConfigs},
     * {@code incrementalAlterConfigs}); target the bootstrap servers, parameters {@code topic}, {@code config},
     * {@code value}. The plan is validated by the broker ({@code validateOnly}) before it is shown; configs Kafka marks
     * read-only or sensitive are refused. Revert sets the old override again, or deletes the override when the topic
     * had none (so the topic inherits the broker's value again, as before). Safe for auto-optimisation: only
     * {@code compression.type}, {@code segment.ms}, {@code segment.bytes} and raising {@code max.message.bytes} —
     * nothing that deletes data (retention, cleanup policy) or weakens durability or availability
     * ({@code min.insync.replicas}, unclean leader election).
     *
     * @param timeout how long one call may take
     */
    public static ActionExecutor topicConfig(Duration timeout) {
        Check.duration("kafka action timeout", timeout, Duration.ofMillis(500), Duration.ofMinutes(5));
        return new KafkaTopicConfigExecutor(timeout);
    }
}
