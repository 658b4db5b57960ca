package io.pacer.cli;

import picocli.CommandLine.Command;

/** {@code pacer kafka produce}: records/s, MB/s and send-to-ack latency from each record's intended start. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        description = "Produce records at a target rate (or as fast as possible with --rate -1) and measure "
                + "send-to-ack latency from each record's intended start.",
        footer = {
            "",
            "Examples:",
            "  pacer kafka produce                                   # embedded broker, 1000 records/s for 10s",
            "  pacer kafka produce -b 127.0.0.1:9092 --topic t --rate -1 --count 1000000 --record-size 100 \\",
            "      -P acks=all -P linger.ms=5 -P batch.size=65536 -P compression.type=lz4 --output run.json",
            "  pacer kafka produce --rate 2000 --ramp-up 10s --step 30s=4000 --duration 1m --warmup auto"
        })
final class KafkaProduceCommand extends ProduceCommandBase {}
