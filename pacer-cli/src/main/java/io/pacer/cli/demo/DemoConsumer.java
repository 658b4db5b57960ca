package io.pacer.cli.demo;

import io.pacer.kafka.KafkaSetup;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The consumer group reading the pipeline's topic, committing after every poll. Slowed, it spends
 * {@link #SLOW_MILLIS_PER_RECORD} ms on each record — far slower than the producers — so its lag grows and the lag
 * evaluator turns from OK to WARN. It remembers which event numbers it saw, so the demo can say that none was lost.
 */
final class DemoConsumer implements AutoCloseable {
    static final String GROUP = "demo-consumers";
    /** 50 records a second when slowed, against a load of 100 to 300. */
    static final long SLOW_MILLIS_PER_RECORD = 20;

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final BitSet seen = new BitSet();
    private final AtomicLong records = new AtomicLong();
    private volatile boolean slow;
    private volatile boolean running = true;
    private volatile Throwable failure;

    DemoConsumer(String bootstrap, String topic) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "pacer-demo-consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                "50",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class.getName()));
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "pacer-demo-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> r : batch) {
                    if (KafkaSetup.isProbe(r)) {
                        continue;
                    }
                    long sequence = Pipeline.sequenceOf(r.value());
                    synchronized (seen) {
                        seen.set(Math.toIntExact(sequence));
                    }
                    records.incrementAndGet();
                    if (slow) {
                        TimeUnit.MILLISECONDS.sleep(SLOW_MILLIS_PER_RECORD); // the injected slowness
                    }
                }
                if (!batch.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // close() asked
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void slow(boolean value) {
        slow = value;
    }

    /** Distinct event numbers received. */
    long distinct() {
        synchronized (seen) {
            return seen.cardinality();
        }
    }

    /** Records received, duplicates (at-least-once redeliveries) included. */
    long records() {
        return records.get();
    }

    /** Why the consumer stopped by itself, or null. */
    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        slow = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
