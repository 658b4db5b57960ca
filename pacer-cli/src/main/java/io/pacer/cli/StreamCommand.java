package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.kafka.KafkaDrivers;
import io.pacer.load.kafka.Processor;
import io.pacer.load.kafka.StreamSettings;
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

/** {@code pacer stream}: end-to-end latency through a processor, with every record id accounted for. */
@Command(
        name = "stream",
        mixinStandardHelpOptions = true,
        description = {
            "End-to-end test: produce records carrying an id and their intended start to an input topic, "
                    + "let a processor write them to an output topic, consume the output and report end-to-end latency "
                    + "(from the intended start), lost and duplicated records.",
            "The processor is built in (pass-through, or delay:TIME) or your own service (--processor external), "
                    + "which must copy the record key and headers from input to output."
        },
        footer = {
            "",
            "Examples:",
            "  pacer stream --processor delay:20ms --rate 500 --duration 30s",
            "  pacer stream -b 127.0.0.1:9092 --input orders --output orders-enriched --processor external --rate 1000"
        })
final class StreamCommand extends LoadCommand {

    @Mixin
    KafkaTarget target;

    @Option(
            names = "--input",
            paramLabel = "TOPIC",
            defaultValue = "pacer-stream-in",
            description = "Input topic (default ${DEFAULT-VALUE}).")
    String input;

    @Option(
            names = "--output-topic",
            paramLabel = "TOPIC",
            defaultValue = "pacer-stream-out",
            description = "Output topic (default ${DEFAULT-VALUE}).")
    String outputTopic;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "6",
            description = "Partitions when topics are created (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--record-size",
            paramLabel = "BYTES",
            defaultValue = "100",
            description = "Value size in bytes (default ${DEFAULT-VALUE}).")
    int recordSize;

    @Option(
            names = "--processor",
            defaultValue = "pass-through",
            paramLabel = "pass-through|delay:TIME|external",
            description = "What turns input into output (default ${DEFAULT-VALUE}).")
    String processor;

    @Option(
            names = "-P",
            paramLabel = "KEY=VALUE",
            description = "A producer property (repeatable; default: none, acks=all linger.ms=0).")
    List<String> producerProps = new ArrayList<>();

    @Option(
            names = "-C",
            paramLabel = "KEY=VALUE",
            description = "A consumer property (repeatable; default: none, Kafka's defaults).")
    List<String> consumerProps = new ArrayList<>();

    @Option(names = "--producer-config", paramLabel = "FILE", description = "Producer properties file (default: none).")
    Path producerConfig;

    @Option(names = "--consumer-config", paramLabel = "FILE", description = "Consumer properties file (default: none).")
    Path consumerConfig;

    @Override
    Driver driver(PrintWriter err) {
        return KafkaDrivers.stream(new StreamSettings(
                target.servers(err),
                input,
                outputTopic,
                partitions,
                recordSize,
                processor(),
                Properties.merge(producerConfig, producerProps, "-P", "--producer-config"),
                Properties.merge(consumerConfig, consumerProps, "-C", "--consumer-config"),
                slice));
    }

    private Processor processor() {
        String p = processor.trim().toLowerCase(Locale.ROOT);
        if (p.equals("pass-through") || p.equals("passthrough")) {
            return Processor.passThrough();
        }
        if (p.equals("external")) {
            return Processor.external();
        }
        if (p.startsWith("delay:")) {
            Duration delay;
            try {
                delay = new Converters.DurationConverter().convert(p.substring("delay:".length()));
            } catch (RuntimeException e) {
                throw new UsageException("--processor '" + processor + "': " + e.getMessage());
            }
            return Processor.delay(delay);
        }
        throw new UsageException(
                "--processor '" + processor + "' must be pass-through, delay:TIME (delay:20ms) or external");
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "stream");
        p.put("input", input);
        p.put("output_topic", outputTopic);
        p.put("partitions", String.valueOf(partitions));
        p.put("record_size", String.valueOf(recordSize));
        p.put("processor", processor);
        p.put("embedded_broker", String.valueOf(target.embedded()));
        return p;
    }

    @Override
    void release() {
        target.close();
    }
}
