package io.pacer.load.kafka;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link KafkaDrivers#consume} reads and how: one {@code poll} per operation.
 *
 * @param bootstrapServers   {@code host:port[,host:port...]}
 * @param topic              the topic read; it must exist
 * @param groupId            nullable: the consumer group to join (group mode, offsets committed as Kafka's defaults
 *                           say), or {@code null} for assign mode (no group, nothing committed)
 * @param partitions         assign mode only: the partitions to read, empty for all of them
 * @param fromBeginning      start at the earliest offset instead of the end (group mode: only where the group has no
 *                           committed offset, as {@code auto.offset.reset} works)
 * @param consumerProperties any consumer setting; overrides Pacer's defaults (byte-array deserializers, a client id,
 *                           {@code auto.offset.reset} from {@code fromBeginning}) and Kafka's
 * @param pollTimeout        the longest one poll waits for records
 */
public record KafkaConsumeSettings(
        String bootstrapServers,
        String topic,
        String groupId,
        List<Integer> partitions,
        boolean fromBeginning,
        Map<String, String> consumerProperties,
        Duration pollTimeout) {

    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
    public static final Duration MAX_POLL_TIMEOUT = Duration.ofMinutes(1);

    public KafkaConsumeSettings {
        bootstrapServers = Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]")
                .trim();
        Check.topicName("topic", topic);
        Check.that(groupId == null || !groupId.isBlank(), "groupId", "null (assign mode) or non-blank", groupId);
        Objects.requireNonNull(partitions, "partitions");
        partitions = List.copyOf(partitions);
        Check.argument(
                groupId == null || partitions.isEmpty(),
                "partitions " + partitions + " apply to assign mode only, but groupId is '" + groupId
                        + "': drop the partitions or the group");
        Check.eachAtLeast("partitions", partitions, 0);
        Check.distinct("partitions", partitions);
        consumerProperties = Check.stringMap("consumerProperties", consumerProperties);
        Check.duration("pollTimeout", pollTimeout, Duration.ZERO, MAX_POLL_TIMEOUT);
    }

    /** Group mode from the group's committed offsets (or the end), default poll timeout. */
    public static KafkaConsumeSettings group(String bootstrapServers, String topic, String groupId) {
        Objects.requireNonNull(groupId, "groupId");
        return new KafkaConsumeSettings(
                bootstrapServers, topic, groupId, List.of(), false, Map.of(), DEFAULT_POLL_TIMEOUT);
    }

    /** Assign mode over all partitions from the end, default poll timeout. */
    public static KafkaConsumeSettings assign(String bootstrapServers, String topic) {
        return new KafkaConsumeSettings(
                bootstrapServers, topic, null, List.of(), false, Map.of(), DEFAULT_POLL_TIMEOUT);
    }

    public KafkaConsumeSettings withFromBeginning(boolean newFromBeginning) {
        return new KafkaConsumeSettings(
                bootstrapServers, topic, groupId, partitions, newFromBeginning, consumerProperties, pollTimeout);
    }

    public KafkaConsumeSettings withPartitions(List<Integer> newPartitions) {
        return new KafkaConsumeSettings(
                bootstrapServers, topic, groupId, newPartitions, fromBeginning, consumerProperties, pollTimeout);
    }

    public KafkaConsumeSettings withConsumerProperties(Map<String, String> newProperties) {
        return new KafkaConsumeSettings(
                bootstrapServers, topic, groupId, partitions, fromBeginning, newProperties, pollTimeout);
    }

    public KafkaConsumeSettings withPollTimeout(Duration newPollTimeout) {
        return new KafkaConsumeSettings(
                bootstrapServers, topic, groupId, partitions, fromBeginning, consumerProperties, newPollTimeout);
    }
}
