package io.pacer.cli;

import io.pacer.embedded.EmbeddedRedis;
import io.pacer.internal.Check;
import io.pacer.load.Driver;
import io.pacer.load.batcher.BatcherDrivers;
import io.pacer.load.batcher.BatcherSettings;
import io.pacer.load.batcher.SinkTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code pacer batcher}: events offered to a Pacer batcher at the pacing's rate, into Kafka, a Redis stream or
 * memory, with scripted sink faults; latency to delivery, and what the batcher did beside it.
 */
@Command(
        name = "batcher",
        mixinStandardHelpOptions = true,
        description = {
            "Offer events to a Pacer batcher at a target rate and measure each event's latency from its intended"
                    + " start to its delivery (the sink's acknowledgement of its batch), with batching efficiency,"
                    + " batch sizes, sink calls, retries, drops, spool depth and breaker trips beside it.",
            "Sinks: Kafka (--bootstrap, or an embedded broker), a Redis stream (--redis, or a private"
                    + " redis-server), or memory. Faults in front of any sink: --fail-rate, --sink-latency,"
                    + " --outage LENGTH@AT (down for LENGTH from AT after the start, e.g. 10s@30s)."
        },
        footer = {
            "",
            "Examples:",
            "  pacer batcher --rate 1000 --duration 60s                       # embedded broker, seed defaults",
            "  pacer batcher --sink memory --rate 1000 --outage 10s@20s --breaker-open 5s --duration 60s",
            "  pacer batcher --sink memory --overflow spool --spool-dir /tmp/spool --outage 5s@5s --fail-rate 0.05",
            "  pacer batcher --redis 127.0.0.1:6379 --stream events --batch-size 200 --linger 20ms --adaptive 50ms"
        })
final class BatcherCommand extends LoadCommand {

    static final String DEFAULT_TOPIC = "pacer-batcher";
    static final String DEFAULT_STREAM = "pacer-batcher";
    static final int DEFAULT_PARTITIONS = 6;

    @Mixin
    KafkaTarget kafka;

    @Mixin
    BatcherOptions batcher;

    @Option(
            names = "--sink",
            paramLabel = "kafka|redis|memory",
            description = "Where batches go (default: redis when --redis is given, else kafka).")
    String sink;

    @Option(
            names = "--topic",
            paramLabel = "TOPIC",
            description = "--sink kafka: the topic, created if absent (default " + DEFAULT_TOPIC + ").")
    String topic;

    @Option(
            names = "--partitions",
            paramLabel = "N",
            description = "--sink kafka: partitions when the topic is created (default " + DEFAULT_PARTITIONS + ").")
    Integer partitions;

    @Option(
            names = "-P",
            paramLabel = "KEY=VALUE",
            description = "--sink kafka: a producer property (repeatable; wins over --producer-config; default:"
                    + " Kafka's, with linger.ms=0 as the batcher already batches).")
    List<String> producerProps = new ArrayList<>();

    @Option(
            names = "--producer-config",
            paramLabel = "FILE",
            description = "--sink kafka: producer properties file (default: none).")
    Path producerConfig;

    @Option(
            names = "--redis",
            paramLabel = "HOST:PORT",
            description = "--sink redis: the server (default: start a private redis-server for this run).")
    String redis;

    @Option(
            names = "--stream",
            paramLabel = "KEY",
            description = "--sink redis: the stream appended to (default " + DEFAULT_STREAM + ").")
    String stream;

    @Option(
            names = "--record-size",
            paramLabel = "BYTES",
            defaultValue = "100",
            description = "Payload bytes per event: random letters (default ${DEFAULT-VALUE}).")
    int recordSize;

    private EmbeddedRedis embeddedRedis;

