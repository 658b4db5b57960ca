package io.pacer.cli;

import io.pacer.load.kafka.KafkaProduceSettings;
import io.pacer.load.kafka.KeyDistribution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The producer workload's options (topic, records, keys, producer properties, clients), declared once for the
 * commands that produce: {@code pacer kafka produce}, {@code pacer kafka} and {@code pacer kafka tune}.
 *
 * <p>A mixin takes no arguments, so a command that words an option differently says so in its picocli resource
 * bundle: the {@code descriptionKey}s below name what it may override, and {@code topic.default} is its default topic
 * (the help shows it, as {@code ${DEFAULT-VALUE}} is the resolved default). Without a bundle these texts and
 * {@value #DEFAULT_TOPIC} apply.
 */
final class ProducerWorkloadOptions {
    /** The topic of a command whose bundle names none. */
    static final String DEFAULT_TOPIC = "pacer-load";

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "${bundle:topic.default:-" + DEFAULT_TOPIC + "}",
            description = "Topic (created if absent; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "6",
            description = "Partitions when the topic is created (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            defaultValue = "1",
            description = "Replication factor when the topic is created (default ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(
            names = "--record-size",
            paramLabel = "BYTES",
            defaultValue = "100",
            descriptionKey = "record-size",
            description = "Value size in bytes: random letters, different per record (default ${DEFAULT-VALUE}).")
    int recordSize;

    @Option(
            names = "--payload-file",
            paramLabel = "FILE",
            description = "Values from FILE instead, one per line, used in turn (default: none, random letters).")
    Path payloadFile;

    @Option(
            names = "--keys",
            defaultValue = "none",
            paramLabel = "none|sequential|random:N",
            description = "Record keys: none (default), sequential, or random among N keys.")
    String keys;

    @Option(
            names = "-P",
            paramLabel = "KEY=VALUE",
            descriptionKey = "producer-property",
            description = "A producer property, e.g. -P acks=all (repeatable; wins over --producer-config; default:"
                    + " none, Kafka's defaults).")
    List<String> producerProps = new ArrayList<>();

    @Option(
            names = "--producer-config",
            paramLabel = "FILE",
            descriptionKey = "producer-config",
            description = "Producer properties file (default: none).")
    Path producerConfig;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "1",
            descriptionKey = "clients",
            description = "KafkaProducer instances shared by the users (default ${DEFAULT-VALUE}).")
    int clients;

    /** The producer properties: {@code --producer-config}'s, then {@code -P}'s over them; bad ones are a usage error. */
    Map<String, String> producerProperties() {
        return Properties.merge(producerConfig, producerProps, "-P", "--producer-config");
    }

    KafkaProduceSettings settings(String servers, Map<String, String> producer) {
        return new KafkaProduceSettings(
                servers,
                topic,
                partitions,
                replicationFactor,
                recordSize,
                payloadFile,
                KeyDistribution.parse(keys),
                producer,
                clients);
    }

    /**
     * The run's parameters as its report shows them: the command, the workload, the command's {@code own} ones,
     * the clients, whether the broker was embedded, and the producer properties with secrets redacted.
     */
    Map<String, String> parameters(
            String command, Map<String, String> own, boolean embeddedBroker, Map<String, String> producer) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", command);
        p.put("topic", topic);
        p.put("partitions", String.valueOf(partitions));
        p.put("record_size", String.valueOf(recordSize));
        if (payloadFile != null) {
            p.put("payload_file", payloadFile.toString());
        }
        p.put("keys", keys);
        p.putAll(own);
        p.put("clients", String.valueOf(clients));
        p.put("embedded_broker", String.valueOf(embeddedBroker));
        Properties.redacted(producer).forEach((k, v) -> p.put("producer." + k, v));
        return p;
    }
}
