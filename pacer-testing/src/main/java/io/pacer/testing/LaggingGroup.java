package io.pacer.testing;

import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.TopicSpec;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A consumer group with a known lag on a real broker: what the lag collectors and evaluators are tested against. */
public final class LaggingGroup {

    private LaggingGroup() {}

    /**
     * Creates {@code topic} (one partition), writes {@code records} records to it and commits {@code committed} of
     * them for {@code group}: a lag of {@code records - committed}.
     */
    public static void create(String bootstrap, String topic, String group, int records, int committed)
            throws Exception {
        try (KafkaSetup setup = KafkaSetup.connect(KafkaConnection.of(bootstrap))) {
            setup.createTopic(TopicSpec.of(topic, 1));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "r" + i));
            }
            producer.flush();
        }
        TopicPartition tp = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                group,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class))) {
            long start = consumer.beginningOffsets(List.of(tp)).get(tp);
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(start + committed)));
        }
    }
}