    @Override
    Driver driver(PrintWriter err) {
        String kind = sinkKind();
        checkFlagsFit(kind);
        BatcherSettings settings = batcher.apply(BatcherOptions.flag(
                "--record-size",
                "recordSize",
                () -> BatcherSettings.of(new SinkTarget.Memory()).withRecordSize(recordSize)));
        return BatcherDrivers.batcher(settings.withSink(target(kind, err)));
    }

    private String sinkKind() {
        if (sink == null) {
            return redis != null ? "redis" : "kafka";
        }
        String kind = sink.trim().toLowerCase(Locale.ROOT);
        if (!List.of("kafka", "redis", "memory").contains(kind)) {
            throw new UsageException("--sink '" + sink + "' must be kafka, redis or memory");
        }
        return kind;
    }

    /** A flag for one sink given with another is a mistake worth saying, not something to ignore. */
    private void checkFlagsFit(String kind) {
        boolean kafkaFlags = kafka.bootstrap != null
                || topic != null
                || partitions != null
                || !producerProps.isEmpty()
                || producerConfig != null;
        if (kafkaFlags && !kind.equals("kafka")) {
            throw new UsageException("--bootstrap, --topic, --partitions, -P and --producer-config apply to --sink"
                    + " kafka, but the sink is " + kind);
        }
        if ((redis != null || stream != null) && !kind.equals("redis")) {
            throw new UsageException("--redis and --stream apply to --sink redis, but the sink is " + kind);
        }
    }

    private SinkTarget target(String kind, PrintWriter err) {
        return switch (kind) {
            case "memory" -> new SinkTarget.Memory();
            case "redis" -> redisTarget(err);
            default -> {
                Map<String, String> properties =
                        Properties.merge(producerConfig, producerProps, "-P", "--producer-config");
                String name = topic == null ? DEFAULT_TOPIC : topic;
                int n = partitions == null ? DEFAULT_PARTITIONS : partitions;
                BatcherOptions.flag("--topic", "topic", () -> Check.topicName("topic", name));
                BatcherOptions.flag("--partitions", "partitions", () -> {
                    Check.range("partitions", n, 1, SinkTarget.Kafka.MAX_PARTITIONS);
                    return n;
                });
                yield new SinkTarget.Kafka(kafka.servers(err), name, n, properties);
            }
        };
    }

    private SinkTarget redisTarget(PrintWriter err) {
        String key = stream == null ? DEFAULT_STREAM : stream;
        if (key.isBlank()) {
            throw new UsageException("--stream must be a non-blank Redis key, but was '" + key + "'");
        }
        if (redis != null) {
            return BatcherOptions.flag("--redis", "redis", () -> new SinkTarget.RedisStream(redis.trim(), key));
        }
        err.println("pacer: no --redis given: starting a private redis-server for this run...");
        embeddedRedis = EmbeddedRedis.start();
        err.println("pacer: redis-server at " + embeddedRedis.host() + ":" + embeddedRedis.port());
        return new SinkTarget.RedisStream(embeddedRedis.host() + ":" + embeddedRedis.port(), key);
    }

    @Override
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("command", "batcher");
        String kind = sinkKind();
        p.put("sink", kind);
        if (kind.equals("kafka")) {
            p.put("topic", topic == null ? DEFAULT_TOPIC : topic);
            p.put("partitions", String.valueOf(partitions == null ? DEFAULT_PARTITIONS : partitions));
            p.put("embedded_broker", String.valueOf(kafka.embedded()));
            Properties.redacted(Properties.merge(producerConfig, producerProps, "-P", "--producer-config"))
                    .forEach((k, v) -> p.put("producer." + k, v));
        } else if (kind.equals("redis")) {
            p.put("stream", stream == null ? DEFAULT_STREAM : stream);
            p.put("embedded_redis", String.valueOf(embeddedRedis != null));
        }
        p.put("record_size", String.valueOf(recordSize));
        p.putAll(batcher.parameters());
        return p;
    }

    @Override
    void release() {
        kafka.close();
        if (embeddedRedis != null) {
            embeddedRedis.close();
        }
    }
}
