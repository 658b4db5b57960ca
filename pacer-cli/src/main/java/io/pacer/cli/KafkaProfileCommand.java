package io.pacer.cli;

import io.pacer.verdict.kafka.KafkaProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacer kafka profile NAME}: a profile's producer and consumer properties, each line with its reason. */
@Command(
        name = "profile",
        mixinStandardHelpOptions = true,
        description = "Print Kafka producer and consumer settings for a goal as .properties, each line with its"
                + " reason and the profile's trade-offs as comments.",
        footer = {
            "",
            "Profiles: throughput, latency, durability, balanced, seed (seed 000's settings as written).",
            "",
            "Examples:",
            "  pacer kafka profile throughput",
            "  pacer kafka profile durability --output producer.properties --consumer-output consumer.properties",
            "  pacer kafka produce --producer-config producer.properties --rate -1 --count 1000000"
        })
final class KafkaProfileCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "throughput, latency, durability, balanced or seed.")
    String name;

    @Option(
            names = {"--output", "-o"},
            paramLabel = "FILE",
            description = "Write the producer properties to FILE (default: none, printed on stdout).")
    Path output;

    @Option(
            names = "--consumer-output",
            paramLabel = "FILE",
            description = "Write the consumer properties to FILE (default: none, printed on stdout).")
    Path consumerOutput;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        KafkaProfile profile = KafkaProfile.named(name);
        OutputFiles.fileOnly("--output", output);
        OutputFiles.fileOnly("--consumer-output", consumerOutput);
        checkWritable("--output", output);
        checkWritable("--consumer-output", consumerOutput);
        OutputFiles.distinct("--output", output, "--consumer-output", consumerOutput);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean printed = false;
        for (boolean producer : new boolean[] {true, false}) {
            Path file = producer ? output : consumerOutput;
            String text = producer ? profile.producerFile() : profile.consumerFile();
            if (file != null) {
                Files.writeString(file, text, StandardCharsets.ISO_8859_1);
                err.println("pacer: " + (producer ? "producer" : "consumer") + " properties written to " + file);
            } else {
                if (printed) {
                    out.println();
                }
                out.print(text);
                printed = true;
            }
        }
        out.flush();
        return ExitCode.OK;
    }

    /** {@link LoadCommand#checkOutputWritable} for an output flag of another name. */
    static void checkWritable(String flag, Path file) {
        try {
            LoadCommand.checkOutputWritable(file);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage().replaceFirst("^--output", flag));
        }
    }
}
