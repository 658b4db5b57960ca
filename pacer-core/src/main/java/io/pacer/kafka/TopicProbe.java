package io.pacer.kafka;

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
import org.apache.kafka.clients.admin.DeleteRecordsResult;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes a topic just created safe for idempotent producers: one acknowledged write to every partition from a
 * non-idempotent producer, then the probe records are deleted again (see {@link KafkaSetup} for why and for the
 * deletion rule).
 *
 * <p>Notes: the probes regularly meet {@code NOT_LEADER_OR_FOLLOWER} although the topic already reports leaders —
 * the broker becomes leader a little after its metadata says so, the window an idempotent producer's first batches
 * fell into; the probe producer retries through it. The probe carries a key (a compacted topic refuses records
 * without one) and an empty value. A probe costs about 0.4 s a topic on the embedded broker.
 */
final class TopicProbe {

    static final byte[] KEY = KafkaSetup.PROBE_HEADER.getBytes(StandardCharsets.US_ASCII);

    private TopicProbe() {}

    /**
     * Probes every partition of {@code topic}, then deletes the probes.
     *
     * @return probe records the cluster would not delete
     */
    static int probe(Admin admin, KafkaConnection connection, String topic, int partitions) {
        Map<TopicPartition, RecordsToDelete> written = write(connection, topic, partitions);
        return delete(admin, connection.timeout(), written);
    }

    private static Map<TopicPartition, RecordsToDelete> write(
            KafkaConnection connection, String topic, int partitions) {
        Duration timeout = connection.timeout();
        Map<TopicPartition, RecordsToDelete> written = new HashMap<>();
        Producer<byte[], byte[]> probeProducer;
        try {
            probeProducer = producer(connection);
        } catch (KafkaException e) {
            throw new KafkaSetupException(
                    "cannot create a producer to probe the new topic '" + topic + "' (" + AdminSetup.rootMessage(e)
                            + "): check " + connection.names().security(),
                    e);
        }
        try (Producer<byte[], byte[]> producer = probeProducer) {
            List<Future<RecordMetadata>> sent = new ArrayList<>(partitions);
            for (int p = 0; p < partitions; p++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, p, KEY, new byte[0]);
                record.headers().add(KafkaSetup.PROBE_HEADER, "1".getBytes(StandardCharsets.US_ASCII));
                sent.add(producer.send(record));
            }
            for (Future<RecordMetadata> future : sent) {
                RecordMetadata ack = future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                written.put(new TopicPartition(topic, ack.partition()), RecordsToDelete.beforeOffset(ack.offset() + 1));
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new KafkaSetupException(
                    "topic '" + topic + "' was created but does not take writes within " + AdminSetup.seconds(timeout)
                            + " (" + cause.getClass().getSimpleName() + "): check the brokers' health"
                            + " and this client's WRITE permission",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException("interrupted while probing the new topic '" + topic + "'", e);
        }
        return written;
    }

    /** Deletes the probes, awaiting the cluster's answer; returns how many stayed. */
    private static int delete(Admin admin, Duration timeout, Map<TopicPartition, RecordsToDelete> probes) {
        DeleteRecordsResult result = admin.deleteRecords(probes);
        long deadline = System.nanoTime() + timeout.toNanos();
        int left = 0;
        for (var partition : result.lowWatermarks().values()) {
            try {
                partition.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException refused) {
                left++; // the rule (KafkaSetup): the probe stays, marked, and the result counts it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaSetupException("interrupted while deleting the probe records", e);
            }
        }
        return left;
    }

    private static Producer<byte[], byte[]> producer(KafkaConnection connection) {
        Map<String, Object> config = new HashMap<>();
        connection.clientProperties().forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        String millis = String.valueOf(connection.timeout().toMillis());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pacer-probe");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG); // the probe writes outside any transaction
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
