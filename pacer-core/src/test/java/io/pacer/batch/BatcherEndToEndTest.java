package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.sink.RedisStreamSettings;
import io.pacer.sink.Sinks;
import io.pacer.testing.Await;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.RedisExtension;
import io.pacer.testing.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The batcher in front of real transports: an embedded Kafka broker and a private Redis that goes away and comes back. */
@Timeout(120)
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class BatcherEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path spoolDir;

    @Test
    void redisGoingDownOpensTheBreakerSpillsToDiskAndLosesNothing(EmbeddedRedis redis) throws Exception {
        List<BatcherEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        BreakerPolicy breaker = BreakerPolicy.ofDefaults()
                .withFailureThreshold(3)
                .withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20))
                .withOpenDuration(Duration.ofMillis(200))
                .withDeliveryTimeout(Duration.ofSeconds(2));
        String stream = "orders";
        List<String> sent = new ArrayList<>();
        try (Batcher<String> batcher = Batcher.<String>builder()
                .breaker(breaker)
                .listener(events::add)
                .policy(new BatchPolicy(50, 1 << 20, Duration.ofMillis(5), 1024))
                .overflow(Overflow.spill(spoolDir, 64L << 20), SpoolCodec.utf8())
                .build(Sinks.redisStream(
                        redis.uri(),
                        RedisStreamSettings.of(stream).withTimeout(Duration.ofSeconds(1)),
                        (String e) -> Map.of("e", e)))) {
            offer(batcher, sent, 0, 2_000);
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(readStream(redis, stream)).containsExactlyElementsOf(sent);
            redis.stop(); // the private server keeps no data across a restart: what follows must all arrive after it
            sent.clear();
            offer(batcher, sent, 2_000, 6_000);
            Await.until(
                    WAIT,
                    "the breaker open and events spooled",
                    () -> batcher.snapshot().breakerTrips() >= 1
                            && batcher.snapshot().spoolDepth() > 0);
            assertThat(batcher.flush(WAIT))
                    .as("accepted events are delivered or on disk")
                    .isTrue();
            redis.restart();
            Await.until(
                    WAIT,
                    "the spool replayed and the breaker closed",
                    () -> batcher.snapshot().spoolDepth() == 0
                            && "CLOSED".equals(batcher.snapshot().breakerState()));
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.dropped() + snap.rejected() + snap.failed()).isZero();
        }
        assertThat(readStream(redis, stream)).containsExactlyElementsOf(sent);
        assertThat(events)
                .filteredOn(e -> e instanceof BatcherEvent.BreakerTransition)
                .extracting(e -> ((BatcherEvent.BreakerTransition) e).to())
                .contains("OPEN", "HALF_OPEN", "CLOSED");
    }

    @Test
    void kafkaSinkDeliversEveryEventAndKeepsPerKeyOrder(EmbeddedKafka kafka) throws Exception {
        String topic = "batcher-e2e";
        Topics.create(kafka, topic, 3);
        Map<String, Object> producer = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class.getName(),
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.LINGER_MS_CONFIG,
                1);
        int keys = 4;
        int perKey = 2_500;
        try (Batcher<String> batcher = Batcher.<String>builder()
                .policy(BatchPolicy.ofDefaults().withMaxEvents(500))
                .build(Sinks.kafka(producer, topic, (String e) -> e.substring(0, e.indexOf(':')), (String e) -> e))) {
            for (int i = 0; i < perKey; i++) {
                for (int k = 0; k < keys; k++) {
                    assertThat(batcher.offer("k" + k + ":" + i)).isTrue();
                }
            }
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(batcher.snapshot().delivered()).isEqualTo((long) keys * perKey);
        }
        Map<String, List<Integer>> byKey = new HashMap<>();
        Map<String, Object> consumer = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(consumer)) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            int seen = 0;
            while (seen < keys * perKey && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>())
                            .add(Integer.parseInt(r.value().substring(r.value().indexOf(':') + 1)));
                    seen++;
                }
            }
        }
        assertThat(byKey).hasSize(keys);
        List<Integer> expected =
                java.util.stream.IntStream.range(0, perKey).boxed().toList();
        byKey.values().forEach(seq -> assertThat(seq).containsExactlyElementsOf(expected));
    }

    private static List<String> readStream(EmbeddedRedis redis, String stream) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> stored = new ArrayList<>();
            for (StreamMessage<String, String> m : c.sync().xrange(stream, Range.create("-", "+"))) {
                stored.add(m.getBody().get("e"));
            }
            return stored;
        } finally {
            client.shutdown();
        }
    }

    private static void offer(Batcher<String> batcher, List<String> sent, int from, int to) {
        for (int i = from; i < to; i++) {
            String e = "o" + i;
            assertThat(batcher.offer(e)).isTrue();
            sent.add(e);
        }
    }
}
