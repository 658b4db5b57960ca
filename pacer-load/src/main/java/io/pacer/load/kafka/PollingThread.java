package io.pacer.load.kafka;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that owns one Kafka consumer: it polls until {@link #close()}, hands every non-empty batch to a
 * handler, and closes the consumer when it stops. A failed poll is logged and retried after a pause, so a broker
 * hiccup shows up in the results (records late or lost) rather than as a dead thread.
 */
final class PollingThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PollingThread.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final long PAUSE_AFTER_ERROR_MILLIS = 100;

    private final org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer;
    private final Consumer<ConsumerRecords<byte[], byte[]>> handler;
    private final Thread thread;
    private volatile boolean running = true;

    PollingThread(
            String name,
            org.apache.kafka.clients.consumer.Consumer<byte[], byte[]> consumer,
            Consumer<ConsumerRecords<byte[], byte[]>> handler) {
        this.consumer = consumer;
        this.handler = handler;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    /** Starts polling; the consumer is the thread's from now on. */
    void start() {
        thread.start();
    }

    /** Stops polling and waits (bounded) for the thread to close the consumer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread.getState() == Thread.State.NEW) { // never started: the consumer is still ours
            consumer.close(KafkaDrivers.CLOSE_TIMEOUT);
            return;
        }
        consumer.wakeup();
        thread.join(KafkaDrivers.CLOSE_TIMEOUT.toMillis() * 2);
    }

    private void run() {
        try {
            while (running) {
                try {
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        handler.accept(records);
                    }
                } catch (WakeupException closing) {
                    // close() woke us: the loop condition ends it
                } catch (RuntimeException e) {
                    LOG.warn("{}: poll failed, retrying: {}", thread.getName(), e.toString());
                    Thread.sleep(PAUSE_AFTER_ERROR_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(KafkaDrivers.CLOSE_TIMEOUT);
        }
    }
}
