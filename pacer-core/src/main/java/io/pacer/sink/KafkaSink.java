package io.pacer.sink;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Sends each event of a batch to one Kafka topic and reports, per event, what the broker said.
 * Created by {@link Sinks#kafka}; see there for the contract.
 *
 * <p>Notes: {@code send} never waits for the broker's acknowledgement, only for metadata and buffer space
 * (each bounded by {@code max.block.ms}), so {@link #deliver} returns once every record is handed to the
 * producer. When one {@code send} gives up after {@code max.block.ms} (no metadata: the broker is unreachable
 * or the topic missing; or the buffer stayed full), the rest of the batch fails with the same retriable
 * {@code TimeoutException} without being sent: otherwise a batch of n events would block n times as long. A record
 * the producer refuses synchronously (too large, unserializable, the mapping threw) is that event's failure;
 * the others still go. Ordering within a partition across retries is the producer's job: keep
 * {@code enable.idempotence=true} (the default) and {@code acks=all}.
 *
 * <p>Pipelining: the batcher keeps up to {@value #DEFAULT_MAX_IN_FLIGHT} batches in delivery to this sink
 * ({@link #defaultMaxInFlight}), because Kafka itself keeps order across concurrent requests: per partition, an
 * idempotent producer delivers records in the order {@code send} was called, through its own retries, with up to
 * five requests in flight per connection. What order survives a failure: the batcher re-sends a batch only when
 * the producer has given up on it (after {@code delivery.timeout.ms}, two minutes by default, or for a
 * non-retriable error of some events); batches sent behind it that did land stay where they are, so the
 * re-sent events arrive after them — the same as an application that re-sends what a bare producer failed.
 * Whenever nothing fails, every partition holds each producing thread's events in offer order. With one batch in
 * flight ({@code maxInFlight(1)}) order is exact even across those re-sends, at one round trip per batch.
 *
 * <p>An owned producer gets {@code linger.ms=0} unless the configuration says otherwise: the batcher has already
 * batched, and Kafka's own default (5 ms since Kafka 4.0) would hold every batcher batch that does not fill a
 * producer batch for that long — with a bounded window that costs most of the throughput.
 */
final class KafkaSink<T, K, V> implements BatchSink<T> {

    /** How long {@link #close} lets an owned producer finish sending. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Batches the batcher keeps in delivery to a Kafka sink unless the application chooses (see the notes). */
    static final int DEFAULT_MAX_IN_FLIGHT = 16;

    private final Producer<K, V> producer;
    private final boolean ownsProducer;
    private final String topic;
    private final Function<? super T, ? extends K> key;
    private final Function<? super T, ? extends V> value;
    private volatile boolean closed;

    KafkaSink(
            Producer<K, V> producer,
            boolean ownsProducer,
            String topic,
            Function<? super T, ? extends K> key,
            Function<? super T, ? extends V> value) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.ownsProducer = ownsProducer;
        this.topic = requireTopic(topic);
        this.key = Objects.requireNonNull(key, "key");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Builds the producer here, not in {@link Sinks}, so that loading {@code Sinks} never needs Kafka. */
    static <T, K, V> KafkaSink<T, K, V> owning(
            Map<String, Object> producerConfig,
            String topic,
            Function<? super T, ? extends K> key,
            Function<? super T, ? extends V> value) {
        Objects.requireNonNull(producerConfig, "producerConfig");
        requireTopic(topic);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return new KafkaSink<>(new KafkaProducer<>(ownedProducerConfig(producerConfig)), true, topic, key, value);
    }

    /** The configuration an owned producer is built from: the caller's, with {@code linger.ms=0} unless given. */
    static Map<String, Object> ownedProducerConfig(Map<String, Object> producerConfig) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        return Map.copyOf(config);
    }

    private static String requireTopic(String topic) {
        return Check.notBlank("topic", topic, "a non-blank Kafka topic name");
    }

    @Override
    public CompletionStage<BatchResult> deliver(List<T> batch) {
        if (closed) {
            return CompletableFuture.failedFuture(
                    new IllegalStateException("Kafka sink for topic " + topic + " is closed"));
        }
        BatchOutcome outcome = new BatchOutcome(batch.size());
        Thread caller = Thread.currentThread();
        TimeoutException[] blocked = new TimeoutException[1]; // written and read by the caller only
        for (int i = 0; i < batch.size(); i++) {
            int index = i;
            if (blocked[0] != null) {
                outcome.report(index, blocked[0]);
                continue;
            }
            try {
                T event = batch.get(i);
                producer.send(
                        new ProducerRecord<>(topic, key.apply(event), value.apply(event)), (metadata, failure) -> {
                            if (failure instanceof TimeoutException timeout && Thread.currentThread() == caller) {
                                blocked[0] = timeout; // send itself waited max.block.ms: the next sends would too
                            }
                            outcome.report(index, failure);
                        });
            } catch (RuntimeException failure) {
                outcome.report(index, failure);
            }
        }
        return outcome.result();
    }

    /**
     * {@code true} for Kafka's {@link RetriableException}s (timeouts, leader changes, disconnects,
     * not enough replicas); {@code false} for the rest (record too large, authorization, serialization,
     * use after close).
     */
    @Override
    public boolean isRetriable(Throwable failure) {
        return BatchOutcome.unwrap(failure) instanceof RetriableException;
    }

    @Override
    public int defaultMaxInFlight() {
        return DEFAULT_MAX_IN_FLIGHT;
    }

    /** Closes the producer if the sink created it (waiting up to {@link #CLOSE_TIMEOUT} for sends). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsProducer) {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    @Override
    public String toString() {
        return "KafkaSink[topic=" + topic + (ownsProducer ? ", owns producer]" : "]");
    }
}
