package io.pacer.load.batcher;

import io.pacer.internal.Check;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the batcher driver's batcher delivers: a Kafka topic, a Redis stream, or memory. Each record holds exactly
 * what its transport needs, validated when built.
 */
public sealed interface SinkTarget {

    /**
     * A Kafka topic, through {@code io.pacer.sink.Sinks.kafka}: the key is the event's id in ASCII digits, the value
     * its payload.
     *
     * @param bootstrapServers   {@code host:port[,host:port...]}
     * @param topic              created with {@code partitions} when absent (an existing topic is used as it is)
     * @param partitions         partitions of a topic this run creates
     * @param producerProperties any producer setting; wins over Pacer's (byte-array serializers, {@code linger.ms=0})
     */
    record Kafka(String bootstrapServers, String topic, int partitions, Map<String, String> producerProperties)
            implements SinkTarget {
        public static final int MAX_PARTITIONS = 10_000;

        public Kafka {
            bootstrapServers = Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]")
                    .trim();
            Check.topicName("topic", topic);
            Check.range("partitions", partitions, 1, MAX_PARTITIONS);
            producerProperties = Check.stringMap("producerProperties", producerProperties);
        }

        @Override
        public String describe() {
            return "kafka topic=" + topic;
        }
    }

    /**
     * A Redis stream, through {@code io.pacer.sink.Sinks.redisStream}: one {@code XADD} per event with the fields
     * {@code id} and {@code payload}.
     *
     * @param hostPort the server, {@code host:port}
     * @param stream   the stream key
     */
    record RedisStream(String hostPort, String stream) implements SinkTarget {
        private static final Pattern HOST_PORT = Pattern.compile("[^\\s:/]+:\\d{1,5}");

        public RedisStream {
            Check.matches("redis", hostPort, HOST_PORT, "host:port, e.g. 127.0.0.1:6379");
            Check.that(stream != null && !stream.isBlank(), "stream", "a non-blank Redis key", stream);
        }

        /** {@code redis://host:port}, as Lettuce takes it. */
        public String uri() {
            return "redis://" + hostPort;
        }

        @Override
        public String describe() {
            return "redis stream=" + stream;
        }
    }

    /**
     * Memory: stores each event's id (never its payload) and acknowledges at once, counting exactly what arrived —
     * with {@link SinkFaults}, a stand-in for a sink that fails, lags or goes away.
     */
    record Memory() implements SinkTarget {
        @Override
        public String describe() {
            return "memory";
        }
    }

    /** A short description for reports: {@code kafka topic=orders}, {@code redis stream=events}, {@code memory}. */
    String describe();
}
