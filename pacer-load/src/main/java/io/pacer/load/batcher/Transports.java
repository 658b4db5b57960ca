package io.pacer.load.batcher;

import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import io.pacer.kafka.TopicSpec;
import io.pacer.load.LoadSetupException;
import io.pacer.sink.BatchSink;
import io.pacer.sink.RedisStreamSettings;
import io.pacer.sink.Sinks;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Opens the real sink a {@link SinkTarget} names, checking its surroundings first: a Kafka cluster must answer
 * and gets its topic (created when absent, safe for idempotent producers), a Redis server must answer. A problem
 * there is a {@link LoadSetupException} with one line naming the fix in the CLI's words.
 */
final class Transports {

    private static final KafkaConnection.SettingNames OPTIONS =
            new KafkaConnection.SettingNames("--bootstrap", "-P", "--topic");

    private Transports() {}

    static BatchSink<Event> open(SinkTarget target) {
        if (target instanceof SinkTarget.Kafka kafka) {
            return kafka(kafka);
        }
        if (target instanceof SinkTarget.RedisStream redis) {
            return redis(redis);
        }
        return new MemorySink();
    }

    private static BatchSink<Event> kafka(SinkTarget.Kafka kafka) {
        KafkaConnection connection = new KafkaConnection(
                kafka.bootstrapServers(), kafka.producerProperties(), KafkaConnection.DEFAULT_TIMEOUT, OPTIONS);
        try (KafkaSetup setup = KafkaSetup.connect(connection)) {
            setup.ensureTopic(new TopicSpec(kafka.topic(), kafka.partitions(), TopicSpec.BROKER_DEFAULT, Map.of()));
        } catch (KafkaSetupException e) {
            throw new LoadSetupException(e);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pacer-batcher");
        config.putAll(kafka.producerProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try {
            return Sinks.kafka(config, kafka.topic(), Event::key, Event::payload);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new LoadSetupException(
                    "the Kafka producer rejected its settings (" + cause.getMessage()
                            + "): check the producer properties (-P / --producer-config)",
                    e);
        }
    }

    private static BatchSink<Event> redis(SinkTarget.RedisStream redis) {
        try {
            return Sinks.redisStream(redis.uri(), RedisStreamSettings.of(redis.stream()), Event::fields);
        } catch (RuntimeException e) {
            throw new LoadSetupException(
                    "cannot reach Redis at " + redis.hostPort() + " (" + oneLine(e) + "): start it or check --redis",
                    e);
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
