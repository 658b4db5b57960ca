package io.pacer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
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
}
