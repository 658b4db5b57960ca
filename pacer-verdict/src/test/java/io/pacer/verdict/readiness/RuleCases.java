package io.pacer.verdict.readiness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * For every client rule, configurations it must flag and configurations it must pass: the rule tests run the rules
 * over them, and the contract test builds real Kafka clients from the same texts and checks the client does what the
 * rule says.
 */
final class RuleCases {

    /**
     * One rule's cases.
     *
     * @param ruleId the rule
     * @param client which file the texts are: producer or consumer
     * @param failing texts the rule must flag
     * @param passing texts the rule must not flag
     * @param context what else the rule needs: rate, processing time, the other client, a topic's min ISR
     */
    record Case(String ruleId, ClientKind client, List<String> failing, List<String> passing, Context context) {}

    /**
     * The rest of a readiness input.
     *
     * @param rate the expected records/s, or null
     * @param processing processing time per poll batch, or null
     * @param producerText for consumer rules, the producer's file, or null
     * @param topics for a cluster rule, topic {@code orders}'s replication factor and min.insync.replicas in the
     *     failing (key true) and passing (key false) runs
     */
    record Context(Double rate, Duration processing, String producerText, Map<Boolean, TopicSetup> topics) {
        static final Context NONE = new Context(null, null, null, null);
    }

    /** A topic's replication factor and min.insync.replicas. */
    record TopicSetup(int replicationFactor, int minInsyncReplicas) {}

    static final Context AT_5000_PER_SECOND = new Context(5000.0, null, null, null);
    static final Context PROCESSING_2S = new Context(null, Duration.ofSeconds(2), null, null);

    static final List<Case> CASES = List.of(
            producer(
                    "producer.rejected-by-client",
                    List.of("acks=1\ntransactional.id=orders-tx\n"),
                    List.of("transactional.id=orders-tx\n")),
            producer(
                    "producer.idempotence-conflict",
                    List.of(
                            "enable.idempotence=true\nacks=1\n",
                            "enable.idempotence=true\nretries=0\n",
                            "max.in.flight.requests.per.connection=6\n"),
                    List.of(
                            "enable.idempotence=true\nacks=all\n",
                            "enable.idempotence=false\nmax.in.flight.requests.per.connection=6\n",
                            "max.in.flight.requests.per.connection=5\n")),
            producer(
                    "producer.idempotence-silently-disabled",
                    List.of("acks=1\n", "retries=0\n"),
                    List.of("acks=all\n", "", "enable.idempotence=false\n")),
            producer(
                    "producer.idempotence-disabled",
                    List.of("enable.idempotence=false\n"),
                    List.of("enable.idempotence=true\n", "")),
            producer("producer.acks-not-all", List.of("acks=1\n", "acks=0\n"), List.of("acks=all\n", "acks=-1\n", "")),
            producer("producer.retries-zero", List.of("retries=0\n"), List.of("", "retries=10\n")),
            producer(
                    "producer.reordering-possible",
                    List.of("enable.idempotence=false\n", "acks=1\n"),
                    List.of("", "enable.idempotence=false\nmax.in.flight.requests.per.connection=1\n")),
            producer(
                    "producer.delivery-timeout-too-short",
                    List.of("delivery.timeout.ms=1000\n"),
                    List.of("delivery.timeout.ms=120000\n", "")),
            producer(
                    "producer.delivery-timeout-raised",
                    List.of("request.timeout.ms=200000\n"),
                    List.of("", "request.timeout.ms=200000\ndelivery.timeout.ms=200005\n")),
            producer(
                    "producer.compression-none",
                    List.of("", "compression.type=none\n"),
                    List.of("compression.type=lz4\n")),
            new Case(
                    "producer.linger-zero-at-rate",
                    ClientKind.PRODUCER,
                    List.of("linger.ms=0\n"),
                    List.of("", "linger.ms=20\n"),
                    AT_5000_PER_SECOND),
            new Case(
                    "producer.batch-size-small-at-rate",
                    ClientKind.PRODUCER,
                    List.of("batch.size=1024\n"),
                    List.of("", "batch.size=65536\n"),
                    AT_5000_PER_SECOND),
            producer(
                    "producer.buffer-smaller-than-batch",
                    List.of("buffer.memory=1024\n"),
                    List.of("", "buffer.memory=1048576\nbatch.size=65536\n")),
            producer("producer.max-block-zero", List.of("max.block.ms=0\n"), List.of("", "max.block.ms=5000\n")),
            new Case(
                    "producer.acks-all-min-isr-1",
                    ClientKind.PRODUCER,
                    List.of("acks=all\n", "acks=-1\n"),
                    List.of("acks=all\n"),
                    // replication 1 caps min.insync.replicas=2 at 1: the broker acknowledges with one replica
                    new Context(null, null, null, Map.of(true, new TopicSetup(1, 2), false, new TopicSetup(3, 2)))),
            consumer(
                    "consumer.rejected-by-client",
                    List.of("enable.auto.commit=true\n"),
                    List.of("group.id=orders\nenable.auto.commit=true\n")),
            consumer(
                    "consumer.auto-commit",
                    List.of("group.id=orders\n", "group.id=orders\nenable.auto.commit=true\n"),
                    List.of("group.id=orders\nenable.auto.commit=false\n", "")),
            consumer(
                    "consumer.heartbeat-not-below-session",
                    List.of("group.id=orders\nsession.timeout.ms=10000\nheartbeat.interval.ms=10000\n"),
                    List.of(
                            "group.id=orders\n",
                            "group.id=orders\nsession.timeout.ms=10000\nheartbeat.interval.ms=4000\n")),
            consumer(
                    "consumer.session-under-3-heartbeats",
                    List.of("group.id=orders\nsession.timeout.ms=10000\nheartbeat.interval.ms=4000\n"),
                    List.of(
                            "group.id=orders\n",
                            "group.id=orders\nsession.timeout.ms=10000\nheartbeat.interval.ms=3000\n")),
            new Case(
                    "consumer.processing-exceeds-poll-interval",
                    ClientKind.CONSUMER,
                    List.of("group.id=orders\nmax.poll.interval.ms=1500\n"),
                    List.of("group.id=orders\n", "group.id=orders\nmax.poll.interval.ms=3500\n"),
                    PROCESSING_2S),
            new Case(
                    "consumer.processing-near-poll-interval",
                    ClientKind.CONSUMER,
                    List.of("group.id=orders\nmax.poll.interval.ms=3500\n"),
                    List.of("group.id=orders\n", "group.id=orders\nmax.poll.interval.ms=4000\n"),
                    PROCESSING_2S),
            consumer(
                    "consumer.fetch-max-below-partition-fetch",
                    List.of("fetch.max.bytes=524288\n"),
                    List.of("", "fetch.max.bytes=1048576\n")),
            consumer(
                    "consumer.auto-offset-reset-latest",
                    List.of("group.id=orders\n", "group.id=orders\nauto.offset.reset=latest\n"),
                    List.of("group.id=orders\nauto.offset.reset=earliest\n")),
            new Case(
                    "consumer.isolation-read-uncommitted",
                    ClientKind.CONSUMER,
                    List.of("group.id=orders\n", "group.id=orders\nisolation.level=read_uncommitted\n"),
                    List.of("group.id=orders\nisolation.level=read_committed\n"),
                    new Context(null, null, "transactional.id=orders-tx\n", null)),
            producer(
                    "security.plaintext",
                    List.of("", "security.protocol=SASL_PLAINTEXT\n"),
                    List.of("security.protocol=SASL_SSL\n", "security.protocol=SSL\n")),
            producer(
                    "security.hostname-verification-disabled",
                    List.of("security.protocol=SSL\nssl.endpoint.identification.algorithm=\n"),
                    List.of(
                            "security.protocol=SSL\n",
                            "security.protocol=SSL\nssl.endpoint.identification.algorithm=https\n")));

