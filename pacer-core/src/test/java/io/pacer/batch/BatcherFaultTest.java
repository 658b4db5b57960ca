package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.breaker.BreakerPolicy;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.InMemorySink.Behaviour;
import io.pacer.testing.ManualTicker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BatcherFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final BreakerPolicy FAST_RETRY = BreakerPolicy.ofDefaults()
            .withFailureThreshold(3)
            .withRetries(3, Duration.ZERO, Duration.ZERO)
            .withOpenDuration(Duration.ofMillis(50));

    @Test
    void breakerCyclesClosedOpenHalfOpenClosedAndNothingIsLost() throws Exception {
        ManualTicker time = new ManualTicker();
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .failNext(3, () -> new UncheckedIOException(new IOException("sink down")));
        List<BatcherEvent> events = new CopyOnWriteArrayList<>();
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .ticker(time)
                .listener(events::add)
                .breaker(FAST_RETRY.withOpenDuration(Duration.ofSeconds(30)))
                .policy(BatchPolicy.ofDefaults().withLinger(Duration.ZERO))
                .build(sink)) {
            batcher.offer(1);
            Await.until(
                    WAIT,
                    "\"OPEN\".equals(batcher.snapshot().breakerState())",
                    () -> "OPEN".equals(batcher.snapshot().breakerState()));
            assertThat(sink.batches()).isEqualTo(3);
            batcher.offer(2);
            time.advance(Duration.ofSeconds(29));
            // still open: the flusher asks the breaker every 10 ms and is refused (RetryStateMachineTest,
            // FlushDecisionTest); nothing has gone through
            assertThat(batcher.snapshot().breakerState()).isEqualTo("OPEN");
            assertThat(sink.delivered()).isEmpty();
            assertThat(sink.batches()).isEqualTo(3);
            time.advance(Duration.ofSeconds(1).plusMillis(1)); // Resilience4j waits strictly longer than openDuration
            assertThat(sink.awaitDelivered(2, WAIT)).isTrue();
            assertThat(sink.delivered()).containsExactly(1, 2);
            assertThat(batcher.flush(WAIT)).isTrue(); // the flusher has now seen the acknowledgement too
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.breakerState()).isEqualTo("CLOSED");
            assertThat(snap.breakerTrips()).isEqualTo(1);
        }
        assertThat(events)
                .filteredOn(e -> e instanceof BatcherEvent.BreakerTransition)
                .extracting(e -> ((BatcherEvent.BreakerTransition) e).to())
                .containsExactly("OPEN", "HALF_OPEN", "CLOSED");
    }

    @Test
    void hangingSinkTimesOutTripsTheBreakerAndRecovers() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create().otherwise(Behaviour.hang());
        BreakerPolicy policy =
                FAST_RETRY.withDeliveryTimeout(Duration.ofMillis(50)).withOpenDuration(Duration.ofMillis(200));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .breaker(policy)
                .policy(BatchPolicy.ofDefaults().withLinger(Duration.ZERO))
                .build(sink)) {
            batcher.offer(7);
            Await.until(
                    WAIT,
                    "batcher.snapshot().breakerTrips() >= 1",
                    () -> batcher.snapshot().breakerTrips() >= 1);
            sink.otherwise(Behaviour.ack());
            assertThat(sink.awaitDelivered(1, WAIT)).isTrue();
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(batcher.snapshot().delivered()).isEqualTo(1);
        }
    }

    @Test
    void dropNewestRefusesAndCountsExactlyWhileTheSinkIsDown() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .otherwise(Behaviour.fail(new UncheckedIOException(new IOException("down"))));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .breaker(FAST_RETRY)
                .policy(new BatchPolicy(4, 1 << 20, Duration.ZERO, 8))
                .overflow(Overflow.dropNewest())
                .build(sink)) {
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 1000; i++) {
                if (batcher.offer(i)) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(refused).isPositive();
            assertThat(snap.dropped()).isEqualTo(refused);
            assertThat(snap.accepted()).isEqualTo(accepted);
            // accepted events are held, not lost: they arrive once the sink is back
            sink.otherwise(Behaviour.ack());
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(sink.delivered()).hasSize(accepted);
            assertThat(batcher.snapshot().dropRate()).isEqualTo(refused / 1000.0);
        }
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsWhatItDiscarded() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .otherwise(Behaviour.fail(new UncheckedIOException(new IOException("down"))));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .breaker(FAST_RETRY)
                .policy(new BatchPolicy(4, 1 << 20, Duration.ZERO, 16))
                .overflow(Overflow.dropOldest())
                .build(sink)) {
            Await.until(WAIT, "the breaker to trip while events keep coming", () -> {
                batcher.offer(-1);
                return batcher.snapshot().breakerTrips() >= 1;
            });
            for (int i = 0; i < 10_000; i++) {
                assertThat(batcher.offer(i)).isTrue();
            }
            sink.otherwise(Behaviour.ack());
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.delivered() + snap.dropped()).isEqualTo(snap.accepted());
            assertThat(snap.dropped()).isPositive();
            List<Integer> delivered = sink.delivered();
            assertThat(delivered).endsWith(9_999);
            assertThat(delivered).isSorted();
        }
    }

    @Test
    void dropOldestKeepsAcceptingWhileTheSinkIsSlow() throws Exception {
        java.util.concurrent.CompletableFuture<Void> gate = new java.util.concurrent.CompletableFuture<>();
        InMemorySink<Integer> sink = InMemorySink.<Integer>create().script(Behaviour.stall(gate));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .policy(new BatchPolicy(4, 1 << 20, Duration.ZERO, 16))
                .overflow(Overflow.dropOldest())
                .build(sink)) {
            batcher.offer(-1);
            Await.until(WAIT, "sink.batches() == 1", () -> sink.batches() == 1); // the first delivery is now stalled
            for (int i = 0; i < 10_000; i++) {
                assertThat(batcher.offer(i)).as("offer %d is never refused", i).isTrue();
            }
            gate.complete(null);
            assertThat(batcher.flush(WAIT)).isTrue();
            BatcherSnapshot snap = batcher.snapshot();
            assertThat(snap.rejected()).isZero();
            assertThat(snap.delivered() + snap.dropped()).isEqualTo(10_001);
            assertThat(sink.delivered()).endsWith(9_999);
        }
    }

    @Test
    void blockWaitsForRoomThenRejectsAndCounts() throws Exception {
        InMemorySink<Integer> sink = InMemorySink.<Integer>create()
                .otherwise(Behaviour.fail(new UncheckedIOException(new IOException("down"))));
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .breaker(FAST_RETRY)
                .policy(new BatchPolicy(2, 1 << 20, Duration.ZERO, 2))
                .overflow(Overflow.block(Duration.ofMillis(20)))
                .build(sink)) {
            int accepted = 0;
            while (batcher.offer(accepted)) {
                accepted++;
                assertThat(accepted).isLessThan(100);
            }
            assertThat(batcher.snapshot().rejected()).isEqualTo(1);
            sink.otherwise(Behaviour.ack());
            assertThat(batcher.flush(WAIT)).isTrue();
            assertThat(sink.delivered()).hasSize(accepted);
        }
    }

    @Test
    void tunablesValidateApplyAndAnnounceChanges() throws Exception {
        List<BatcherEvent> events = new CopyOnWriteArrayList<>();
        InMemorySink<Integer> sink = InMemorySink.create();
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .listener(events::add)
                .policy(BatchPolicy.ofDefaults().withLinger(Duration.ofHours(1)))
                .build(sink)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> batcher.tunables().set("batch.maxEvents", 0, "test"))
                    .hasMessage("batch.maxEvents must be in [1, 65536], but was 0");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> batcher.tunables().set("batch.linger", "soon", "test"))
                    .hasMessageContaining("batch.linger must be a Duration such as 100ms");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> batcher.tunables().set("nope", 1, "test"))
                    .hasMessageContaining("unknown tunable 'nope'");
            batcher.tunables().set("batch.maxEvents", "3", "test");
            for (int i = 0; i < 3; i++) {
                batcher.offer(i);
            }
            assertThat(sink.awaitDelivered(3, WAIT)).isTrue();
            assertThat(batcher.snapshot().maxEvents()).isEqualTo(3);
            batcher.tunables().set("breaker.failureThreshold", 9, "test");
        }
        assertThat(events)
                .filteredOn(e -> e instanceof BatcherEvent.TunableChanged)
                .extracting(e -> ((BatcherEvent.TunableChanged) e).tunable())
                .containsExactly("batch.maxEvents", "breaker.failureThreshold");
    }
}
