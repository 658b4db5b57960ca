package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Test helper: producer threads offering {@code {producerId, sequence}} events, and the order check for them. */
final class Producers {
    private Producers() {}

    /** Runs {@code producers} threads each offering {@code perProducer} events; fails if one is refused or late. */
    static void offerConcurrently(Batcher<long[]> batcher, int producers, int perProducer, Duration timeout)
            throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int p = 0; p < producers; p++) {
            long id = p;
            Thread t = new Thread(() -> {
                for (long seq = 0; seq < perProducer; seq++) {
                    if (!batcher.offer(new long[] {id, seq})) {
                        failures.add(new AssertionError("offer refused: producer " + id + " seq " + seq));
                        return;
                    }
                }
            });
            t.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(timeout.toMillis());
            assertThat(t.isAlive()).as("producer finished within %s", timeout).isFalse();
        }
        assertThat(failures).isEmpty();
    }

    /** Every producer's events arrived exactly once each and in its order. */
    static void assertEachProducerInOrder(List<long[]> delivered, int producers, int perProducer) {
        long[] next = new long[producers];
        for (long[] event : delivered) {
            assertThat(event[1]).as("producer %d order", event[0]).isEqualTo(next[(int) event[0]]);
            next[(int) event[0]]++;
        }
        assertThat(next).containsOnly(perProducer);
    }
}
