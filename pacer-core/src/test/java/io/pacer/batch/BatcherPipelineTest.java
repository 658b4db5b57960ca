package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.InMemorySink.Behaviour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link BatcherBuilder#maxInFlight}: several batches delivered at once, settled in send order. */
@Timeout(60)
class BatcherPipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Long enough that a batch only leaves when full (or flushed), so the tests know each batch's events. */
    private static final Duration NO_LINGER_DEADLINE = Duration.ofMinutes(10);

    private static final BreakerPolicy RETRY_AT_ONCE =
            BreakerPolicy.ofDefaults().withRetries(3, Duration.ZERO, Duration.ZERO);

    @Test
    void atMostMaxInFlightDeliveriesAreOutstandingAndTheySettleInSendOrder() throws Exception {
        List<CompletableFuture<Void>> gates = new ArrayList<>();
        InMemorySink<Integer> sink = InMemorySink.create();
        for (int i = 0; i < 6; i++) {
            gates.add(new CompletableFuture<>());
            sink.script(Behaviour.stall(gates.get(i)));
        }
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .maxInFlight(4)
                .policy(new BatchPolicy(1, 1 << 20, Duration.ZERO, 64))
                .build(sink)) {
            for (int i = 0; i < 6; i++) {
                batcher.offer(i);
            }
            Await.until(WAIT, "sink.batches() == 4", () -> sink.batches() == 4);
            assertThat(sink.delivered()).isEmpty();
            // the window decision (FlushDecisionTest) holds the fifth batch while four are outstanding
            assertThat(sink.batches())
                    .as("no fifth delivery while four are outstanding")
                    .isEqualTo(4);

            // the three behind the head complete first: none is acknowledged before the head
            gates.get(3).complete(null);
            gates.get(1).complete(null);
            gates.get(2).complete(null);
            assertThat(sink.awaitDelivered(3, WAIT)).isTrue();
            // settled in send order: batches answered behind the head wait for it (InFlightBatchesTest)
            assertThat(batcher.flush(Duration.ZERO)).isFalse();
            BatcherSnapshot waiting = batcher.snapshot();
            assertThat(waiting.delivered()).isZero();
            assertThat(waiting.latencyMicros().count()).isZero();
            assertThat(sink.batches())
                    .as("the window stays full until the head settles")
                    .isEqualTo(4);

            gates.get(0).complete(null);
            Await.until(
                    WAIT,
                    "batcher.snapshot().delivered() == 4",
                    () -> batcher.snapshot().delivered() == 4);
            assertThat(batcher.snapshot().latencyMicros().count()).isEqualTo(4);
            Await.until(
                    WAIT, "sink.batches() == 6", () -> sink.batches() == 6); // the head settled, the window moved on
            gates.get(5).complete(null);
            gates.get(4).complete(null);
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot done = batcher.snapshot();
            assertThat(done.delivered()).isEqualTo(6);
            assertThat(done.latencyMicros().count()).isEqualTo(6);
            assertThat(sink.delivered()).containsExactly(3, 1, 2, 0, 5, 4); // the sink's own order of completion
        }
    }

    @Test
    void manyProducersWithEightInFlightLoseNothingDuplicateNothingAndKeepTheirOrder() throws Exception {
        int producers = 4;
        int perProducer = 20_000;
        Random random = new Random(42);
        InMemorySink<long[]> sink = InMemorySink.create();
        for (int i = 0; i < 4_000; i++) {
            sink.script(Behaviour.delay(Duration.ofNanos(random.nextInt(500_000)), Behaviour.ack()));
        }
        // The sink completes deliveries out of order (random delays), so what lands there is in no particular
        // order; the order the batcher controls is the order it sends in.
        List<long[]> sent = new ArrayList<>();
        BatchSink<long[]> recording = new BatchSink<>() {
            @Override
            public CompletionStage<BatchResult> deliver(List<long[]> batch) {
                sent.addAll(batch); // the flusher is the only caller
                return sink.deliver(batch);
            }

            @Override
            public void close() {
                sink.close(); // stops the sink's scheduler thread, which other tests expect gone
            }
        };
        try (Batcher<long[]> batcher = Batcher.<long[]>builder()
                .maxInFlight(8)
                .policy(new BatchPolicy(50, 1 << 20, Duration.ofMillis(1), 1024))
                .build(recording)) {
            Producers.offerConcurrently(batcher, producers, perProducer, WAIT.multipliedBy(3));
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(batcher.snapshot().delivered()).isEqualTo((long) producers * perProducer);
        }
        Producers.assertEachProducerInOrder(sent, producers, perProducer);
        assertThat(sink.delivered()).hasSize(producers * perProducer);
        assertThat(sink.delivered()).doesNotHaveDuplicates();
    }

    @Test
    void aFailedHeadIsRetriedAfterTheBatchesThatSucceededMeanwhileAndBeforeTheBatchBeingFilled() throws Exception {
        CompletableFuture<Void> head = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> third = new CompletableFuture<>();
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .script(Behaviour.stall(head), Behaviour.stall(second), Behaviour.stall(third));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .maxInFlight(3)
                .breaker(RETRY_AT_ONCE)
                .policy(new BatchPolicy(2, 1 << 20, NO_LINGER_DEADLINE, 64))
                .build(sink)) {
            for (int i = 0; i < 6; i++) {
                batcher.offer(i); // batches [0, 1], [2, 3], [4, 5]
            }
            Await.until(WAIT, "sink.batches() == 3", () -> sink.batches() == 3);
            for (int i = 6; i < 9; i++) {
                batcher.offer(i); // [6, 7] waits for room in the window, 8 lingers behind it
            }
            second.complete(null);
            third.complete(null);
            assertThat(sink.awaitDelivered(4, WAIT)).isTrue();
            head.completeExceptionally(new UncheckedIOException(new IOException("broker restarting")));

            assertThat(sink.awaitDelivered(8, WAIT)).isTrue();
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(sink.delivered()).containsExactly(2, 3, 4, 5, 0, 1, 6, 7, 8);
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.accepted()).isEqualTo(9);
            assertThat(snap.delivered()).isEqualTo(snap.accepted());
            assertThat(snap.failed()).isZero();
            assertThat(sink.batches()).isEqualTo(3 + 3); // the retry, [6, 7] and the flushed [8]
        }
    }

    @Test
    void failuresOfSeveralBatchesInFlightAreAllRetriedInSendOrder() throws Exception {
        CompletableFuture<Void> head = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> third = new CompletableFuture<>();
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .script(Behaviour.stall(head), Behaviour.stall(second), Behaviour.stall(third));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .maxInFlight(3)
                .breaker(RETRY_AT_ONCE)
                .policy(new BatchPolicy(2, 1 << 20, NO_LINGER_DEADLINE, 64))
                .build(sink)) {
            for (int i = 0; i < 6; i++) {
                batcher.offer(i);
            }
            Await.until(WAIT, "sink.batches() == 3", () -> sink.batches() == 3);
            batcher.offer(6);
            UncheckedIOException down = new UncheckedIOException(new IOException("down"));
            third.completeExceptionally(down);
            second.complete(null);
            head.completeExceptionally(down);
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(sink.delivered()).containsExactly(2, 3, 0, 1, 4, 5, 6);
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.delivered()).isEqualTo(snap.accepted()).isEqualTo(7);
            assertThat(snap.failed()).isZero();
        }
    }

    @Test
    void eventsThatFailedAloneInTheHeadAreRetriedLikeAFailedBatch() throws Exception {
        CompletableFuture<Void> head = new CompletableFuture<>();
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .script(Behaviour.stall(head), Behaviour.partial(new UncheckedIOException(new IOException("busy")), 1));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .maxInFlight(2)
                .breaker(RETRY_AT_ONCE)
                .policy(new BatchPolicy(2, 1 << 20, NO_LINGER_DEADLINE, 64))
                .build(sink)) {
            for (int i = 0; i < 4; i++) {
                batcher.offer(i); // batches [0, 1] (stalled) and [2, 3] (3 rejected, retriable)
            }
            Await.until(WAIT, "sink.batches() == 2", () -> sink.batches() == 2);
            batcher.offer(4);
            head.complete(null);
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(sink.delivered()).containsExactly(2, 0, 1, 3, 4);
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.delivered()).isEqualTo(snap.accepted()).isEqualTo(5);
            assertThat(snap.failed()).isZero();
        }
    }

    @Test
    void aTimedOutHeadIsRetriedAndNothingIsLost() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create().script(Behaviour.hang());
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .maxInFlight(4)
                .breaker(RETRY_AT_ONCE.withDeliveryTimeout(Duration.ofMillis(50)))
                .policy(new BatchPolicy(2, 1 << 20, NO_LINGER_DEADLINE, 64))
                .build(sink)) {
            for (int i = 0; i < 8; i++) {
                batcher.offer(i);
            }
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(sink.delivered()).containsExactly(2, 3, 4, 5, 6, 7, 0, 1);
            assertThat(batcher.snapshot().delivered()).isEqualTo(8);
        }
    }

    @Test
    void maxInFlightIsValidatedAndTunable() throws Exception {
        assertThatThrownBy(() -> Batcher.<String>builder().maxInFlight(0))
                .hasMessage("maxInFlight must be in [1, 64], but was 0");
        assertThatThrownBy(() -> Batcher.<String>builder().maxInFlight(65))
                .hasMessage("maxInFlight must be in [1, 64], but was 65");
        InMemorySink<Integer> sink = InMemorySink.<Integer>create().otherwise(Behaviour.hang());
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .policy(new BatchPolicy(1, 1 << 20, Duration.ZERO, 64))
                .build(sink)) {
            for (int i = 0; i < 4; i++) {
                batcher.offer(i);
            }
            Await.until(WAIT, "sink.batches() == 1", () -> sink.batches() == 1);
            assertThat(sink.delivered()).isEmpty();
            assertThat(sink.batches()).as("one in flight by default").isEqualTo(1);
            batcher.tunables().set(BatcherTunables.MAX_IN_FLIGHT, 3, "test");
            Await.until(WAIT, "sink.batches() == 3", () -> sink.batches() == 3);
            sink.otherwise(Behaviour.ack());
            sink.release(); // the window is full, so nothing was sent to hang in between
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(sink.delivered()).containsExactlyInAnyOrder(0, 1, 2, 3);
            assertThat(batcher.snapshot().delivered()).isEqualTo(4);
        }
    }

    @Test
    void withoutAChoiceTheWindowIsWhatTheSinkAsksForAndAChoiceWins() {
        InMemorySink<Integer> memory = InMemorySink.create();
        BatchSink<Integer> pipelined = new BatchSink<>() {
            @Override
            public CompletionStage<BatchResult> deliver(List<Integer> batch) {
                return memory.deliver(batch);
            }

            @Override
            public int defaultMaxInFlight() {
                return 6;
            }
        };
        try (Batcher<Integer> asked = Batcher.<Integer>builder().build(pipelined);
                Batcher<Integer> chosen =
                        Batcher.<Integer>builder().maxInFlight(2).build(pipelined);
                Batcher<Integer> plain = Batcher.<Integer>builder().build(memory)) {
            assertThat(asked.tunables().get(BatcherTunables.MAX_IN_FLIGHT)).isEqualTo(6);
            assertThat(chosen.tunables().get(BatcherTunables.MAX_IN_FLIGHT)).isEqualTo(2);
            assertThat(plain.tunables().get(BatcherTunables.MAX_IN_FLIGHT))
                    .isEqualTo(BatcherBuilder.DEFAULT_MAX_IN_FLIGHT);
        }
        BatchSink<Integer> greedy = new BatchSink<>() {
            @Override
            public CompletionStage<BatchResult> deliver(List<Integer> batch) {
                return memory.deliver(batch);
            }

            @Override
            public int defaultMaxInFlight() {
                return 100;
            }

            @Override
            public String toString() {
                return "GreedySink";
            }
        };
        assertThatThrownBy(() -> Batcher.<Integer>builder().build(greedy))
                .hasMessage("defaultMaxInFlight() of the sink GreedySink must be in [1, 64], but was 100");
    }
}
