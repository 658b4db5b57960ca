package io.pacer.load.kafka;

import io.pacer.load.LoadSetupException;
import java.util.Map;
import java.util.Optional;

/**
 * The topic checks the Kafka drivers run in {@code open()}, for other drivers that write to Kafka (replay): reach
 * the cluster within a bounded wait, create the topic if it is absent and make it safe for an idempotent producer
 * (every partition led and probed once), or fail with a one-line {@link LoadSetupException}.
 */
public final class KafkaTopics {
    private KafkaTopics() {}

    /**
     * Makes sure {@code topic} exists, creating it with {@code partitions} and the broker's default replication.
     *
     * @param clientProperties the driver's client properties (security settings reach the admin client too)
     * @return the topic's partition count
     * @throws LoadSetupException when the cluster cannot be reached in time or the topic cannot be created
     */
    public static int ensure(
            String bootstrapServers, Map<String, String> clientProperties, String topic, int partitions) {
        try (Preflight preflight = Preflight.connect(bootstrapServers, clientProperties, Preflight.TIMEOUT)) {
            return preflight.ensureTopic(topic, partitions, Optional.empty());
        }
    }
}
