package io.pacer.sink;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
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
 */
final class KafkaSink<T, K, V> implements BatchSink<T> {

    /** How long {@link #close} lets an owned producer finish sending. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

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
        return new KafkaSink<>(new KafkaProducer<>(Map.copyOf(producerConfig)), true, topic, key, value);
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
