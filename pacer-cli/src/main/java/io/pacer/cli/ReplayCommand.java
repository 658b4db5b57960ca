package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.Pacing;
import io.pacer.load.Workload;
import io.pacer.load.replay.ReplayDrivers;
import io.pacer.load.replay.ReplaySettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pacer replay}: a recorded capture into a topic, at recorded timing × speed or as fast as possible. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = {
            "Replay a recorded capture (JSON lines or CSV, optionally gzip) into a topic at the recorded "
                    + "timing times --speed, or as fast as possible (--speed max). The file is streamed, never loaded.",
            "JSON lines: {\"ts\": 1700000000123, \"key\": \"k\", \"value\": \"...\"}; CSV: a header ts,key,value. "
                    + "See docs/capture-format.md."
        },
        footer = {
            "",
            "Examples:",
            "  pacer replay capture.jsonl.gz --topic orders --speed 2",
            "  pacer replay capture.csv -b 127.0.0.1:9092 --topic orders --speed max --skip-bad-lines"
        })
final class ReplayCommand extends LoadCommand {

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "The capture file.")
    Path capture;

    @Mixin
    KafkaTarget target;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            defaultValue = "pacer-replay",
            description = "Topic (created if absent; default ${DEFAULT-VALUE}).")
    String topic;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            defaultValue = "6",
            description = "Partitions when the topic is created (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--speed",
            defaultValue = "1",
            paramLabel = "FACTOR|max",
            description =
                    "Recorded timing × FACTOR (2 = twice as fast), or max for as fast as possible (default ${DEFAULT-VALUE}).")
    String speed;

    @Option(
            names = "--skip-bad-lines",
            description = "Skip and count malformed lines instead of stopping at the first (default: off).")
    boolean skipBadLines;

    @Option(
            names = "-P",
            paramLabel = "KEY=VALUE",
            description = "A producer property over the replay's own defaults (repeatable; default: none, so"
                    + " acks=all batch.size=262144 compression.type=lz4 linger.ms=5).")
    List<String> producerProps = new ArrayList<>();

    @Option(names = "--producer-config", paramLabel = "FILE", description = "Producer properties file (default: none).")
    Path producerConfig;

    @Override
    Workload workload() {
        if (load.requestedRate() != null || load.thinkTime != null || load.rampUp != null || !load.steps.isEmpty()) {
            throw new UsageException(
                    "replay follows the capture's timing: use --speed instead of --rate, --think-time, --ramp-up or --step");
        }
        if (!distribution.requested() && !Files.isRegularFile(capture)) { // on workers: theirs to find, per share
            throw new UsageException("capture " + capture + ": no such file");
        }
        Workload base = load.toWorkload(true);
        return new Workload(
                pacing(),
                base.users(),
                base.limit(),
                base.warmup(),
                base.maxOutstanding(),
                base.drainTimeout(),
                base.interval());
    }

    private Pacing pacing() {
        if (speed.trim().equalsIgnoreCase("max")) {
            return Pacing.unlimited();
        }
        double factor;
        try {
            factor = Double.parseDouble(speed.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--speed '" + speed + "' must be a factor > 0 (1 = recorded timing) or max");
        }
        try {
            return new Pacing.Recorded(factor);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--speed '" + speed + "' must be a factor > 0 (1 = recorded timing) or max");
        }
    }

    @Override
    Driver driver(PrintWriter err) {
        return ReplayDrivers.replay(new ReplaySettings(
                capture,
                skipBadLines,
                target.servers(err),
                topic,
                partitions,
                Properties.merge(producerConfig, producerProps, "-P", "--producer-config")));
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "replay");
        p.put("capture", capture.toString());
        p.put("topic", topic);
        p.put("speed", speed);
        p.put("skip_bad_lines", String.valueOf(skipBadLines));
        p.put("embedded_broker", String.valueOf(target.embedded()));
        return p;
    }

    @Override
    void release() {
        target.close();
    }
}
