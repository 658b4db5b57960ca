package io.pacer.bench.batcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The bare baseline: a {@link LinkedBlockingQueue} and a hand-written consumer loop, what one writes without a
 * library.
 *
 * <p>Bounded by: the queue's capacity of {@link #CAPACITY}; producers {@code put}, which parks them on the queue's
 * not-full condition until the consumer takes. The consumer waits for a first event, then alternates
 * {@code drainTo(batch, 50 - size)} with {@code poll(remaining linger)} and delivers at 50 events or when the first
 * event has waited 100 ms. Delivery counts the events and reuses the batch list (a synchronous sink may; Pacer's
 * asynchronous sink contract cannot). {@code put} allocates one queue node per event.
 */
@State(Scope.Benchmark)
public class NaiveContender extends Contender {

    private static final long LINGER_NANOS = LINGER.toNanos();

    private LinkedBlockingQueue<Long> queue;
    private Thread consumer;
    private volatile boolean stopping;
    private volatile long consumed;
    private volatile Throwable failure;

    @Setup(Level.Trial)
    public void start() {
        queue = new LinkedBlockingQueue<>(CAPACITY);
        stopping = false;
        consumed = 0;
        consumer = new Thread(this::consume, "naive-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    void offer(Long event) throws InterruptedException {
        queue.put(event);
    }

    private void consume() {
        List<Long> batch = new ArrayList<>(MAX_EVENTS);
        long deadline = 0;
        try {
            while (true) {
                if (batch.isEmpty()) {
                    Long first = queue.poll(LINGER_NANOS, TimeUnit.NANOSECONDS);
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        continue;
                    }
                    batch.add(first);
                    deadline = System.nanoTime() + LINGER_NANOS;
                }
                queue.drainTo(batch, MAX_EVENTS - batch.size());
                if (batch.size() < MAX_EVENTS && !stopping) {
                    long remaining = deadline - System.nanoTime();
                    Long next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : null;
                    if (next != null) {
                        batch.add(next);
                        continue;
                    }
                }
                deliver(batch);
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    @SuppressWarnings("NonAtomicOperationOnVolatileField")
    private void deliver(List<Long> batch) {
        consumed += batch.size();
        batch.clear();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        stopping = true;
        consumer.join(DRAIN_TIMEOUT.toMillis());
        if (consumer.isAlive() || failure != null || !queue.isEmpty()) {
            throw new IllegalStateException(
                    "naive: consumer did not drain (alive=" + consumer.isAlive() + ", left=" + queue.size() + ")",
                    failure);
        }
        verify("naive", consumed);
    }

    @State(Scope.Thread)
    public static class NaiveProducer extends Producer {
        @Setup(Level.Trial)
        public void register(NaiveContender contender) {
            contender.register(this);
        }
    }
}
