package io.pacer.monitor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.TopicSpec;
import io.pacer.monitor.Sample;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The collector against a real broker: the offsets and lag are Kafka's; the evaluator's clock is the test's, handed to
 * {@code collect}, so minutes of consumer silence pass without a wait.
 */
@ExtendWith(KafkaExtension.class)
class KafkaLagCollectorTest {

    private static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
    private static final int PARTITIONS = 3;
    private static final int PRODUCED = 50;
    private static final int COMMITTED = 20;

    @Test
    void aGroupWithKnownLagReportsItPerPartitionAndTurnsStallThenStop(EmbeddedKafka kafka) throws Exception {
        String topic = "lag-known";
        String group = "lag-known-group";
        long start = createTopic(kafka, topic);
        produce(kafka, topic, PRODUCED);
        try (KafkaLagCollector collector = KafkaLagCollector.create(
                        KafkaLagSettings.of(kafka.bootstrapServers()).withGroups(Set.of(group)));
                KafkaConsumer<String, String> consumer = consumer(kafka, group)) {
            // A live member that read everything but committed only the first COMMITTED records of each partition.
            consumer.subscribe(List.of(topic));
            Map<TopicPartition, Long> read = new HashMap<>();
            Await.until(Duration.ofSeconds(30), "all records read", () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    read.merge(new TopicPartition(r.topic(), r.partition()), 1L, Long::sum);
                }
                return read.values().stream().mapToLong(Long::longValue).sum() == (long) PRODUCED * PARTITIONS;
            });
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(start + COMMITTED));
            }
            consumer.commitSync(commits);

            List<Sample> first = collector.collect(T0);

            for (int p = 0; p < PARTITIONS; p++) {
                assertThat(value(first, "kafka.lag.records", group, topic, p)).isEqualTo(PRODUCED - COMMITTED);
                assertThat(value(first, "kafka.offset.committed", group, topic, p))
                        .isEqualTo(start + COMMITTED);
            }
            assertThat(value(first, "kafka.topic.partitions", Map.of("topic", topic)))
                    .isEqualTo(PARTITIONS);
            assertThat(value(first, "kafka.topic.skew.ratio", Map.of("topic", topic)))
                    .isEqualTo(1.0);
            assertThat(value(first, "kafka.group.lag.records", Map.of("group", group)))
                    .isEqualTo((PRODUCED - COMMITTED) * PARTITIONS);
            assertThat(status(collector)).as(reasons(collector)).isEqualTo(LagStatus.OK); // one commit: too early

            // The member stays but never commits again: the same offset at every collection, lag > 0 throughout.
            collector.collect(T0.plusSeconds(10));
            assertThat(status(collector)).as(reasons(collector)).isEqualTo(LagStatus.STALL);
            assertThat(value(collector.collect(T0.plusSeconds(20)), "kafka.group.status", Map.of("group", group)))
                    .isEqualTo(LagStatus.STALL.code());

            // The consumer goes away and producers carry on: nobody commits, the lag grows, and once the silence
            // outlasts the window (20 s of commits) the partitions are STOP.
            consumer.close();
            produce(kafka, topic, 10);
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Await.until(
                        Duration.ofSeconds(30),
                        "the group is empty",
                        () -> admin.describeConsumerGroups(List.of(group))
                                .all()
                                .get()
                                .get(group)
                                .members()
                                .isEmpty());
            }
            collector.collect(T0.plusSeconds(30));
            assertThat(collector.lastHistories().get(0).partitions().get(0).commits())
                    .as("no owner, no new commit")
                    .hasSize(3);
            assertThat(status(collector)).as(reasons(collector)).isEqualTo(LagStatus.STALL);
            List<Sample> later = collector.collect(T0.plusSeconds(41));
            assertThat(status(collector)).as(reasons(collector)).isEqualTo(LagStatus.STOP);
            assertThat(value(later, "kafka.lag.records", group, topic, 0)).isEqualTo(PRODUCED + 10 - COMMITTED);
            assertThat(value(later, "kafka.group.status", Map.of("group", group)))
                    .isEqualTo(LagStatus.STOP.code());
            assertThat(value(later, "kafka.lag.seconds", group, topic, 0)).isGreaterThanOrEqualTo(41.0);
        }
    }

    @Test
    void anIdleTopicWithACaughtUpGroupStaysOkForHours(EmbeddedKafka kafka) throws Exception {
        String topic = "lag-idle";
        String group = "lag-idle-group";
        long start = createTopic(kafka, topic);
        produce(kafka, topic, 5);
        try (KafkaConsumer<String, String> consumer = consumer(kafka, group)) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                commits.put(new TopicPartition(topic, p), new OffsetAndMetadata(start + 5));
            }
            consumer.commitSync(commits);
        }
        try (KafkaLagCollector collector = KafkaLagCollector.create(
                KafkaLagSettings.of(kafka.bootstrapServers()).withGroups(Set.of(group)))) {
            for (int minute = 0; minute <= 240; minute += 30) {
                List<Sample> samples = collector.collect(T0.plus(Duration.ofMinutes(minute)));
                assertThat(status(collector)).as(reasons(collector)).isEqualTo(LagStatus.OK);
                assertThat(value(samples, "kafka.lag.records", group, topic, 1)).isZero();
                assertThat(value(samples, "kafka.lag.seconds", group, topic, 1)).isZero();
            }
        }
    }

    @Test
    void aRecordLandingOnAnIdleTopicIsNotAStopUntilItHasWaitedLongerThanTheWindow(EmbeddedKafka kafka)
            throws Exception {
        // A consumer that assigns its partitions itself (no group members, as Flink or Spark do) and commits only
        // when it consumes: three commits a minute apart, caught up each time, then an hour of silence.
        String topic = "lag-idle-late";
        String group = "lag-idle-late-group";
        long start = createTopic(kafka, topic);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaLagCollector collector = KafkaLagCollector.create(
                        KafkaLagSettings.of(kafka.bootstrapServers()).withGroups(Set.of(group)));
                KafkaConsumer<String, String> consumer = consumer(kafka, group)) {
            for (int minute = 0; minute < 3; minute++) {
                produce(kafka, topic, 1);
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(start + minute + 1)));
                collector.collect(T0.plus(Duration.ofMinutes(minute)));
            }
            collector.collect(T0.plus(Duration.ofHours(1)));
            assertThat(status(collector)).as(reasons(collector)).isEqualTo(LagStatus.OK);

            // One record lands just after the hour. A minute later it still waits: the consumer is silent for an
            // hour, but the window spans two minutes and the record has waited one. Burrow says STOP here.
            produce(kafka, topic, 1);
            collector.collect(T0.plus(Duration.ofHours(1)).plusSeconds(60));
            LagResult.Partition p0 = collector.lastResults().get(0).partitions().get(0);
            assertThat(p0.currentLag()).isEqualTo(1);
            assertThat(p0.status()).as(p0.reason()).isEqualTo(LagStatus.OK);
            assertThat(p0.reason()).contains("an idle partition, not a stopped consumer");
            assertThat(p0.lagSeconds()).isEqualTo(60.0);

            // Still waiting after more than the window: the consumer has stopped.
            collector.collect(T0.plus(Duration.ofHours(1)).plusSeconds(121));
            assertThat(status(collector)).as(reasons(collector)).isEqualTo(LagStatus.STOP);
        }
    }

    @Test
    void aGroupThatDoesNotExistIsNotFoundAndADeadClusterIsAnError(EmbeddedKafka kafka) throws Exception {
        try (KafkaLagCollector collector = KafkaLagCollector.create(
                KafkaLagSettings.of(kafka.bootstrapServers()).withGroups(Set.of("no-such-group")))) {
            collector.collect(T0);
            assertThat(status(collector)).isEqualTo(LagStatus.NOTFOUND);
        }
        KafkaLagSettings dead = KafkaLagSettings.of("127.0.0.1:1").withGroups(Set.of("g"));
        try (KafkaLagCollector collector = KafkaLagCollector.create(new KafkaLagSettings(
                dead.bootstrapServers(),
                Map.of(),
                dead.interval(),
                dead.groups(),
                dead.intervals(),
                0,
                Duration.ofMillis(500)))) {
            assertThatThrownBy(() -> collector.collect(T0)).hasMessageContaining("127.0.0.1:1");
        }
    }

    private static LagStatus status(KafkaLagCollector collector) {
        return collector.lastResults().get(0).group().status();
    }

    private static String reasons(KafkaLagCollector collector) {
        return collector.lastResults().get(0).partitions().stream()
                .map(p -> p.partition() + ": " + p.status() + " " + p.reason())
                .toList()
                .toString();
    }

    private static double value(List<Sample> samples, String name, String group, String topic, int partition) {
        return value(samples, name, Map.of("group", group, "topic", topic, "partition", Integer.toString(partition)));
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && withoutTarget(s.labels()).equals(labels))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + samples))
                .value();
    }

    /** Every sample is labelled with the cluster's bootstrap list (the contract test checks it is there). */
    private static Map<String, String> withoutTarget(Map<String, String> labels) {
        Map<String, String> rest = new java.util.HashMap<>(labels);
        rest.remove("target");
        return rest;
    }

    /** Creates the topic; returns the offset its partitions start at (KafkaSetup's probes take offset 0). */
    private static long createTopic(EmbeddedKafka kafka, String topic) {
        try (KafkaSetup setup = KafkaSetup.connect(KafkaConnection.of(kafka.bootstrapServers()))) {
            setup.createTopic(TopicSpec.of(topic, PARTITIONS));
        }
        try (KafkaConsumer<String, String> c = consumer(kafka, "probe-" + topic)) {
            TopicPartition tp = new TopicPartition(topic, 0);
            return c.beginningOffsets(List.of(tp)).get(tp);
        }
    }

    private static void produce(EmbeddedKafka kafka, String topic, int perPartition) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int p = 0; p < PARTITIONS; p++) {
                for (int i = 0; i < perPartition; i++) {
                    producer.send(new ProducerRecord<>(topic, p, null, "r" + i));
                }
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<String, String> consumer(EmbeddedKafka kafka, String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
    }
}
