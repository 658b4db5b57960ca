package io.pacer.batch;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.InMemorySink.Behaviour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child process for {@link BatcherKillTest}: a batcher whose sink is down (so its breaker opens and everything
 * spills), offering numbered events in rounds of 100 and printing {@code ACK <lastId>} each time
 * {@link Batcher#flush} confirms the round is on disk. Runs until killed. Argument: the spool directory.
 */
final class SpillingBatcherMain {
    private SpillingBatcherMain() {}

    public static void main(String[] args) throws Exception {
        Batcher<String> batcher = Batcher.<String>builder()
                .breaker(BreakerPolicy.ofDefaults().withFailureThreshold(1).withOpenDuration(Duration.ofHours(1)))
                .policy(new BatchPolicy(50, 1 << 20, Duration.ofMillis(1), 1024))
                .overflow(Overflow.spill(Path.of(args[0]), 1L << 30), SpoolCodec.utf8())
                .build(InMemorySink.<String>create()
                        .otherwise(Behaviour.fail(new UncheckedIOException(new IOException("down")))));
        long id = 0;
        while (true) {
            for (int i = 0; i < 100; i++) {
                batcher.offer(Long.toString(++id));
            }
            if (batcher.flush(Duration.ofSeconds(30))) {
                System.out.println("ACK " + id);
                System.out.flush();
            }
        }
    }
}
