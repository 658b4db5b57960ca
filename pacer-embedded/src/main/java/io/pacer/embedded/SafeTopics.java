package io.pacer.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Creates topics that are safe to write to the moment creation returns.
 *
 * <p>Notes: an idempotent producer writing to a just-created multi-partition topic was seen to lose records with
 * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout (the KAFKA-15591 family). So creation waits for
 * a leader on every partition and then has a non-idempotent producer ({@code acks=all}) write one probe record to
 * each partition explicitly; {@code EmbeddedKafkaTest} pins that an idempotent producer then loses nothing. The
 * probes themselves regularly meet {@code NOT_LEADER_OR_FOLLOWER} although the topic already reports leaders: the
 * broker becomes leader a little after its metadata says so, plausibly the window an idempotent producer's first
 * batches fell into. (Four runs here without the probe lost no records; it stays as cheap insurance, about 0.4 s a
 * topic.) The probe record is then removed with {@code deleteRecords}, so consumers starting from the earliest
 * offset never see it: every partition of a fresh topic begins at offset 1.
 */
final class SafeTopics implements AutoCloseable {

    /** Header carried by probe records, in case a consumer reads one before its deletion completes. */
    static final String PROBE_HEADER = "pacer-probe";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Admin admin;
    private final String bootstrapServers;
    private Producer<byte[], byte[]> probeProducer;

    SafeTopics(Admin admin, String bootstrapServers) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
    }

    synchronized void create(String name, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, but was " + partitions);
        }
        await(
                admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                        .all(),
                "creating topic " + name);
        Waits.until(TIMEOUT, "a leader for every partition of " + name, () -> allLed(name, partitions));
        Map<TopicPartition, Long> probeOffsets = probe(name, partitions);
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        probeOffsets.forEach((tp, offset) -> deletions.put(tp, RecordsToDelete.beforeOffset(offset + 1)));
        await(admin.deleteRecords(deletions).all(), "deleting the probe records of " + name);
    }

    @Override
    public synchronized void close() {
        if (probeProducer != null) {
            probeProducer.close(Duration.ofSeconds(5));
            probeProducer = null;
        }
    }

    private boolean allLed(String name, int partitions) {
        try {
            Map<String, TopicDescription> described =
                    admin.describeTopics(Set.of(name)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartitionInfo> infos = described.get(name).partitions();
            return infos.size() == partitions
                    && infos.stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            return false; // metadata not propagated yet: poll again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + name, e);
        } catch (TimeoutException e) {
            return false;
        }
    }

    private Map<TopicPartition, Long> probe(String name, int partitions) {
        Producer<byte[], byte[]> producer = probeProducer();
        List<Future<RecordMetadata>> sent = new ArrayList<>(partitions);
        for (int partition = 0; partition < partitions; partition++) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(name, partition, null, new byte[0]);
            record.headers().add(PROBE_HEADER, "1".getBytes(StandardCharsets.US_ASCII));
            sent.add(producer.send(record));
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Future<RecordMetadata> future : sent) {
            RecordMetadata metadata = await(future, "a probe write to " + name);
            offsets.put(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset());
        }
        return offsets;
    }

    private Producer<byte[], byte[]> probeProducer() {
        if (probeProducer == null) {
            Properties p = new Properties();
            p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
            p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
            p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
            p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
            p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
            p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "pacer-embedded-probe");
            probeProducer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return probeProducer;
    }

    private static <T> T await(Future<T> future, String what) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("failed " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + TIMEOUT.toMillis() + " ms " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted " + what, e);
        }
    }
}
