package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.Workload;
import io.pacer.load.kafka.KafkaConsumeSettings;
import io.pacer.load.kafka.KafkaDrivers;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pacer kafka consume}: records/s, MB/s, lag over time and rebalance time. */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        description = "Consume as fast as possible, in a group or by assignment, for N records (--count) or a "
                + "duration; reports records/s, MB/s, lag over time and rebalance time.",
        footer = {
            "",
            "Examples:",
            "  pacer kafka consume -b 127.0.0.1:9092 --topic orders --group bench --count 1000000",
            "  pacer kafka consume -b 127.0.0.1:9092 --topic orders --assign 0,1 --from beginning --duration 30s"
        })
final class KafkaConsumeCommand extends LoadCommand {

    @Mixin
    KafkaTarget target;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "pacer-load",
            description = "Topic to read (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--group",
            paramLabel = "GROUP",
            description = "Consumer group (group mode; default: none, assign mode).")
    String group;

    @Option(
            names = "--assign",
            split = ",",
            paramLabel = "P",
            description = "Partitions to assign (assign mode; default all).")
    List<Integer> partitions = new ArrayList<>();

    @Option(
            names = "--from",
            defaultValue = "beginning",
            paramLabel = "beginning|end",
            description = "Where to start without a committed offset (default ${DEFAULT-VALUE}).")
    String from;

    @Option(
            names = "-C",
            paramLabel = "KEY=VALUE",
            description = "A consumer property (repeatable; wins over --consumer-config; default: none, Kafka's"
                    + " defaults).")
    List<String> consumerProps = new ArrayList<>();

    @Option(names = "--consumer-config", paramLabel = "FILE", description = "Consumer properties file (default: none).")
    Path consumerConfig;

    @Option(
            names = "--poll-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "100ms",
            description = "Longest a single poll waits (default ${DEFAULT-VALUE}).")
    Duration pollTimeout;

    @Override
    Workload workload() {
        if (group != null && !partitions.isEmpty()) {
            throw new UsageException("give --group or --assign, not both");
        }
        if (!from.equalsIgnoreCase("beginning") && !from.equalsIgnoreCase("end")) {
            throw new UsageException("--from '" + from + "' must be beginning or end");
        }
        if (load.users != 1) {
            throw new UsageException("kafka consume runs one consumer: drop --users");
        }
        return load.toPollingWorkload("a consumer polls as fast as it can; --count counts records");
    }

    @Override
    Driver driver(PrintWriter err) {
        return KafkaDrivers.consume(new KafkaConsumeSettings(
                target.servers(err),
                topic,
                group,
                partitions,
                from.toLowerCase(Locale.ROOT).equals("beginning"),
                Properties.merge(consumerConfig, consumerProps, "-C", "--consumer-config"),
                pollTimeout));
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "kafka consume");
        p.put("topic", topic);
        p.put("mode", group == null ? "assign" : "group");
        if (group != null) {
            p.put("group", group);
        }
        if (!partitions.isEmpty()) {
            p.put("assign", partitions.toString());
        }
        p.put("from", from);
        p.put("embedded_broker", String.valueOf(target.embedded()));
        Properties.redacted(Properties.merge(consumerConfig, consumerProps, "-C", "--consumer-config"))
                .forEach((k, v) -> p.put("consumer." + k, v));
        return p;
    }

    @Override
    void release() {
        target.close();
    }
}
