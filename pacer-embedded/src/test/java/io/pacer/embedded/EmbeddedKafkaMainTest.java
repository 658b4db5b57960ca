package io.pacer.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link EmbeddedKafka#main} as a child JVM: announces itself on stdout, serves, and exits 0 when stdin ends. */
class EmbeddedKafkaMainTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    @Timeout(90)
    void announcesBootstrapServesAndExitsCleanlyWhenStdinCloses(@TempDir Path tmp) throws Exception {
        Path stderr = tmp.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), EmbeddedKafka.class.getName())
                .redirectError(stderr.toFile())
                .start();
        try {
            BufferedReader stdout =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line =
                    CompletableFuture.supplyAsync(() -> readLine(stdout)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(line)
                    .as("first stdout line; stderr: %s", Files.readString(stderr))
                    .startsWith("BOOTSTRAP=127.0.0.1:");
            String bootstrap = line.substring("BOOTSTRAP=".length());

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            bootstrap,
                            ProducerConfig.MAX_BLOCK_MS_CONFIG,
                            20_000),
                    new StringSerializer(),
                    new StringSerializer())) {
                RecordMetadata ack = producer.send(new ProducerRecord<>("from-parent", "hello"))
                        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertThat(ack.offset()).isGreaterThanOrEqualTo(0);
            }

            child.getOutputStream().close();
            assertThat(child.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("child exited after stdin closed")
                    .isTrue();
            assertThat(child.exitValue())
                    .as("exit code; stderr: %s", Files.readString(stderr))
                    .isZero();
            assertThat(stdout.readLine())
                    .as("nothing but the BOOTSTRAP line on stdout")
                    .isNull();
        } finally {
            child.destroyForcibly();
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
