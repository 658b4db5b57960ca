package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract: for every client rule, real Kafka clients built from the rule's failing and passing configs
 * ({@link RuleCases}) against the embedded broker behave as the rule says. Where the effect can be observed on the
 * broker it is: idempotence by the producer state the broker keeps ({@code describeProducers}), auto-commit by the
 * offsets committed without a commit call, {@code auto.offset.reset} by where a new group starts, isolation by
 * whether an aborted record is read, {@code min.insync.replicas} by whether an {@code acks=all} write with one
 * replica is acknowledged, a refusal by the constructor throwing. Where the effect is only the value the client uses
 * (timeouts, batching, compression, protocol), the probe constructs the real client and reads the client's own
 * resolved config.
 */
@ExtendWith(KafkaExtension.class)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClientContractTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static Admin admin;
    private static String bootstrap;

    @TempDir
    Path dir;

    /** Whether the real client shows the problem the rule names, for one config of the case. */
    interface Probe {
        boolean problemPresent(Map<String, Object> props, RuleCases.Case c, boolean failing) throws Exception;
    }

    @BeforeAll
    static void connect(EmbeddedKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    static final Map<String, Probe> PROBES = Map.ofEntries(
            Map.entry("producer.rejected-by-client", (p, c, f) -> producerRefuses(p)),
            Map.entry("producer.idempotence-conflict", (p, c, f) -> producerRefuses(p)),
            Map.entry(
                    "producer.idempotence-silently-disabled",
                    (p, c, f) -> !p.containsKey("enable.idempotence") && !brokerSeesIdempotentProducer(p)),
            Map.entry("producer.idempotence-disabled", (p, c, f) -> !brokerSeesIdempotentProducer(p)),
            Map.entry(
                    "producer.acks-not-all",
                    producer(cfg -> !cfg.getString("acks").equals("-1"))),
            Map.entry("producer.retries-zero", producer(cfg -> cfg.getInt("retries") == 0)),
            Map.entry(
                    "producer.reordering-possible",
                    (p, c, f) -> !brokerSeesIdempotentProducer(p)
                            && new ProducerConfig(p).getInt("max.in.flight.requests.per.connection") > 1),
            Map.entry("producer.delivery-timeout-too-short", (p, c, f) -> producerRefuses(p)),
            Map.entry(
                    "producer.delivery-timeout-raised",
                    producer(cfg -> cfg.getInt("delivery.timeout.ms")
                            < cfg.getLong("linger.ms") + cfg.getInt("request.timeout.ms"))),
            Map.entry(
                    "producer.compression-none",
                    producer(cfg -> cfg.getString("compression.type").equals("none"))),
            Map.entry("producer.linger-zero-at-rate", producer(cfg -> cfg.getLong("linger.ms") == 0)),
            Map.entry("producer.batch-size-small-at-rate", producer(cfg -> cfg.getInt("batch.size") < 16_384)),
            Map.entry("producer.buffer-smaller-than-batch", (p, c, f) -> firstSendFails(p)),
            Map.entry("producer.max-block-zero", (p, c, f) -> firstSendFails(p)),
            Map.entry("producer.acks-all-min-isr-1", ClientContractTest::acknowledgedWithOneReplica),
            Map.entry("consumer.rejected-by-client", (p, c, f) -> consumerRefuses(p)),
            Map.entry("consumer.auto-commit", (p, c, f) -> commitsWithoutBeingAsked(p)),
            Map.entry("consumer.heartbeat-not-below-session", (p, c, f) -> consumerRefuses(p)),
            Map.entry(
                    "consumer.session-under-3-heartbeats",
                    consumer(cfg -> cfg.getInt("session.timeout.ms") < 3 * cfg.getInt("heartbeat.interval.ms")
                            && cfg.getInt("heartbeat.interval.ms") < cfg.getInt("session.timeout.ms"))),
            Map.entry(
                    "consumer.processing-exceeds-poll-interval",
                    consumer(cfg -> cfg.getInt("max.poll.interval.ms") <= 2000)),
            Map.entry(
                    "consumer.processing-near-poll-interval",
                    consumer(cfg ->
                            cfg.getInt("max.poll.interval.ms") > 2000 && cfg.getInt("max.poll.interval.ms") < 4000)),
            Map.entry(
                    "consumer.fetch-max-below-partition-fetch",
                    consumer(cfg -> cfg.getInt("fetch.max.bytes") < cfg.getInt("max.partition.fetch.bytes"))),
            Map.entry("consumer.auto-offset-reset-latest", (p, c, f) -> newGroupSkipsExistingRecords(p)),
            Map.entry("consumer.isolation-read-uncommitted", ClientContractTest::readsAbortedRecords),
            Map.entry(
                    "security.plaintext",
                    (p, c, f) ->
                            new ProducerConfig(p).getString("security.protocol").endsWith("PLAINTEXT")),
            Map.entry(
                    "security.hostname-verification-disabled",
                    (p, c, f) -> new ProducerConfig(p)
                            .getString("ssl.endpoint.identification.algorithm")
                            .isEmpty()));

    /**
     * Rules whose passing config needs more brokers than the embedded cluster has: a topic of replication factor 3.
     * Their failing configs run against the real broker; their passing configs are checked by the rule test only.
     */
    static final Set<String> PASSING_NEEDS_MORE_BROKERS = Set.of("producer.acks-all-min-isr-1");

    @Test
    void everyCaseHasAProbe() {
        assertThat(PROBES.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        RuleCases.CASES.stream().map(RuleCases.Case::ruleId).toList());
    }

    @TestFactory
    Stream<DynamicTest> theRealClientDoesWhatEachRuleSays() {
        return RuleCases.CASES.stream()
                .map(c -> DynamicTest.dynamicTest(c.ruleId(), () -> {
                    Probe probe = PROBES.get(c.ruleId());
                    for (String text : c.failing()) {
                        assertThat(probe.problemPresent(props(c, text), c, true))
                                .as(
                                        "%s: the real client shows the problem with the failing config %s",
                                        c.ruleId(), text)
                                .isTrue();
                    }
                    for (String text :
                            PASSING_NEEDS_MORE_BROKERS.contains(c.ruleId()) ? List.<String>of() : c.passing()) {
                        assertThat(probe.problemPresent(props(c, text), c, false))
                                .as("%s: the real client is fine with the passing config %s", c.ruleId(), text)
                                .isFalse();
                    }
                }));
    }

    /** The case's text as the client's properties, pointed at the embedded broker, in a group of its own. */
    private Map<String, Object> props(RuleCases.Case c, String text) {
        Map<String, Object> props = ClientSettings.props(RuleCases.config(dir, c.client(), text), c.client());
        props.put("bootstrap.servers", bootstrap);
        if (props.containsKey("group.id")) {
            props.put("group.id", "contract-" + UUID.randomUUID());
        }
        return props;
    }

    interface ConfigTest<T> {
        boolean test(T config);
    }

    /** The real producer is built (so its constructor's checks pass) and its own resolved config is read. */
    private static Probe producer(ConfigTest<ProducerConfig> test) {
        return (p, c, f) -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                return test.test(new ProducerConfig(p));
            }
        };
    }

    /** The real consumer is built (so its constructor's checks pass) and its own resolved config is read. */
    private static Probe consumer(ConfigTest<ConsumerConfig> test) {
        return (p, c, f) -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
                return test.test(new ConsumerConfig(p));
            }
        };
    }

    private static boolean producerRefuses(Map<String, Object> props) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            return false;
        } catch (KafkaException e) {
            return true;
        }
    }

    private static boolean consumerRefuses(Map<String, Object> props) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            return false;
        } catch (KafkaException e) {
            return true;
        }
    }

    private static String topic() {
        return "contract-" + NAMES.incrementAndGet();
    }

    /** Sends one record and asks the broker whether it keeps producer state for the partition: only idempotence does. */
    private static boolean brokerSeesIdempotentProducer(Map<String, Object> props) throws Exception {
        TopicPartition tp = new TopicPartition(topic(), 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(tp.topic(), 0, null, new byte[] {1}))
                    .get(30, TimeUnit.SECONDS);
        }
        return !admin.describeProducers(List.of(tp))
                .partitionResult(tp)
                .get(30, TimeUnit.SECONDS)
                .activeProducers()
                .isEmpty();
    }

    /** The first send to a topic the producer has no metadata for yet. */
    private static boolean firstSendFails(Map<String, Object> props) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic(), new byte[] {1})).get(30, TimeUnit.SECONDS);
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    /** An acks=all write to a replication-1 topic: acknowledged with one replica unless min.insync.replicas forbids it. */
    private static boolean acknowledgedWithOneReplica(Map<String, Object> props, RuleCases.Case c, boolean failing)
            throws Exception {
        String topic = topic();
        RuleCases.TopicSetup setup = c.context().topics().get(failing);
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) setup.replicationFactor())
                        .configs(Map.of("min.insync.replicas", String.valueOf(setup.minInsyncReplicas())))))
                .all()
                .get(30, TimeUnit.SECONDS);
        Map<String, Object> quick = new HashMap<>(props);
        quick.put("delivery.timeout.ms", "4000"); // NotEnoughReplicas is retried until this
        quick.put("request.timeout.ms", "2000");
        quick.put("linger.ms", "0");
        return !firstSendFails(quick, topic);
    }

    private static boolean firstSendFails(Map<String, Object> props, String topic) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(topic, new byte[] {1})).get(30, TimeUnit.SECONDS);
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static TopicPartition topicWithRecords(int count) throws Exception {
        TopicPartition tp = new TopicPartition(topic(), 0);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrap,
                "key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(tp.topic(), 0, null, new byte[] {(byte) i}));
            }
            producer.flush();
        }
        return tp;
    }

    /** Reads a record without calling commit, closes, and asks the broker what the group has committed. */
    private static boolean commitsWithoutBeingAsked(Map<String, Object> props) throws Exception {
        if (!props.containsKey("group.id")) {
            return false; // no group: there is nowhere to commit, and the client commits nothing
        }
        TopicPartition tp = topicWithRecords(1);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, 0);
            int[] read = {0};
            Await.until(WAIT, "the record is read", () -> {
                read[0] += consumer.poll(Duration.ofMillis(100)).count();
                return read[0] == 1;
            });
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                        (String) props.get("group.id"))
                .partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        return committed.containsKey(tp);
    }

    /** Where a group with no committed offset starts on a partition that already holds 3 records. */
    private static boolean newGroupSkipsExistingRecords(Map<String, Object> props) throws Exception {
        TopicPartition tp = topicWithRecords(3);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(List.of(tp));
            return consumer.position(tp, Duration.ofSeconds(30)) == 3;
        }
    }

    /** A transactional producer (the case's producer file) writes a record and aborts; does the consumer read it? */
    private static boolean readsAbortedRecords(Map<String, Object> props, RuleCases.Case c, boolean failing)
            throws Exception {
        TopicPartition tp = new TopicPartition(topic(), 0);
        admin.createTopics(List.of(new NewTopic(tp.topic(), 1, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
        Map<String, Object> producerProps = new HashMap<>(Map.of(
                "bootstrap.servers", bootstrap,
                "key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
                "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer"));
        producerProps.put("transactional.id", "contract-tx-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(tp.topic(), 0, null, new byte[] {1}))
                    .get(30, TimeUnit.SECONDS);
            producer.abortTransaction();
        }
        long end = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()))
                .partitionResult(tp)
                .get(30, TimeUnit.SECONDS)
                .offset();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            int[] read = {0};
            Await.until(WAIT, "the consumer reaches the end of the partition", () -> {
                read[0] += consumer.poll(Duration.ofMillis(100)).count();
                return consumer.position(tp) >= end;
            });
            return read[0] > 0;
        }
    }
}
