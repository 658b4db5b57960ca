package io.pacer.load.kafka;

import io.pacer.time.Ticker;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongToIntFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The stream test's own processor: a polling thread reads the input topic and queues each record with the time
 * it is due ({@code read time + delay}); a forwarding thread writes the due records to the output topic, keeping
 * key, value and headers, as many copies as {@code copies(id)} says (1 normally). Without a delay the polling
 * thread writes them itself.
 *
 * <p>Notes: the delay is the same for every record, so due times grow in read order and one FIFO queue is
 * already sorted — no priority queue, and order per partition is kept. The forwarder parks until a record's due
 * time (a parked thread wakes within tens of microseconds on Linux), so the added delay is exact to well under a
 * millisecond.
 */
final class BuiltInProcessor implements AutoCloseable {

    private static final long IDLE_POLL_MILLIS = 100;

    private final PollingThread reader;
    private final Producer<byte[], byte[]> producer;
    private final String outputTopic;
    private final long delayNanos;
    private final LongToIntFunction copies;
    private final Ticker ticker;
    private final LinkedBlockingQueue<Held> queue = new LinkedBlockingQueue<>();
    private final LongAdder sendFailures = new LongAdder();
    private final Thread forwarder;
    private volatile boolean running = true;

    /** Takes over {@code input}, already assigned and positioned, and {@code producer}. */
    BuiltInProcessor(
            Consumer<byte[], byte[]> input,
            Producer<byte[], byte[]> producer,
            String outputTopic,
            long delayNanos,
            LongToIntFunction copies,
            Ticker ticker) {
        this.producer = producer;
        this.outputTopic = outputTopic;
        this.delayNanos = delayNanos;
        this.copies = copies;
        this.ticker = ticker;
        this.reader = new PollingThread("pacer-stream-processor-in", input, this::hold);
        this.forwarder = new Thread(this::forward, "pacer-stream-processor-out");
        forwarder.setDaemon(true);
    }

    void start() {
        if (delayNanos > 0) {
            forwarder.start();
        }
        reader.start();
    }

    /** Output records the broker rejected (they show up as lost). */
    long sendFailures() {
        return sendFailures.sum();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            reader.close();
        } finally {
            running = false;
            forwarder.interrupt();
            forwarder.join(KafkaDrivers.CLOSE_TIMEOUT.toMillis());
            producer.close(KafkaDrivers.CLOSE_TIMEOUT);
        }
    }

    private void hold(ConsumerRecords<byte[], byte[]> records) {
        if (delayNanos == 0) { // nothing to wait for: write from the reading thread, saving a thread hand-off
            records.forEach(this::write);
            return;
        }
        long due = ticker.nanos() + delayNanos;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            queue.add(new Held(due, record));
        }
    }

    private void forward() {
        try {
            while (running) {
                Held held = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (held == null) {
                    continue;
                }
                for (long wait; (wait = held.due - ticker.nanos()) > 0; ) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        return;
                    }
                }
                write(held.record);
            }
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(ConsumerRecord<byte[], byte[]> in) {
        int n = copies.applyAsInt(Ids.parse(in.key()));
        for (int i = 0; i < n; i++) {
            send(new ProducerRecord<>(outputTopic, null, in.key(), in.value(), in.headers()));
        }
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        try {
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    sendFailures.increment();
                }
            });
        } catch (RuntimeException e) { // closed or interrupted while closing
            sendFailures.increment();
        }
    }

    private record Held(long due, ConsumerRecord<byte[], byte[]> record) {}
}
