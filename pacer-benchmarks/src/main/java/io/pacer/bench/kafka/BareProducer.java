package io.pacer.bench.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The baseline: {@code KafkaProducer.send} from the sending thread, latency taken in the send callback. */
final class BareProducer implements Contender {
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Recorder latency;
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final String settings;
    private long sent;

    BareProducer(Map<String, Object> config, String topic, Recorder latency) {
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
        this.latency = latency;
        this.settings = "linger.ms=" + config.get("linger.ms");
    }

    @Override
    public boolean send(byte[] event) {
        sent++;
        producer.send(new ProducerRecord<>(topic, null, event), (metadata, failure) -> {
            if (failure != null) {
                failed.increment();
            } else {
                Events.acknowledged(event, System.nanoTime(), latency);
            }
            acknowledged.increment();
        });
        return true;
    }

    @Override
    public void drain() {
        producer.flush(); // returns once every record sent so far has completed, callbacks included
        if (acknowledged.sum() != sent) {
            throw new IllegalStateException("flush returned with " + (sent - acknowledged.sum()) + " records open");
        }
    }

    @Override
    public long failures() {
        return failed.sum();
    }

    @Override
    public String settings() {
        return settings;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
