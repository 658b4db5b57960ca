package io.pacer.cli;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An external stream processor for tests, outside every worker: copies input to output keeping key and headers, but
 * drops ids ending in 3 and writes ids ending in 7 twice — and counts exactly what it did.
 */
final class FatefulProcessor implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String output;
    private final Thread thread;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private volatile boolean running = true;

    FatefulProcessor(String bootstrap, String input, String output) {
        this.output = output;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(input)) {
            partitions.add(new TopicPartition(input, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // at the end before the run produces anything
        thread = new Thread(this::process, "fateful-processor");
        thread.start();
    }

    private void process() {
        while (running) {
            for (ConsumerRecord<byte[], byte[]> in : consumer.poll(Duration.ofMillis(50))) {
                if (in.headers().lastHeader("pacer-probe") != null) {
                    continue;
                }
                read.incrementAndGet();
                long id = Long.parseLong(new String(in.key(), StandardCharsets.US_ASCII));
                int copies = id % 10 == 3 ? 0 : id % 10 == 7 ? 2 : 1;
                if (copies == 0) {
                    dropped.incrementAndGet();
                }
                if (copies == 2) {
                    duplicated.incrementAndGet();
                }
                for (int i = 0; i < copies; i++) {
                    producer.send(new ProducerRecord<>(output, null, in.key(), in.value(), in.headers()));
                }
            }
            producer.flush();
        }
    }

    long read() {
        return read.get();
    }

    long dropped() {
        return dropped.get();
    }

    long duplicated() {
        return duplicated.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        consumer.close();
        producer.close();
    }
}
