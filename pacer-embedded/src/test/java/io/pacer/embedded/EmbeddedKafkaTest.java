package io.pacer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    @Timeout(60)
    void producesConsumesAndDeletesItsDirectoryOnClose() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Path logDir = kafka.logDir();
        try {
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            // created on first use (topics are made safe for idempotent producers by pacer-core's KafkaSetup)
            Map<String, Object> common = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("round-trip", "k" + i, "v" + i))
                            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            List<String> read = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(common, new StringDeserializer(), new StringDeserializer())) {
                TopicPartition only = new TopicPartition("round-trip", 0);
                consumer.assign(List.of(only));
                consumer.seekToBeginning(List.of(only));
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (read.size() < 10 && System.nanoTime() - deadline < 0) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> read.add(r.value()));
                }
            }
            assertThat(read)
                    .containsExactlyElementsOf(
                            IntStream.range(0, 10).mapToObj(i -> "v" + i).toList());
            assertThat(logDir).isDirectory();
        } finally {
            kafka.close();
        }
        assertThat(Files.exists(logDir)).as("log dir deleted on close").isFalse();
        kafka.close(); // idempotent
    }
}
