package io.pacer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.sink.BatchResult.EventFailure;
import io.pacer.testing.InMemorySink;
import io.pacer.testing.InMemorySink.Behaviour;
import io.pacer.testing.ManualTicker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The contract, plus the scripting the batcher's tests rely on. */
class InMemorySinkTest extends BatchSinkContractTest<String> {

    private static final String POISON = "poison";

    private InMemorySink<String> latest;

    @Override
    protected BatchSink<String> newSink() {
        latest = InMemorySink.<String>create().rejectIf(POISON::equals);
        return latest;
    }

    @Override
    protected String event(int i) {
        return "event-" + i;
    }

    @Override
    protected String poison() {
        return POISON;
    }

    @Override
    protected List<String> readBack(int expected, Duration timeout) throws InterruptedException {
        latest.awaitDelivered(expected, timeout);
        return latest.delivered();
    }

    private InMemorySink<String> sink() throws Exception {
        open();
        return latest;
    }

    @Test
    void aScriptedWholeBatchFailureDeliversNothing() throws Exception {
        InMemorySink<String> sink = sink();
        sink.failNext(2, () -> new IOException("down"));

        assertThat(failureOf(sink.deliver(events(0, 3)))).isInstanceOf(IOException.class);
        assertThat(failureOf(sink.deliver(events(0, 3)))).isInstanceOf(IOException.class);
        assertThat(await(sink.deliver(events(0, 3))).allDelivered()).isTrue();

        assertThat(sink.batches()).isEqualTo(3);
        assertThat(sink.batchesDelivered()).containsExactly(events(0, 3));
        assertThat(sink.isRetriable(new IOException("down"))).isTrue();
    }

    @Test
    void aScriptedPartialFailureReportsTheIndexesAndDeliversTheRest() throws Exception {
        InMemorySink<String> sink = sink();
        IllegalArgumentException bad = new IllegalArgumentException("bad");
        sink.failEventsAt(bad, 0, 2, 9);

        BatchResult result = await(sink.deliver(events(0, 4)));

        assertThat(result.failures()).containsExactly(new EventFailure(0, bad), new EventFailure(2, bad));
        assertThat(sink.delivered()).containsExactly("event-1", "event-3");
        assertThat(sink.isRetriable(bad)).isFalse();
    }

    @Test
    void scriptedBehavioursApplyInOrderThenTheDefault() throws Exception {
        InMemorySink<String> sink = sink();
        sink.script(Behaviour.fail(new IOException("1")), Behaviour.ack())
                .otherwise(Behaviour.fail(new IOException("default")));

        assertThat(failureOf(sink.deliver(events(0, 1)))).hasMessage("1");
        assertThat(await(sink.deliver(events(1, 1))).allDelivered()).isTrue();
        assertThat(failureOf(sink.deliver(events(2, 1)))).hasMessage("default");
        assertThat(failureOf(sink.deliver(events(3, 1)))).hasMessage("default");
    }

    @Test
    void aStalledBatchCompletesWhenItsGateDoes() throws Exception {
        InMemorySink<String> sink = sink();
        CompletableFuture<Void> ok = new CompletableFuture<>();
        CompletableFuture<Void> broken = new CompletableFuture<>();
        sink.script(Behaviour.stall(ok), Behaviour.stall(broken));

        CompletableFuture<BatchResult> first = sink.deliver(events(0, 2)).toCompletableFuture();
        CompletableFuture<BatchResult> second = sink.deliver(events(2, 2)).toCompletableFuture();
        assertThat(first).isNotDone();
        assertThat(sink.delivered()).isEmpty();

        ok.complete(null);
        broken.completeExceptionally(new IOException("timeout"));

        assertThat(await(first).allDelivered()).isTrue();
        assertThat(failureOf(second)).isInstanceOf(IOException.class);
        assertThat(sink.delivered()).containsExactly("event-0", "event-1");
    }

