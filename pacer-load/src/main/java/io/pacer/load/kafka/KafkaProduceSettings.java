package io.pacer.load.kafka;

import io.pacer.internal.Check;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link KafkaDrivers#produce} sends and how: one record per operation.
 *
 * @param bootstrapServers   {@code host:port[,host:port...]}
 * @param topic              the topic written to; created with {@code partitions} and {@code replicationFactor} if
 *                           absent (an existing topic is used as it is)
 * @param partitions         partitions of a topic this run creates
 * @param replicationFactor  replication factor of a topic this run creates
 * @param recordSize         value bytes per record (random letters A–Z, a different slice each time); ignored when
 *                           {@code payloadFile} is set
 * @param payloadFile        nullable: a UTF-8 file with one payload per line, sent round-robin
 * @param keys               which key each record carries
 * @param producerProperties any producer setting ({@code -P key=value}, {@code --producer-config FILE}); overrides
 *                           Pacer's defaults (byte-array serializers, a client id) and Kafka's
 * @param clients            {@code KafkaProducer} instances; an operation of user {@code u} goes through
 *                           producer {@code u % clients}
 */
public record KafkaProduceSettings(
        String bootstrapServers,
        String topic,
        int partitions,
        short replicationFactor,
        int recordSize,
        Path payloadFile,
        KeyDistribution keys,
        Map<String, String> producerProperties,
        int clients) {

    public static final int DEFAULT_PARTITIONS = 3;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final int DEFAULT_RECORD_SIZE = 100;
    public static final int DEFAULT_CLIENTS = 1;
    /** Largest record the settings accept; the broker's own limit (1 MiB by default) usually bites first. */
    public static final int MAX_RECORD_SIZE = 64 << 20;

    public static final int MAX_PARTITIONS = 10_000;
    public static final int MAX_CLIENTS = 256;

    public KafkaProduceSettings {
        bootstrapServers = Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]")
                .trim();
        Check.topicName("topic", topic);
        Check.range("partitions", partitions, 1, MAX_PARTITIONS);
        Check.range("replicationFactor", replicationFactor, 1, Short.MAX_VALUE);
        Check.range("recordSize", recordSize, 1, MAX_RECORD_SIZE);
        Objects.requireNonNull(keys, "keys");
        producerProperties = Check.stringMap("producerProperties", producerProperties);
        Check.range("clients", clients, 1, MAX_CLIENTS);
    }

    /** Defaults for everything but where to send: 3 partitions, replication 1, 100-byte values, no keys, 1 client. */
    public static KafkaProduceSettings of(String bootstrapServers, String topic) {
        return new KafkaProduceSettings(
                bootstrapServers,
                topic,
                DEFAULT_PARTITIONS,
                DEFAULT_REPLICATION_FACTOR,
                DEFAULT_RECORD_SIZE,
                null,
                KeyDistribution.none(),
                Map.of(),
                DEFAULT_CLIENTS);
    }

    public KafkaProduceSettings withRecordSize(int newRecordSize) {
        return new KafkaProduceSettings(
                bootstrapServers,
                topic,
                partitions,
                replicationFactor,
                newRecordSize,
                payloadFile,
                keys,
                producerProperties,
                clients);
    }

    public KafkaProduceSettings withPayloadFile(Path newPayloadFile) {
        return new KafkaProduceSettings(
                bootstrapServers,
                topic,
                partitions,
                replicationFactor,
                recordSize,
                newPayloadFile,
                keys,
                producerProperties,
                clients);
    }

    public KafkaProduceSettings withKeys(KeyDistribution newKeys) {
        return new KafkaProduceSettings(
                bootstrapServers,
                topic,
                partitions,
                replicationFactor,
                recordSize,
                payloadFile,
                newKeys,
                producerProperties,
                clients);
    }

    public KafkaProduceSettings withProducerProperties(Map<String, String> newProperties) {
        return new KafkaProduceSettings(
                bootstrapServers,
                topic,
                partitions,
                replicationFactor,
                recordSize,
                payloadFile,
                keys,
                newProperties,
                clients);
    }

    public KafkaProduceSettings withClients(int newClients) {
        return new KafkaProduceSettings(
                bootstrapServers,
                topic,
                partitions,
                replicationFactor,
                recordSize,
                payloadFile,
                keys,
                producerProperties,
                newClients);
    }
}
