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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the batcher does with a batch the sink answered in part — the same settlement for batches from memory and
 * batches replayed from the spool: delivered events count, rejected ones are retried or failed by index.
 */
@Timeout(60)
class BatcherSettlementTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final BreakerPolicy RETRY_AT_ONCE =
            BreakerPolicy.ofDefaults().withRetries(3, Duration.ZERO, Duration.ZERO);
    /** A batch leaves only when full or flushed, so the tests know each batch's events. */
    private static final Duration NO_LINGER_DEADLINE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final List<BatcherEvent> events = new CopyOnWriteArrayList<>();

    private List<BatcherEvent.EventsFailed> failures() {
        return events.stream()
                .filter(e -> e instanceof BatcherEvent.EventsFailed)
                .map(e -> (BatcherEvent.EventsFailed) e)
                .toList();
    }

    @Test
    void aRejectedEventFromMemoryIsCountedAndAnnouncedAndTheRestDelivered() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create().rejectIf(e -> e == 3);
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .listener(events::add)
                .policy(new BatchPolicy(5, 1 << 20, NO_LINGER_DEADLINE, 64))
                .build(sink)) {
            for (int i = 0; i < 5; i++) {
                batcher.offer(i);
            }
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.delivered()).isEqualTo(4);
            assertThat(snap.failed()).isEqualTo(1);
            assertThat(snap.latencyMicros().count())
                    .as("latency of delivered events only")
                    .isEqualTo(4);
        }
        assertThat(sink.delivered()).containsExactly(0, 1, 2, 4);
        assertThat(failures()).singleElement().satisfies(f -> {
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void anEventRejectedRetriablyIsRetriedAheadOfTheEventsBehindIt() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .script(Behaviour.partial(new UncheckedIOException(new IOException("busy")), 1));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .breaker(RETRY_AT_ONCE)
                .policy(new BatchPolicy(3, 1 << 20, NO_LINGER_DEADLINE, 64))
                .build(sink)) {
            for (int i = 0; i < 6; i++) {
                batcher.offer(i); // [0, 1, 2] (1 rejected), then [1, 3, 4], then the flushed [5]
            }
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.delivered()).isEqualTo(6);
            assertThat(snap.failed()).isZero();
        }
        assertThat(sink.batchesDelivered()).containsExactly(List.of(0, 2), List.of(1, 3, 4), List.of(5));
    }

    /** A spool as an earlier process left it: these batches, in order, no offer times known. */
    private void spooled(List<List<String>> batches) throws IOException {
        try (Spool<String> spool = Spools.open(dir, 1L << 20, SpoolCodec.utf8())) {
            for (List<String> batch : batches) {
                spool.append(batch);
            }
        }
    }

    private Batcher<String> replaying(InMemorySink<String> sink) {
        return Batcher.<String>builder()
                .listener(events::add)
                .breaker(RETRY_AT_ONCE)
                .policy(new BatchPolicy(4, 1 << 20, NO_LINGER_DEADLINE, 64))
                .overflow(Overflow.spill(dir, 1L << 20), SpoolCodec.utf8())
                .build(sink);
    }

    @Test
    void aRejectedEventOfASpooledBatchIsCountedOnceAndTheBatchCommitted() throws Exception {
        spooled(List.of(List.of("a", "b", "c", "d"), List.of("e", "f")));
        InMemorySink<String> sink = InMemorySink.<String>create().rejectIf("c"::equals);
        try (Batcher<String> batcher = replaying(sink)) {
            Await.until(WAIT, "the spool replayed", () -> batcher.snapshot().spoolDepth() == 0);
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.delivered()).isEqualTo(5);
            assertThat(snap.failed()).isEqualTo(1);
        }
        assertThat(sink.batchesDelivered()).containsExactly(List.of("a", "b", "d"), List.of("e", "f"));
        assertThat(failures())
                .singleElement()
                .satisfies(f -> assertThat(f.count()).isEqualTo(1));
    }

    @Test
    void aSpooledBatchWithARetriableRejectionIsSentAgainWhole() throws Exception {
        spooled(List.of(List.of("a", "b", "c", "d"), List.of("e", "f")));
        InMemorySink<String> sink = InMemorySink.<String>create()
                .script(Behaviour.partial(new UncheckedIOException(new IOException("busy")), 1));
        try (Batcher<String> batcher = replaying(sink)) {
            Await.until(WAIT, "the spool replayed", () -> batcher.snapshot().spoolDepth() == 0);
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.delivered()).as("counted once, when committed").isEqualTo(6);
            assertThat(snap.failed()).isZero();
        }
        assertThat(sink.batchesDelivered())
                .as("the spool commits or retries a batch as a whole: its delivered part goes again")
                .containsExactly(List.of("a", "c", "d"), List.of("a", "b", "c", "d"), List.of("e", "f"));
        assertThat(failures()).isEmpty();
    }
}
