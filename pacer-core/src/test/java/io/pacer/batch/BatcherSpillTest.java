package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.InMemorySink.Behaviour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BatcherSpillTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final BreakerPolicy FAST = BreakerPolicy.ofDefaults()
            .withFailureThreshold(2)
            .withRetries(3, Duration.ZERO, Duration.ZERO)
            .withOpenDuration(Duration.ofMillis(30));

    @TempDir
    Path dir;

    private Batcher<String> spilling(InMemorySink<String> sink) {
        return Batcher.<String>builder()
                .breaker(FAST)
                .policy(new BatchPolicy(10, 1 << 20, Duration.ofMillis(1), 64))
                .overflow(Overflow.spill(dir, 64L << 20), SpoolCodec.utf8())
                .closeTimeout(Duration.ofMillis(200))
                .build(sink);
    }

    @Test
    void whileTheBreakerIsOpenEventsSpillToDiskAndAllArriveInOrderAfterRecovery() throws Exception {
        InMemorySink<String> sink = InMemorySink.<String>create()
                .otherwise(Behaviour.fail(new UncheckedIOException(new IOException("down"))));
        List<String> sent = IntStream.range(0, 20_000).mapToObj(i -> "e" + i).toList();
        try (Batcher<String> batcher = spilling(sink)) {
            for (String e : sent) {
                assertThat(batcher.offer(e)).isTrue();
            }
            assertThat(batcher.flush(WAIT))
                    .as("everything accepted is delivered or on disk")
                    .isTrue();
            BatcherSnapshot during = batcher.snapshot();
            assertThat(during.spoolDepth()).isPositive();
            assertThat(during.dropped() + during.rejected()).isZero();
            sink.otherwise(Behaviour.ack());
            Await.until(
                    WAIT,
                    "batcher.snapshot().spoolDepth() == 0",
                    () -> batcher.snapshot().spoolDepth() == 0);
            assertThat(batcher.flush(WAIT)).isTrue();
        }
        assertThat(sink.delivered()).containsExactlyElementsOf(sent);
    }

    @Test
    void eventsSpooledWhenOneBatcherClosesAreDeliveredByTheNextOnTheSameDirectory() throws Exception {
        InMemorySink<String> down = InMemorySink.<String>create()
                .otherwise(Behaviour.fail(new UncheckedIOException(new IOException("down"))));
        Batcher<String> first = spilling(down);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sent.add("x" + i);
            first.offer("x" + i);
        }
        Batcher.CloseReport report = first.shutdown();
        assertThat(report.undelivered()).isZero();
        assertThat(report.spooled()).isEqualTo(500);

        InMemorySink<String> up = InMemorySink.create();
        try (Batcher<String> second = spilling(up)) {
            assertThat(up.awaitDelivered(500, WAIT)).isTrue();
            second.offer("after");
            assertThat(second.flush(WAIT)).isTrue();
        }
        List<String> expected = new ArrayList<>(sent);
        expected.add("after");
        assertThat(up.delivered()).containsExactlyElementsOf(expected);
    }
}
