package io.pacer.load.batcher;

import static io.pacer.load.batcher.Runs.figure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.pacer.batch.BatchPolicy;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.embedded.EmbeddedRedis;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.RecordAccounting;
import io.pacer.load.RunResult;
import io.pacer.testing.KafkaExtension;
import io.pacer.testing.RedisExtension;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The batcher driver in front of a real embedded Kafka broker and a real redis-server: every event is counted there. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class BatcherDriverTransportTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void everyEventReachesTheKafkaTopicOnce(EmbeddedKafka kafka) throws Exception {
        BatcherSettings settings = BatcherSettings.of(
                        new SinkTarget.Kafka(kafka.bootstrapServers(), "batcher-kafka", 3, Map.of("acks", "all")))
                .withPolicy(BatchPolicy.ofDefaults().withLinger(Duration.ofMillis(20)));

        RunResult r = Runs.atRate(settings, 1000, Duration.ofSeconds(1));

        long operations = r.counts().operations();
        assertThat(operations).isGreaterThan(500);
        assertThat(r.counts().failed()).isZero();
        assertThat(r.accounting()).isEqualTo(new RecordAccounting(operations, operations, 0, 0, 0));
        assertThat(figure(r, "delivered")).isEqualTo(operations);
        assertThat(r.driver()).startsWith("batcher sink=kafka topic=batcher-kafka batch-size=50 linger=20ms");
        Set<Long> ids = kafkaIds(kafka.bootstrapServers(), "batcher-kafka", 3, operations);
        assertThat(ids).hasSize((int) operations).allMatch(id -> id >= 0 && id < operations);
    }

    @Test
    void everyEventReachesTheRedisStreamOnce(EmbeddedRedis redis) throws Exception {
        BatcherSettings settings = BatcherSettings.of(
                        new SinkTarget.RedisStream(redis.host() + ":" + redis.port(), "batcher-redis"))
                .withRecordSize(32);

        RunResult r = Runs.atRate(settings, 1000, Duration.ofSeconds(1));

        long operations = r.counts().operations();
        assertThat(operations).isGreaterThan(500);
        assertThat(r.counts().failed()).isZero();
        assertThat(r.accounting().lost()).isZero();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<StreamMessage<String, String>> entries =
                    connection.sync().xrange("batcher-redis", io.lettuce.core.Range.create("-", "+"));
            Set<Long> ids = new HashSet<>();
            entries.forEach(e -> ids.add(Long.parseLong(e.getBody().get("id"))));
            assertThat(entries).hasSize((int) operations);
            assertThat(ids).hasSize((int) operations);
            assertThat(entries)
                    .allSatisfy(e -> assertThat(e.getBody().get("payload")).matches("[A-Z]{32}"));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aPermanentSinkErrorFailsEachOperationWithItsCause(EmbeddedRedis redis) throws Exception {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("batcher-wrongtype", "not a stream"); // every XADD answers WRONGTYPE
        } finally {
            client.shutdown();
        }
        BatcherSettings settings =
                BatcherSettings.of(new SinkTarget.RedisStream(redis.host() + ":" + redis.port(), "batcher-wrongtype"));

        RunResult r = Runs.atRate(settings, 200, Duration.ofMillis(500));

        long operations = r.counts().operations();
        assertThat(operations).isPositive();
        assertThat(r.errors()).containsOnly(Map.entry("RedisCommandExecutionException", operations));
        assertThat(figure(r, "failed")).isEqualTo(operations);
        assertThat(figure(r, "retries")).isZero(); // a permanent error is not retried
        assertThat(r.accounting()).isEqualTo(new RecordAccounting(operations, 0, operations, 0, 0));
    }

    @Test
    void anUnreachableRedisIsAOneLineSetupError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Driver driver =
                BatcherDrivers.batcher(BatcherSettings.of(new SinkTarget.RedisStream("127.0.0.1:" + closedPort, "s")));
        try (driver) {
            assertThatThrownBy(driver::open)
                    .isInstanceOf(LoadSetupException.class)
                    .hasMessageStartingWith("cannot reach Redis at 127.0.0.1:" + closedPort)
                    .hasMessageEndingWith("start it or check --redis")
                    .hasMessageNotContaining("\n");
        }
    }

    private static Set<Long> kafkaIds(String bootstrap, String topic, int partitions, long count) {
        Set<Long> ids = new HashSet<>();
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(topic, p));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (records.size() < count && System.nanoTime() - deadline < 0) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            // Anything beyond the count (a duplicate) would arrive with the rest: read a little longer.
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        assertThat(records).as("records on " + topic).hasSize((int) count);
        records.forEach(rec -> ids.add(Long.parseLong(new String(rec.key(), StandardCharsets.US_ASCII))));
        return ids;
    }
}
