package io.pacer.sink;

import io.lettuce.core.RedisClient;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;

/**
 * The sinks Pacer ships: Kafka and Redis Streams. Each keeps the {@link BatchSink} contract: {@code deliver}
 * starts the sends and returns without waiting for the transport; the stage completes with the per-event outcome,
 * or exceptionally when the whole batch could not be sent; after {@code close}, {@code deliver} returns a stage
 * failed with {@link IllegalStateException} (it never throws), and {@code close} is idempotent. Both complete
 * stages on the client's I/O thread (the producer's sender, Lettuce's event loop): keep what depends on them
 * short, or use the {@code *Async} forms. A scriptable in-memory sink for tests is in the test fixtures
 * ({@code pacer-testing}: {@code io.pacer.testing.InMemorySink}).
 *
 * <p>Kafka and Lettuce are optional dependencies: bring the one you use. Implementation note: this class only
 * passes arguments through and the transport clients are built inside the implementations, so an application
 * with neither library on its class path can still load this class and use the batcher with a sink of its own.
 */
public final class Sinks {

    private Sinks() {}

    /**
     * A Kafka sink that creates, owns and on close closes a {@code KafkaProducer} built from
     * {@code producerConfig}, which must name {@code bootstrap.servers} and both serializers (for {@code K} and
     * {@code V}). Recommended: {@code acks=all} with {@code enable.idempotence=true} (both Kafka's defaults),
     * so a retried record is neither lost nor reordered. {@code linger.ms} is 0 unless given, since the batcher
     * already batches. The batcher keeps up to 16 batches in delivery to this sink unless told otherwise
     * ({@code maxInFlight}): Kafka keeps their order per partition; what a failed batch does to order is in the
     * sink's notes (its events are re-sent after the batches behind it that landed).
     *
     * <p>{@code deliver} blocks only where {@code KafkaProducer.send} does: waiting for topic metadata or
     * buffer space, each wait bounded by {@code max.block.ms}. A send that gives up there fails the rest of
     * the batch unsent with the same retriable {@code TimeoutException}, so an unreachable broker costs one
     * {@code max.block.ms} per batch, not one per event. Per-event failures ({@code RecordTooLargeException},
     * a mapping that threw, a broker error after retries) come back as {@link BatchResult.EventFailure}s at
     * the event's index; the other events are still sent.
     *
     * @param key   the record key of an event (may return {@code null})
     * @param value the record value of an event
     */
    public static <T, K, V> BatchSink<T> kafka(
            Map<String, Object> producerConfig,
            String topic,
            Function<? super T, ? extends K> key,
            Function<? super T, ? extends V> value) {
        return KafkaSink.owning(producerConfig, topic, key, value);
    }

    /**
     * A Kafka sink over the caller's producer, which it shares and does not close. Same contract as
     * {@link #kafka(Map, String, Function, Function)}.
     */
    public static <T, K, V> BatchSink<T> kafka(
            Producer<K, V> producer,
            String topic,
            Function<? super T, ? extends K> key,
            Function<? super T, ? extends V> value) {
        return new KafkaSink<>(producer, false, topic, key, value);
    }

    /**
     * A Redis Streams sink for the server at {@code uri} ({@code redis://host:port}), appending to
     * {@code streamKey} without trimming. See {@link #redisStream(String, RedisStreamSettings, Function)}.
     */
    public static <T> BatchSink<T> redisStream(
            String uri, String streamKey, Function<? super T, ? extends Map<String, String>> fields) {
        return redisStream(uri, RedisStreamSettings.of(streamKey), fields);
    }

    /**
     * A Redis Streams sink with its own Lettuce client and connection, both closed on close. It connects now
     * (an unreachable server fails here). Each batch is one pipelined round of {@code XADD}s; an event whose
     * {@code fields} throw or are empty fails alone; a server error (say, {@code WRONGTYPE}) fails each event
     * it answers. While the connection is down, {@code deliver} fails at once with a retriable
     * {@code RedisConnectionException} and the client reconnects in the background.
     */
    public static <T> BatchSink<T> redisStream(
            String uri, RedisStreamSettings settings, Function<? super T, ? extends Map<String, String>> fields) {
        return RedisStreamSink.owning(uri, settings, fields);
    }

    /**
     * A Redis Streams sink on a dedicated connection it opens from the caller's client; it closes that
     * connection on close but not the client. As above, {@code deliver} fails at once while the connection is
     * known to be down; what happens to commands caught by a disconnect follows the client's options, and the
     * settings' timeout bounds it.
     */
    public static <T> BatchSink<T> redisStream(
            RedisClient client,
            RedisStreamSettings settings,
            Function<? super T, ? extends Map<String, String>> fields) {
        return RedisStreamSink.on(client, settings, fields);
    }
}
