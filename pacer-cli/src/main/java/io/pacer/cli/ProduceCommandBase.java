package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.kafka.KafkaDrivers;
import io.pacer.load.kafka.KafkaProduceSettings;
import io.pacer.load.kafka.KeyDistribution;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The producer test's options and driver, shared by {@code pacer kafka produce} and {@code pacer kafka} (which runs
 * the producer test when no subcommand is given).
 */
abstract class ProduceCommandBase extends LoadCommand {

    @Mixin
    KafkaTarget target;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "pacer-load",
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
            description = "A producer property, e.g. -P acks=all (repeatable; wins over --producer-config; default:"
                    + " none, Kafka's defaults).")
    List<String> producerProps = new ArrayList<>();

    @Option(names = "--producer-config", paramLabel = "FILE", description = "Producer properties file (default: none).")
    Path producerConfig;

    @Option(
            names = "--clients",
            paramLabel = "N",
            defaultValue = "1",
            description = "KafkaProducer instances shared by the users (default ${DEFAULT-VALUE}).")
    int clients;

    @Override
    Driver driver(PrintWriter err) {
        KafkaProduceSettings settings = new KafkaProduceSettings(
                target.servers(err),
                topic,
                partitions,
                replicationFactor,
                recordSize,
                payloadFile,
                KeyDistribution.parse(keys),
                Properties.merge(producerConfig, producerProps, "-P", "--producer-config"),
                clients);
        return KafkaDrivers.produce(settings);
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "kafka produce");
        p.put("topic", topic);
        p.put("partitions", String.valueOf(partitions));
        p.put("record_size", String.valueOf(recordSize));
        if (payloadFile != null) {
            p.put("payload_file", payloadFile.toString());
        }
        p.put("keys", keys);
        p.put("clients", String.valueOf(clients));
        p.put("embedded_broker", String.valueOf(target.embedded()));
        Properties.redacted(Properties.merge(producerConfig, producerProps, "-P", "--producer-config"))
                .forEach((k, v) -> p.put("producer." + k, v));
        return p;
    }

    @Override
    void release() {
        target.close();
    }
}
