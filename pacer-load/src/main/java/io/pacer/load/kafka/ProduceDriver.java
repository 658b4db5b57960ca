package io.pacer.load.kafka;

import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import io.pacer.kafka.TopicSpec;
import io.pacer.load.Call;
import io.pacer.load.Driver;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One {@code send} per operation; the stage completes when the broker acknowledges (or rejects) the record.
 *
 * <p>Per operation it allocates the record and one object that is both the send callback and the returned stage
 * (plus the key, when there is one); values come from a shared pool. A {@code send} that blocks because the
 * producer's buffer is full is the back-pressure: the engine charges the wait to latency from the intended start.
 */
final class ProduceDriver implements Driver {

    /** Producer settings shown by {@link #describe()} when set (others may hold secrets). */
    private static final List<String> DESCRIBED = List.of(
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.LINGER_MS_CONFIG,
            ProducerConfig.BATCH_SIZE_CONFIG,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            ProducerConfig.BUFFER_MEMORY_CONFIG);

    private final KafkaProduceSettings settings;
    private Payloads payloads;
    private Producer<byte[], byte[]>[] producers;

    ProduceDriver(KafkaProduceSettings settings) {
        this.settings = settings;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open() {
        try (KafkaSetup setup = KafkaSetup.connect(
                KafkaDrivers.connection(settings.bootstrapServers(), settings.producerProperties()))) {
            setup.ensureTopic(
                    new TopicSpec(settings.topic(), settings.partitions(), settings.replicationFactor(), Map.of()));
        } catch (KafkaSetupException e) {
            throw new LoadSetupException(e);
        }
        payloads = settings.payloadFile() != null
                ? Payloads.lines(settings.payloadFile())
                : Payloads.randomLetters(
                        settings.recordSize(), ThreadLocalRandom.current().nextLong());
        producers = new Producer[settings.clients()];
        for (int i = 0; i < producers.length; i++) {
            producers[i] = Clients.producer(config(i));
            // Fetch the topic's metadata now, so the first scheduled send does not wait for it.
            producers[i].partitionsFor(settings.topic());
        }
    }

    @Override
    public CompletionStage<Outcome> start(Call call) {
        byte[] value = payloads.next(call.sequence());
        byte[] key = key(call.sequence());
        Acknowledgement ack = new Acknowledgement(value.length + (key == null ? 0 : key.length));
        try {
            producers[call.user() % producers.length].send(new ProducerRecord<>(settings.topic(), key, value), ack);
        } catch (RuntimeException e) { // the producer is closed, or interrupted; broker errors reach the callback
            ack.onCompletion(null, e);
        }
        return ack;
    }

    @Override
    public String describe() {
        StringBuilder s = new StringBuilder("kafka-produce topic=")
                .append(settings.topic())
                .append(
                        settings.payloadFile() != null
                                ? " payload-file=" + settings.payloadFile()
                                : " record-size=" + settings.recordSize())
                .append(" keys=")
                .append(settings.keys())
                .append(" clients=")
                .append(settings.clients());
        new TreeMap<>(settings.producerProperties()).forEach((k, v) -> {
            if (DESCRIBED.contains(k)) {
                s.append(' ').append(k).append('=').append(v);
            }
        });
        return s.toString();
    }

    @Override
    public void close() {
        if (producers == null) {
            return;
        }
        for (Producer<byte[], byte[]> producer : producers) {
            if (producer != null) {
                producer.close(KafkaDrivers.CLOSE_TIMEOUT);
            }
        }
    }

    private Map<String, Object> config(int client) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pacer-produce-" + client);
        config.putAll(settings.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        return config;
    }

    private byte[] key(long sequence) {
        return switch (settings.keys().kind()) {
            case NONE -> null;
            case SEQUENTIAL -> Ids.ascii(sequence);
            case RANDOM ->
                Ids.ascii(ThreadLocalRandom.current().nextLong(settings.keys().cardinality()));
        };
    }

    /** The send callback and the operation's stage in one object. */
    private static final class Acknowledgement extends CompletableFuture<Outcome> implements Callback {
        private final int bytes;

        Acknowledgement(int bytes) {
            this.bytes = bytes;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            complete(
                    exception == null
                            ? Outcome.ok(bytes)
                            : Outcome.failed(exception.getClass().getSimpleName()));
        }
    }
}
