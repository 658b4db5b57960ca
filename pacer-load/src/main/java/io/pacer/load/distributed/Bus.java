package io.pacer.load.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import io.pacer.kafka.TopicSpec;
import io.pacer.load.LoadSetupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The control and results topics as one process sees them: one producer for both, one consumer assigned to the
 * partitions it listens to (never a group: every process reads every message), JSON through {@link Json}. Messages
 * of a newer schema version, or that are not Pacer's, are skipped.
 */
final class Bus implements AutoCloseable {

    /** Results of long runs are large; compressed they stay well under a broker's default 1 MB batch limit. */
    private static final int MAX_REQUEST_BYTES = 64 << 20;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final KafkaConnection.SettingNames OPTIONS =
            new KafkaConnection.SettingNames("--control-bootstrap", "the client properties", "--control-topic");

    private final ControlSettings control;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;

    private Bus(ControlSettings control, Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
        this.control = control;
        this.producer = producer;
        this.consumer = consumer;
    }

    /** Creates the topics when absent (safely, as the drivers do), then the clients. */
    static Bus open(ControlSettings control, String clientId) {
        try (KafkaSetup setup = KafkaSetup.connect(
                KafkaConnection.of(control.bootstrapServers()).withNames(OPTIONS))) {
            setup.ensureTopic(TopicSpec.of(control.controlTopic(), 1));
            setup.ensureTopic(TopicSpec.of(control.resultsTopic(), 1));
        } catch (KafkaSetupException e) {
            throw new LoadSetupException(e);
        }
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, control.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, control.bootstrapServers());
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_REQUEST_BYTES);
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, MAX_REQUEST_BYTES);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Producer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(p);
        } catch (KafkaException e) {
            throw new LoadSetupException("cannot create the control producer: " + e.getMessage(), e);
        }
        try {
            return new Bus(control, producer, new KafkaConsumer<>(c));
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new LoadSetupException("cannot create the control consumer: " + e.getMessage(), e);
        }
    }

    /**
     * Listens to the control topic from {@code controlFrom} (null: from its end) and, if {@code results}, to the
     * results topic from its end.
     */
    void listen(Instant controlFrom, boolean results) {
        TopicPartition controlPartition = new TopicPartition(control.controlTopic(), 0);
        TopicPartition resultsPartition = new TopicPartition(control.resultsTopic(), 0);
        List<TopicPartition> all = new ArrayList<>(List.of(controlPartition));
        if (results) {
            all.add(resultsPartition);
        }
        consumer.assign(all);
        consumer.seekToEnd(all);
        if (controlFrom != null) {
            OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(controlPartition, controlFrom.toEpochMilli()))
                    .get(controlPartition);
            if (from != null) {
                consumer.seek(controlPartition, from.offset());
            }
        }
        all.forEach(consumer::position); // resolve now: nothing sent after this returns is missed
    }

    /** Whether the control topic has been read up to where it ended when this was called. */
    boolean caughtUpOnControl() {
        TopicPartition tp = new TopicPartition(control.controlTopic(), 0);
        return consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp);
    }

    void send(ControlMessage message) {
        send(control.controlTopic(), message);
    }

    void send(ResultMessage message) {
        send(control.resultsTopic(), message);
    }

    /** Waits until everything sent has been acknowledged. */
    void flush() {
        producer.flush();
    }

    /** Messages that arrived within {@code timeout}: {@link ControlMessage}s and {@link ResultMessage}s, in order. */
    List<Object> poll(Duration timeout) {
        List<Object> messages = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            boolean isControl = record.topic().equals(control.controlTopic());
            Object message = isControl
                    ? read(record.value(), ControlMessage.class, ControlMessage.SCHEMA)
                    : read(record.value(), ResultMessage.class, ResultMessage.SCHEMA);
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    @Override
    public void close() {
        try {
            producer.close(CLOSE_TIMEOUT);
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    private void send(String topic, Object message) {
        byte[] json;
        try {
            json = Json.valueWriter(message.getClass()).writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        producer.send(new ProducerRecord<>(topic, json));
    }

    /** The message, or null for one that is not of {@code schema}'s name at a version this Pacer reads. */
    static <T> T read(byte[] json, Class<T> type, String schema) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode tree = Json.documentReader().readTree(json);
            String prefix = schema.substring(0, schema.indexOf('/') + 1);
            String found = tree == null ? "" : tree.path("schema").asText("");
            if (!found.startsWith(prefix)
                    || Integer.parseInt(found.substring(prefix.length()))
                            > Integer.parseInt(schema.substring(prefix.length()))) {
                return null;
            }
            return Json.documentReader().treeToValue(tree, type);
        } catch (IOException | RuntimeException notOurs) {
            return null; // a probe record, or something else written to the topic: not a message of ours
        }
    }
}