    private RuleCases() {}

    private static Case producer(String ruleId, List<String> failing, List<String> passing) {
        return new Case(ruleId, ClientKind.PRODUCER, failing, passing, Context.NONE);
    }

    private static Case consumer(String ruleId, List<String> failing, List<String> passing) {
        return new Case(ruleId, ClientKind.CONSUMER, failing, passing, Context.NONE);
    }

    /** Writes {@code text} to a fresh file in {@code dir} and reads it as {@code kind}'s config. */
    static ClientConfig config(Path dir, ClientKind kind, String text) {
        try {
            Path file = Files.createTempFile(dir, kind.label(), ".properties");
            Files.writeString(file, text);
            return ClientConfigFile.read(file, kind).config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The readiness input for one of a case's texts. */
    static ReadinessInput input(Path dir, Case c, String text, boolean failing, Environment environment) {
        ClientConfig config = config(dir, c.client(), text);
        Context x = c.context();
        ClientConfig producer = c.client() == ClientKind.PRODUCER
                ? config
                : x.producerText() == null ? null : config(dir, ClientKind.PRODUCER, x.producerText());
        ClientConfig consumer = c.client() == ClientKind.CONSUMER ? config : null;
        ClusterSnapshot cluster = x.topics() == null ? null : cluster(x.topics().get(failing));
        return new ReadinessInput(
                environment, producer, consumer, cluster, null, null, List.of(), x.rate(), x.processing());
    }

    /** A cluster of three brokers with topic {@code orders} set up as {@code setup} says. */
    static ClusterSnapshot cluster(TopicSetup setup) {
        List<ClusterSnapshot.Broker> brokers = List.of(1, 2, 3).stream()
                .map(id -> new ClusterSnapshot.Broker(id, "kafka-" + id, Map.of(), Map.of(), Map.of()))
                .toList();
        List<Integer> replicas = List.of(1, 2, 3).subList(0, setup.replicationFactor());
        ClusterSnapshot.Topic topic = new ClusterSnapshot.Topic(
                "orders",
                Map.of("min.insync.replicas", String.valueOf(setup.minInsyncReplicas())),
                List.of(new ClusterSnapshot.Partition(0, 1, replicas, replicas, 0)));
        return new ClusterSnapshot("kafka-1:9092", brokers, List.of(topic), List.of());
    }
}
