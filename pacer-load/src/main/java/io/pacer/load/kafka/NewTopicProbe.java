package io.pacer.load.kafka;

import io.pacer.load.LoadSetupException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes a topic this run just created safe for idempotent producers: one write to every partition from a
 * non-idempotent producer, then the probe records are deleted again.
 *
 * <p>Notes: an idempotent producer (Kafka's default) writing to a brand-new multi-partition topic was seen here to
 * fail with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout (the KAFKA-15591 family): a partition's
 * leader takes writes a little after the metadata names it. A plain write that succeeded on every partition closes
 * that window. The probe records carry the header {@value #HEADER}; deleting them (so a later consumer from the
 * beginning does not count them) is best effort — without the right to delete, one probe record per partition
 * stays.
 */
final class NewTopicProbe {

    static final String HEADER = "pacer-probe";

    private NewTopicProbe() {}

    static void probe(
            Admin admin,
            String bootstrapServers,
            Map<String, String> clientProperties,
            String topic,
            int partitions,
            Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        clientProperties.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pacer-probe");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout.toMillis()));
        Map<TopicPartition, RecordsToDelete> probes = new HashMap<>();
        try (Producer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(partitions);
            for (int p = 0; p < partitions; p++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, p, null, new byte[0]);
                record.headers().add(HEADER, "1".getBytes(StandardCharsets.US_ASCII));
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> future : sent) {
                RecordMetadata written = future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                probes.put(
                        new TopicPartition(topic, written.partition()),
                        RecordsToDelete.beforeOffset(written.offset() + 1));
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new LoadSetupException(
                    "topic '" + topic + "' was created but does not take writes within "
                            + timeout.toSeconds() + "s (" + cause.getClass().getSimpleName()
                            + "): check the brokers' health"
                            + " and this client's WRITE permission",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadSetupException("interrupted while probing the new topic '" + topic + "'", e);
        }
        try {
            admin.deleteRecords(probes).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notDeleted) {
            // best effort, see the notes: a probe record left behind is harmless and marked
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
