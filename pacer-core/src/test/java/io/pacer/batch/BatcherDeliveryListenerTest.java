package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.InMemorySink.Behaviour;
import io.pacer.testing.ManualTicker;
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
 * The {@link DeliveryListener} hears exactly which events were delivered and which were given up, once each, when
 * their fate is final — with one batch or several in flight, from memory or replayed from the spool. Time is a
 * {@link ManualTicker}: nothing here waits for a backoff, linger or breaker in real time.
 */
@Timeout(60)
class BatcherDeliveryListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Three attempts per event, no backoff. */
    private static final BreakerPolicy THREE_ATTEMPTS =
            BreakerPolicy.ofDefaults().withRetries(3, Duration.ZERO, Duration.ZERO);
    /** A batch leaves only when full or flushed, so the tests know each batch's events. */
    private static final Duration NO_LINGER_DEADLINE = Duration.ofHours(1);

    @TempDir
    Path dir;

    private final ManualTicker ticker = new ManualTicker();
    private final UncheckedIOException busy = new UncheckedIOException(new IOException("busy"));
    private final Recorder<Object> heard = new Recorder<>();
    private final List<BatcherEvent> notices = new CopyOnWriteArrayList<>();

    record Failure(List<?> events, Throwable cause) {}

    /** What the listener heard, in order. */
    static final class Recorder<T> implements DeliveryListener<T> {
        final List<List<T>> delivered = new CopyOnWriteArrayList<>();
        final List<Failure> failed = new CopyOnWriteArrayList<>();

        @Override
        public void delivered(List<T> events) {
            delivered.add(events);
        }

        @Override
        public void failed(List<T> events, Throwable cause) {
            failed.add(new Failure(events, cause));
        }

        List<T> allDelivered() {
            return delivered.stream().flatMap(List::stream).toList();
        }
    }

    private <T> BatcherBuilder<T, T> builder(int maxEvents) {
        return Batcher.<T>builder()
                .ticker(ticker)
                .breaker(THREE_ATTEMPTS)
                .listener(notices::add)
                .deliveryListener(heard)
                .policy(new BatchPolicy(maxEvents, 1 << 20, NO_LINGER_DEADLINE, 64));
    }

    private List<Integer> failureCounts() {
        return notices.stream()
                .filter(e -> e instanceof BatcherEvent.EventsFailed)
                .map(e -> ((BatcherEvent.EventsFailed) e).count())
                .toList();
    }

    @Test
    void anEventRejectedRetriablyBeyondMaxAttemptsIsReportedFailedWithItsCause() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create(ticker)
                .script(Behaviour.partial(busy, 1), Behaviour.partial(busy, 0), Behaviour.partial(busy, 0));
        try (Batcher<Integer> batcher = this.<Integer>builder(3).build(sink)) {
            for (int i = 0; i < 3; i++) {
                batcher.offer(i); // [0, 1, 2] (1 rejected), then [1] twice more
            }
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(batcher.snapshot().failed()).isEqualTo(1);
        }
        assertThat(sink.batches()).as("one attempt per maxAttempts").isEqualTo(3);
        assertThat(heard.failed).containsExactly(new Failure(List.of(1), busy));
        assertThat(heard.delivered).containsExactly(List.of(0, 2));
        assertThat(failureCounts()).containsExactly(1);
    }

    @Test
    void anEventFirstRejectedInAnotherEventsRetryRoundStillGetsAllItsAttempts() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create(ticker)
                .script(
                        Behaviour.partial(busy, 1), // [0, 1]: 1's first rejection
                        Behaviour.partial(busy, 0, 1), // [1, 2]: 1's second, 2's first
                        Behaviour.partial(busy, 0, 1), // [1, 2]: 1's third (given up), 2's second
                        Behaviour.partial(busy, 0)); // [2]: 2's third (given up)
        try (Batcher<Integer> batcher = this.<Integer>builder(2).build(sink)) {
            for (int i = 0; i < 3; i++) {
                batcher.offer(i);
            }
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(batcher.snapshot().failed()).isEqualTo(2);
        }
        assertThat(sink.batches())
                .as("every event sent maxAttempts times, counted per event")
                .isEqualTo(4);
        assertThat(heard.failed).containsExactly(new Failure(List.of(1), busy), new Failure(List.of(2), busy));
        assertThat(heard.delivered).containsExactly(List.of(0));
        assertThat(failureCounts()).containsExactly(1, 1);
    }

    @Test
    void withSeveralBatchesInFlightExactlyTheEventsWhoseRetriesRanOutAreReported() throws Exception {
        Duration ackAfter = Duration.ofMillis(10);
        InMemorySink<Integer> sink = InMemorySink.<Integer>create(ticker)
                .script(
                        Behaviour.delay(ackAfter, Behaviour.partial(busy, 1)), // [0, 1]
                        Behaviour.delay(ackAfter, Behaviour.ack()), // [2, 3]
                        Behaviour.delay(ackAfter, Behaviour.partial(busy, 0)), // [4, 5]
                        Behaviour.partial(busy, 0, 1), // [1, 4], retried together: attempt 2
                        Behaviour.partial(busy, 0, 1)); // attempt 3: given up
        try (Batcher<Integer> batcher = this.<Integer>builder(2).maxInFlight(4).build(sink)) {
            for (int i = 0; i < 6; i++) {
                batcher.offer(i);
            }
            Await.until(WAIT, "three batches in flight", () -> sink.batches() == 3);
            ticker.advance(ackAfter);
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(batcher.snapshot().failed()).isEqualTo(2);
            assertThat(batcher.snapshot().delivered()).isEqualTo(4);
        }
        assertThat(sink.batches()).isEqualTo(5);
        assertThat(heard.failed).containsExactly(new Failure(List.of(1, 4), busy));
        assertThat(heard.delivered)
                .as("each delivered event once, batch by batch in send order")
                .containsExactly(List.of(0), List.of(2, 3), List.of(5));
        assertThat(failureCounts()).containsExactly(2);
    }

    @Test
    void eventsSpilledWhileTheBreakerWasOpenAreReportedWhenTheirReplaySettles() throws Exception {
        Duration open = Duration.ofSeconds(1);
        BreakerPolicy tripping = THREE_ATTEMPTS.withFailureThreshold(2).withOpenDuration(open);
        UncheckedIOException down = new UncheckedIOException(new IOException("down"));
        InMemorySink<String> sink = InMemorySink.<String>create(ticker)
                .script(Behaviour.fail(down), Behaviour.fail(down)); // two failed calls open the breaker
        try (Batcher<String> batcher = this.<String>builder(4)
                .breaker(tripping)
                .overflow(Overflow.spill(dir, 1L << 20), SpoolCodec.utf8())
                .build(sink)) {
            for (String e : List.of("a", "b", "c", "d")) {
                batcher.offer(e);
            }
            assertThat(batcher.flush(WAIT)).as("spilled to disk").isTrue();
            assertThat(batcher.snapshot().spoolDepth()).isEqualTo(4);
            assertThat(heard.delivered).isEmpty();
            assertThat(heard.failed)
                    .as("a whole-batch failure is retried, never given up")
                    .isEmpty();

            sink.script(Behaviour.partial(busy, 1), Behaviour.partial(busy, 1), Behaviour.partial(busy, 1));
            ticker.advance(open.plusMillis(10)); // past the open state: the spooled batch is replayed
            Await.until(
                    WAIT, "the spooled batch settled", () -> batcher.snapshot().spoolDepth() == 0);
            assertThat(batcher.snapshot().failed()).isEqualTo(1);
        }
        assertThat(sink.batches())
                .as("2 failed calls, then 3 attempts of the replay")
                .isEqualTo(5);
        assertThat(heard.failed).containsExactly(new Failure(List.of("b"), busy));
        assertThat(heard.delivered)
                .as("reported once, when the replay is committed, though the sink took them three times")
                .containsExactly(List.of("a", "c", "d"));
        assertThat(failureCounts()).containsExactly(1);
    }

    @Test
    void aSpoolLeftByAnEarlierProcessIsReportedTheSameWay() throws Exception {
        try (Spool<String> spool = Spools.open(dir, 1L << 20, SpoolCodec.utf8())) {
            spool.append(List.of("a", "b", "c", "d"));
            spool.append(List.of("e", "f"));
        }
        InMemorySink<String> sink = InMemorySink.<String>create(ticker).rejectIf("c"::equals);
        try (Batcher<String> batcher = this.<String>builder(4)
                .overflow(Overflow.spill(dir, 1L << 20), SpoolCodec.utf8())
                .build(sink)) {
            Await.until(WAIT, "the spool replayed", () -> batcher.snapshot().spoolDepth() == 0);
        }
        assertThat(heard.failed).singleElement().satisfies(f -> {
            assertThat(f.events()).isEqualTo(List.of("c"));
            assertThat(f.cause()).isInstanceOf(IllegalArgumentException.class);
        });
        assertThat(heard.delivered).containsExactly(List.of("a", "b", "d"), List.of("e", "f"));
    }

    @Test
    void failedEventsOfDifferentCausesAreReportedInRunsOfOneCause() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create(ticker).rejectIf(e -> e == 1 || e == 3);
        try (Batcher<Integer> batcher = this.<Integer>builder(4).build(sink)) {
            for (int i = 0; i < 4; i++) {
                batcher.offer(i);
            }
            assertThat(batcher.flush(WAIT)).isTrue();
        }
        assertThat(heard.failed)
                .as("the in-memory sink makes one exception per rejected event")
                .extracting(Failure::events)
                .containsExactly(List.of(1), List.of(3));
        assertThat(heard.delivered).containsExactly(List.of(0, 2));
        assertThat(sink.batches()).as("a permanent rejection is not retried").isEqualTo(1);
    }

    @Test
    void theListsAreImmutableAndAThrowingListenerDoesNotStopDelivery() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.create(ticker);
        List<List<Integer>> seen = new CopyOnWriteArrayList<>();
        DeliveryListener<Integer> throwing = new DeliveryListener<>() {
            @Override
            public void delivered(List<Integer> events) {
                seen.add(events);
                events.set(0, -1); // must throw: the list is the batcher's
            }
        };
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .ticker(ticker)
                .deliveryListener(throwing)
                .policy(new BatchPolicy(2, 1 << 20, NO_LINGER_DEADLINE, 64))
                .build(sink)) {
            for (int i = 0; i < 4; i++) {
                batcher.offer(i);
            }
            assertThat(batcher.flush(WAIT)).isTrue();
        }
        assertThat(seen).containsExactly(List.of(0, 1), List.of(2, 3));
        assertThat(sink.delivered()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aStageAfterTheDeliveryListenerIsRefused() {
        BatcherBuilder<String, String> b = Batcher.<String>builder().deliveryListener(heard);
        assertThatThrownBy(() -> b.map(String::length))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call map/then before deliveryListener");
    }
}
