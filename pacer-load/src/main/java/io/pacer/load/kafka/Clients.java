package io.pacer.load.kafka;

import io.pacer.load.LoadSetupException;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/** Creates Kafka clients, turning a rejected configuration (a bad {@code -P} value) into a one-line setup error. */
final class Clients {

    private Clients() {}

    static Producer<byte[], byte[]> producer(Map<String, Object> config) {
        try {
            return new KafkaProducer<>(config);
        } catch (KafkaException e) {
            throw rejected("producer", e);
        }
    }

    static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
        try {
            return new KafkaConsumer<>(config);
        } catch (KafkaException e) {
            throw rejected("consumer", e);
        }
    }

    private static LoadSetupException rejected(String client, KafkaException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new LoadSetupException(
                "the Kafka " + client + " rejected its settings (" + cause.getMessage() + "): check the " + client
                        + " properties (-P / --" + client + "-config)",
                e);
    }
}
