package io.pacer.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.batch.Batcher;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.Topics;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract against a real single-node Kafka: events are strings, one topic of one partition per test (so
 * order is total), read back with a consumer from the beginning. The poison is a record above the producer's
 * {@code max.request.size} (1 MiB by default).
 */
@ExtendWith(KafkaExtension.class)
class KafkaSinkTest extends BatchSinkContractTest<String> {

    private static final AtomicInteger TOPICS = new AtomicInteger();
    private static EmbeddedKafka kafka;

    private String topic;

    @BeforeAll
    static void kafka(EmbeddedKafka embedded) {
        kafka = embedded;
    }

    static Map<String, Object> producerConfig() {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                20_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000);
    }

    private String newTopic() {
        topic = "sink-test-" + TOPICS.incrementAndGet();
        Topics.create(kafka, topic, 1);
        return topic;
    }

    @Override
    protected BatchSink<String> newSink() {
        return Sinks.kafka(producerConfig(), newTopic(), (String event) -> null, (String event) -> event);
    }

    @Override
    protected String event(int i) {
        return "event-" + i;
    }

    @Override
    protected String poison() {
        return "x".repeat(2 * 1024 * 1024);
    }

    @Override
    protected List<String> readBack(int expected, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            // Anything beyond what was expected must show up too: poll once more, briefly.
            consumer.poll(Duration.ofMillis(100)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    @Test
    void aMappingThatThrowsFailsOnlyThatEvent() throws Exception {
        BatchSink<String> sink = Sinks.kafka(producerConfig(), newTopic(), (String event) -> null, (String event) -> {
            if (event.equals("event-1")) {
                throw new IllegalArgumentException("cannot map " + event);
            }
            return event;
        });
        try {
            BatchResult result = await(sink.deliver(events(0, 3)));

            assertThat(result.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.index()).isEqualTo(1);
                assertThat(failure.cause()).isInstanceOf(IllegalArgumentException.class);
                assertThat(sink.isRetriable(failure.cause())).isFalse();
            });
            assertThat(readBack(2, TIMEOUT)).containsExactly("event-0", "event-2");
        } finally {
            sink.close();
        }
    }

    @Test
    void aBorrowedProducerIsLeftOpen() throws Exception {
        try (Producer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            BatchSink<String> sink = Sinks.kafka(producer, newTopic(), (String event) -> null, (String event) -> event);
            assertThat(await(sink.deliver(events(0, 2))).allDelivered()).isTrue();

            sink.close();

            producer.send(new ProducerRecord<>(topic, "after-close")).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(readBack(3, TIMEOUT)).containsExactly("event-0", "event-1", "after-close");
        }
    }

    /**
     * No broker: every send waits {@code max.block.ms} for metadata. The sink must not wait that long once per
     * event, and every event fails retriably. (The shared broker cannot be stopped, so "down" is a dead port.)
     */
    @Test
    void withNoBrokerTheBatchFailsRetriablyAfterAboutOneMaxBlock() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        Map<String, Object> config = new HashMap<>(producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + deadPort);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 500);
        BatchSink<String> sink = Sinks.kafka(config, "nowhere", (String event) -> null, (String event) -> event);
        try {
            long start = System.nanoTime();
            BatchResult result = await(sink.deliver(events(0, 20)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.failures())
                    .hasSize(20)
                    .allSatisfy(failure -> assertThat(sink.isRetriable(failure.cause()))
                            .as("retriable: %s", failure.cause())
                            .isTrue());
            assertThat(took).as("20 events, max.block.ms=500").isLessThan(Duration.ofSeconds(3));
        } finally {
            sink.close();
        }
    }

    @Test
    void aBatcherPipelinesSixteenBatchesIntoKafkaAndThePartitionKeepsOfferOrder() throws Exception {
        BatchSink<String> sink = open();
        List<String> offered = new ArrayList<>();
        try (Batcher<String> batcher =
                Batcher.<String>builder().name("kafka-pipeline").build(sink)) {
            assertThat(batcher.tunables().get("batch.maxInFlight")).isEqualTo(KafkaSink.DEFAULT_MAX_IN_FLIGHT);
            for (int i = 0; i < 5_000; i++) {
                offered.add("event-" + i);
                batcher.offer("event-" + i);
            }
            assertThat(batcher.flush(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(readBack(offered.size(), Duration.ofSeconds(30))).containsExactlyElementsOf(offered);
    }

    @Test
    void anOwnedProducerLingersZeroUnlessTheConfigurationSaysOtherwise() {
        assertThat(KafkaSink.ownedProducerConfig(producerConfig()))
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0)
                .containsAllEntriesOf(producerConfig());
        Map<String, Object> lingering = new HashMap<>(producerConfig());
        lingering.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        assertThat(KafkaSink.ownedProducerConfig(lingering)).containsEntry(ProducerConfig.LINGER_MS_CONFIG, "5");
    }

    @Test
    void retriableMeansKafkaRetriable() throws Exception {
        BatchSink<String> sink = open();

        assertThat(sink.isRetriable(new TimeoutException("metadata"))).isTrue();
        assertThat(sink.isRetriable(new NotLeaderOrFollowerException("moved"))).isTrue();
        assertThat(sink.isRetriable(new CompletionException(new TimeoutException("t"))))
                .as("unwraps CompletionException")
                .isTrue();
        assertThat(sink.isRetriable(new RecordTooLargeException("big"))).isFalse();
        assertThat(sink.isRetriable(new TopicAuthorizationException("no"))).isFalse();
        assertThat(sink.isRetriable(new AuthorizationException("no"))).isFalse();
        assertThat(sink.isRetriable(new SerializationException("bad"))).isFalse();
    }
}
