package io.pacer.cli;

import picocli.CommandLine.Command;

/**
 * {@code pacer kafka}: on its own it runs the producer test (the seed's {@code pacer kafka --duration 60 --users 10
 * --rate 100}); {@code produce} and {@code consume} name the two tests explicitly.
 */
@Command(
        name = "kafka",
        mixinStandardHelpOptions = true,
        description = {"Kafka load tests. Without a subcommand: the producer test (same options as 'kafka produce')."},
        subcommands = {
            KafkaProduceCommand.class,
            KafkaConsumeCommand.class,
            KafkaProfileCommand.class,
            KafkaTuneCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  pacer kafka --duration 60 --users 10 --rate 100 --output results.json",
            "  pacer kafka produce --bootstrap 127.0.0.1:9092 --topic orders --rate -1 --count 1000000 -P acks=all",
            "  pacer kafka consume --bootstrap 127.0.0.1:9092 --topic orders --group bench --count 1000000",
            "  pacer kafka profile throughput --output producer.properties",
            "  pacer kafka tune --budget 5m --target-p99 50ms --output best.properties --html tune.html"
        })
final class KafkaCommand extends ProduceCommandBase {}
