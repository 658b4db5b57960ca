package io.pacer.testing;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.Topic;
import io.pacer.kafka.TopicSpec;
import java.time.Duration;

/**
 * Creates topics on an {@link EmbeddedKafka} through Pacer's own {@link KafkaSetup}, so a test's topic is safe
 * for idempotent producers (led and probed, the probes deleted) when the call returns. The broker also creates
 * topics on first use, with one partition and no probe.
 */
public final class Topics {

    /** Generous: a shared, busy test machine. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Topics() {}

    /** Creates {@code name} with {@code partitions}; fails if it exists. */
    public static Topic create(EmbeddedKafka kafka, String name, int partitions) {
        return create(kafka, TopicSpec.of(name, partitions));
    }

    /** Creates the topic {@code spec} describes; fails if it exists. */
    public static Topic create(EmbeddedKafka kafka, TopicSpec spec) {
        try (KafkaSetup setup = connect(kafka)) {
            return setup.createTopic(spec);
        }
    }

    /** A setup against {@code kafka} with a timeout for a busy machine; close it. */
    public static KafkaSetup connect(EmbeddedKafka kafka) {
        return KafkaSetup.connect(KafkaConnection.of(kafka.bootstrapServers()).withTimeout(TIMEOUT));
    }
}