    @Test
    void hungBatchesWaitForReleaseOrFailOnClose() throws Exception {
        InMemorySink<String> sink = sink();
        sink.script(Behaviour.hang(), Behaviour.hang());

        CompletableFuture<BatchResult> released = sink.deliver(events(0, 1)).toCompletableFuture();
        sink.release();
        assertThat(await(released).allDelivered()).isTrue();

        CompletableFuture<BatchResult> abandoned = sink.deliver(events(1, 1)).toCompletableFuture();
        assertThat(sink.awaitDelivered(2, Duration.ofMillis(50)))
                .as("still hanging")
                .isFalse();
        sink.close();
        assertThat(failureOf(abandoned)).isInstanceOf(IllegalStateException.class);
        assertThat(sink.delivered()).containsExactly("event-0");
    }

    @Test
    void aDelayedBatchIsAcknowledgedLater() throws Exception {
        InMemorySink<String> sink = sink();
        sink.otherwise(Behaviour.delay(Duration.ofMillis(100), Behaviour.ack()));
        long start = System.nanoTime();

        CompletableFuture<BatchResult> stage = sink.deliver(events(0, 5)).toCompletableFuture();

        assertThat(sink.awaitDelivered(5, TIMEOUT)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(await(stage).allDelivered()).isTrue();
    }

    @Test
    void onAManualTickerADelayEndsWhenTimeIsAdvancedPastItAndNotBefore() throws Exception {
        ManualTicker time = new ManualTicker();
        InMemorySink<String> sink = InMemorySink.create(time);
        sink.script(
                Behaviour.delay(Duration.ofMillis(100), Behaviour.ack()),
                Behaviour.delay(Duration.ofMillis(50), Behaviour.fail(new IOException("late failure"))));

        CompletableFuture<BatchResult> slow = sink.deliver(events(0, 2)).toCompletableFuture();
        CompletableFuture<BatchResult> failing = sink.deliver(events(2, 1)).toCompletableFuture();
        time.advance(Duration.ofMillis(49));
        assertThat(slow).isNotDone();
        assertThat(failing).isNotDone();

        time.advance(Duration.ofMillis(1)); // the advancing thread completes what came due
        assertThat(failing).isCompletedExceptionally();
        assertThat(slow).isNotDone();

        time.advance(Duration.ofMillis(50));
        assertThat(slow).isCompleted();
        assertThat(sink.delivered()).containsExactly("event-0", "event-1");
        sink.close();
    }

    @Test
    void closeFailsDelayedBatchesAndStopsTheScheduler() throws Exception {
        InMemorySink<String> sink = sink();
        sink.otherwise(Behaviour.delay(Duration.ofMinutes(10), Behaviour.ack()));
        CompletableFuture<BatchResult> stage = sink.deliver(events(0, 1)).toCompletableFuture();

        List<Thread> schedulers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pacer-in-memory-sink"))
                .toList();
        assertThat(schedulers).isNotEmpty();

        sink.close();

        assertThat(failureOf(stage)).isInstanceOf(IllegalStateException.class);
        for (Thread scheduler : schedulers) {
            scheduler.join(5_000); // the executor has terminated; its thread may take a moment to exit
            assertThat(scheduler.isAlive())
                    .as("scheduler thread alive after close")
                    .isFalse();
        }
    }

    @Test
    void awaitDeliveredGivesUpAfterTheTimeout() throws Exception {
        InMemorySink<String> sink = sink();
        await(sink.deliver(events(0, 2)));

        assertThat(sink.awaitDelivered(2, Duration.ZERO)).isTrue();
        assertThat(sink.awaitDelivered(3, Duration.ofMillis(20))).isFalse();
    }

    @Test
    void retriableIfReplacesTheRule() throws Exception {
        InMemorySink<String> sink = sink().retriableIf(failure -> failure instanceof TimeoutException);

        assertThat(sink.isRetriable(new TimeoutException())).isTrue();
        assertThat(sink.isRetriable(new IOException())).isFalse();
    }

    @Test
    void settingsAreValidatedWithTheBadValueInTheMessage() {
        assertThatThrownBy(() -> Behaviour.partial(new IOException(), 1, -2))
                .hasMessage("index must be in [0, 2147483647], but was -2");
        assertThatThrownBy(() -> Behaviour.delay(Duration.ofSeconds(-1), Behaviour.ack()))
                .hasMessageContaining("delay must be in")
                .hasMessageContaining("PT-1S");
        assertThatThrownBy(() -> InMemorySink.create().failNext(-1, IOException::new))
                .hasMessage("n must be in [0, 2147483647], but was -1");
    }
}
