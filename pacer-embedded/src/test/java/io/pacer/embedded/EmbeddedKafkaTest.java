package io.pacer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The broker the topic tests share (the first test starts one of its own). */
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    @Timeout(60)
    void producesConsumesAndDeletesItsDirectoryOnClose() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Path logDir = kafka.logDir();
        try {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            kafka.createTopic("round-trip", 2);
            try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(), false)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("round-trip", "k" + i, "v" + i))
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            List<ConsumerRecord<String, String>> read =
                    KafkaClients.readAll(kafka.bootstrapServers(), "round-trip", 10, WAIT);
            assertThat(read)
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, 10).mapToObj(i -> "v" + i).toList());
            assertThat(logDir).isDirectory();
        } finally {
            kafka.close();
        }
        assertThat(Files.exists(logDir)).as("log dir deleted on close").isFalse();
        kafka.close(); // idempotent
    }

    /**
     * Pins the reason {@code createTopic} probes: an idempotent producer with five requests in flight writes to
     * a topic created the moment before, and every record arrives exactly once with no probe visible.
     */
    @Test
    @Timeout(60)
    void idempotentProducerLosesNothingOnAJustCreatedTopic() throws Exception {
        int partitions = 6;
        int count = 6_000;
        kafka.createTopic("fresh-idempotent", partitions);
        List<Future<RecordMetadata>> acks = new ArrayList<>(count);
        try (KafkaProducer<String, String> producer = KafkaClients.producer(kafka.bootstrapServers(), true)) {
            for (int i = 0; i < count; i++) {
                acks.add(producer.send(new ProducerRecord<>("fresh-idempotent", i % partitions, null, "r" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // throws on any lost record
            }
        }
        List<ConsumerRecord<String, String>> read =
                KafkaClients.readAll(kafka.bootstrapServers(), "fresh-idempotent", count, WAIT);
        assertThat(read).noneMatch(r -> r.headers().lastHeader(SafeTopics.PROBE_HEADER) != null);
        assertThat(read).hasSize(count);
        Set<String> values = read.stream().map(ConsumerRecord::value).collect(Collectors.toCollection(HashSet::new));
        assertThat(values)
                .hasSize(count)
                .containsAll(IntStream.range(0, count).mapToObj(i -> "r" + i).toList());
        assertThat(read).allMatch(r -> r.offset() >= 1, "probe offset 0 deleted");
    }

    @Test
    @Timeout(60)
    void creatingAnExistingTopicFailsLoudly() {
        kafka.createTopic("created-twice", 1);
        assertThatThrownBy(() -> kafka.createTopic("created-twice", 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("created-twice")
                .hasCauseInstanceOf(TopicExistsException.class);
        assertThatThrownBy(() -> kafka.createTopic("no-partitions", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("but was 0");
    }

    @Test
    @Timeout(60)
    void everyPartitionOfANewTopicStartsAfterTheDeletedProbe() throws Exception {
        kafka.createTopic("probe-deleted", 3);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> earliest = IntStream.range(0, 3)
                    .boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition("probe-deleted", p), p -> OffsetSpec.earliest()));
            var offsets = admin.listOffsets(earliest).all().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(offsets.values()).allMatch(info -> info.offset() == 1L);
        }
    }
}
