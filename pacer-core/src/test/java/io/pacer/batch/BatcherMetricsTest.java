package io.pacer.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pacer.metrics.BatcherMeters;
import io.pacer.metrics.BatcherSnapshot;
import io.pacer.testing.Await;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.InMemorySink.Behaviour;
import io.pacer.testing.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BatcherMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void latencyIsMeasuredFromOfferToAcknowledgementOnTheTicker() throws Exception {
        ManualTicker time = new ManualTicker();
        InMemorySink<Integer> sink = InMemorySink.create();
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .ticker(time)
                .policy(BatchPolicy.ofDefaults().withMaxEvents(4))
                .build(sink)) {
            batcher.offer(1);
            time.advance(Duration.ofMillis(30));
            batcher.offer(2);
            time.advance(Duration.ofMillis(70)); // linger of the first event reached: 100 ms and 70 ms waits
            assertThat(sink.awaitDelivered(2, WAIT)).isTrue();
            for (int i = 0; i < 4; i++) {
                batcher.offer(i);
            }
            assertThat(batcher.flush(WAIT)).isTrue(); // returns once the flusher has accounted for every event
            BatcherSnapshot s = batcher.snapshot();
            assertThat(s.latencyMicros().count()).isEqualTo(6);
            assertThat(s.latencyMicros().max()).isBetween(99_900L, 100_100L);
            assertThat(s.delivered()).isEqualTo(6);
            assertThat(s.accepted()).isEqualTo(6);
            assertThat(s.meanBatchSize()).isEqualTo(3.0);
            assertThat(s.batchSize().max()).isEqualTo(4);
            assertThat(s.batchSize().count()).isEqualTo(2);
            assertThat(s.batchingEfficiency()).isCloseTo(0.75, within(1e-9));
            assertThat(s.breakerState()).isEqualTo("CLOSED");
        }
    }

    @Test
    void micrometerMetersReadTheSnapshot() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        InMemorySink<String> sink = InMemorySink.create();
        try (Batcher<String> batcher = Batcher.<String>builder().name("orders").build(sink)) {
            new BatcherMeters("orders", batcher::snapshot).bindTo(registry);
            for (int i = 0; i < 120; i++) {
                batcher.offer("e" + i);
            }
            assertThat(batcher.flush(WAIT)).isTrue();
            Await.until(
                    WAIT,
                    "the delivered counter at 120",
                    () -> registry.get("pacer.batcher.events")
                                    .tag("outcome", "delivered")
                                    .functionCounter()
                                    .count()
                            == 120);
            assertThat(registry.get("pacer.batcher.events")
                            .tag("outcome", "accepted")
                            .functionCounter()
                            .count())
                    .isEqualTo(120);
            assertThat(registry.get("pacer.batcher.latency")
                            .tag("quantile", "0.99")
                            .tag("batcher", "orders")
                            .gauge()
                            .value())
                    .isPositive();
            assertThat(registry.get("pacer.batcher.breaker.state").gauge().value())
                    .isZero();
            assertThat(registry.get("pacer.batcher.max.events").gauge().value()).isEqualTo(50);
        }
    }

    @Test
    void adaptiveModeShrinksBatchesWhenLatencyExceedsItsTargetAndSaysSo() throws Exception {
        List<BatcherEvent> events = new CopyOnWriteArrayList<>();
        InMemorySink<Integer> sink =
                InMemorySink.<Integer>create().otherwise(Behaviour.delay(Duration.ofMillis(30), Behaviour.ack()));
        AdaptivePolicy policy = new AdaptivePolicy(
                Duration.ofMillis(10), 1, 400, Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(100), 0.2);
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .listener(events::add)
                .adaptive(policy)
                .policy(BatchPolicy.ofDefaults().withMaxEvents(400).withLinger(Duration.ofMillis(20)))
                .build(sink)) {
            Await.until(WAIT, "adaptive mode to shrink the batch size below 400", () -> {
                batcher.offer(1);
                return batcher.snapshot().maxEvents() < 400;
            });
            assertThat(batcher.tunables().get("batch.maxEvents"))
                    .isEqualTo(batcher.snapshot().maxEvents());
        }
        assertThat(events)
                .filteredOn(e -> e instanceof BatcherEvent.AdaptiveDecision)
                .extracting(e -> ((BatcherEvent.AdaptiveDecision) e).reason())
                .contains("shrink: p99 over target");
        assertThat(events)
                .filteredOn(e -> e instanceof BatcherEvent.TunableChanged)
                .extracting(e -> ((BatcherEvent.TunableChanged) e).source())
                .contains("adaptive");
    }

    /**
     * Against a sink that cannot keep up with the batch size in force, batches leave full and latency is high
     * because events queue: adaptive mode must grow the batch (each round trip then delivers more), not shrink it
     * into a spiral.
     */
    @Test
    void adaptiveModeGrowsBatchesWhileEventsQueueBehindASlowSink() throws Exception {
        List<BatcherEvent> events = new CopyOnWriteArrayList<>();
        InMemorySink<Integer> sink =
                InMemorySink.<Integer>create().otherwise(Behaviour.delay(Duration.ofMillis(5), Behaviour.ack()));
        AdaptivePolicy policy = new AdaptivePolicy(
                Duration.ofMillis(10), 1, 2_000, Duration.ZERO, Duration.ofMillis(10), Duration.ofMillis(100), 0.2);
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .listener(events::add)
                .adaptive(policy)
                .policy(BatchPolicy.ofDefaults().withMaxEvents(50).withLinger(Duration.ofMillis(10)))
                .build(sink)) {
            Await.until(WAIT, "adaptive mode to grow the batch size past 200", () -> {
                for (int i = 0; i < 2_000; i++) {
                    batcher.offer(i);
                }
                return batcher.snapshot().maxEvents() > 200;
            });
        }
        assertThat(events)
                .filteredOn(e -> e instanceof BatcherEvent.AdaptiveDecision)
                .extracting(e -> ((BatcherEvent.AdaptiveDecision) e).reason())
                .as("from 50 past 200 takes at least three doublings (the first window may still shrink,"
                        + " before the queue has built up)")
                .filteredOn("grow: p99 over target with full batches, the sink is the bottleneck"::equals)
                .hasSizeGreaterThanOrEqualTo(3);
    }

    /**
     * An operator (or an optimisation action) that pins batch settings by hand first switches adaptive mode off:
     * then windows pass without decisions, and the hand-set value stays.
     */
    @Test
    void adaptiveModeCanBeSwitchedOffAtRuntimeAndThenLeavesHandSetValuesAlone() throws Exception {
        ManualTicker time = new ManualTicker();
        List<BatcherEvent> events = new CopyOnWriteArrayList<>();
        AdaptivePolicy policy = new AdaptivePolicy(
                Duration.ofMillis(50), 1, 400, Duration.ZERO, Duration.ofMillis(20), Duration.ofMillis(100), 0.2);
        try (Batcher<Integer> batcher = Batcher.<Integer>builder()
                .ticker(time)
                .listener(events::add)
                .adaptive(policy)
                .policy(BatchPolicy.ofDefaults().withLinger(Duration.ofMillis(10)))
                .build(InMemorySink.create(time))) {
            assertThat(batcher.tunables().get("adaptive.enabled")).isEqualTo(true);
            passWindow(batcher, time);
            passWindow(batcher, time);
            assertThat(events).anyMatch(e -> e instanceof BatcherEvent.AdaptiveDecision);

            batcher.tunables().set("adaptive.enabled", "false", "ops");
            batcher.tunables().set("batch.maxEvents", 7, "ops");
            events.clear();
            for (int window = 0; window < 3; window++) {
                passWindow(batcher, time); // the flusher looks after each window's end: it would decide if it could
            }

            assertThat(events).noneMatch(e -> e instanceof BatcherEvent.AdaptiveDecision);
            assertThat(batcher.snapshot().maxEvents()).isEqualTo(7);
            batcher.tunables().set("adaptive.enabled", true, "ops");
            passWindow(batcher, time);
            passWindow(batcher, time);
            assertThat(events).anyMatch(e -> e instanceof BatcherEvent.AdaptiveDecision);
        }
    }

    /** Moves time past one adaptive window and makes the flusher take a pass (a delivery) after it. */
    private static void passWindow(Batcher<Integer> batcher, ManualTicker time) throws InterruptedException {
        time.advance(Duration.ofMillis(101));
        batcher.offer(1);
        assertThat(batcher.flush(WAIT)).isTrue();
    }
}
