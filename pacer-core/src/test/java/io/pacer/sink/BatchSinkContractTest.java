package io.pacer.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.pacer.sink.BatchResult.EventFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link BatchSink} contract, run against every sink (one subclass per sink, as JCTools' QueueSanityTest
 * does for queues), so that the batcher can rely on the same behaviour whatever the transport. Each subclass
 * says how to make a sink on a fresh destination, what an event and a permanently rejected event look like,
 * and how to read back what the transport holds.
 */
abstract class BatchSinkContractTest<T> {

    /** Upper bound for any single wait in these tests; a healthy run needs a fraction of it. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<BatchSink<T>> opened = new ArrayList<>();

    /** A new sink writing to a destination (topic, stream, memory) no other test uses. */
    protected abstract BatchSink<T> newSink() throws Exception;

    /** Event number {@code i}; distinct for distinct {@code i}. */
    protected abstract T event(int i);

    /** An event the transport rejects for good (too large, malformed), whatever the retries. */
    protected abstract T poison();

    /**
     * What the destination of the latest {@link #newSink()} holds, in order: waits up to {@code timeout} until
     * it holds at least {@code expected} events, then returns all it holds.
     */
    protected abstract List<T> readBack(int expected, Duration timeout) throws Exception;

    /** Opens a sink that is closed after the test. */
    protected final BatchSink<T> open() throws Exception {
        BatchSink<T> sink = newSink();
        opened.add(sink);
        return sink;
    }

    @AfterEach
    final void closeSinks() throws Exception {
        for (BatchSink<T> sink : opened) {
            sink.close();
        }
        opened.clear();
    }

    protected final List<T> events(int from, int count) {
        return IntStream.range(from, from + count).mapToObj(this::event).toList();
    }

    static BatchResult await(CompletionStage<BatchResult> stage) throws Exception {
        return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The cause a stage failed with, waiting up to {@link #TIMEOUT}; fails the test if it completed normally. */
    static Throwable failureOf(CompletionStage<BatchResult> stage) throws Exception {
        try {
            BatchResult result = await(stage);
            throw new AssertionError("expected the stage to fail, but it completed with " + result);
        } catch (ExecutionException failure) {
            return failure.getCause();
        }
    }

    @Test
    void deliversABatchThatReadsBackInOrder() throws Exception {
        BatchSink<T> sink = open();
        List<T> batch = events(0, 10);

        BatchResult result = await(sink.deliver(batch));

        assertThat(result.failures()).isEmpty();
        assertThat(readBack(batch.size(), TIMEOUT)).containsExactlyElementsOf(batch);
    }

    @Test
    void batchesDeliveredOneAfterAnotherKeepTheirOrder() throws Exception {
        BatchSink<T> sink = open();
        List<T> all = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            List<T> batch = events(b * 20, 20);
            assertThat(await(sink.deliver(batch)).allDelivered()).isTrue();
            all.addAll(batch);
        }
        assertThat(readBack(all.size(), TIMEOUT)).containsExactlyElementsOf(all);
    }

    @Test
    void batchesInFlightTogetherKeepTheirOrder() throws Exception {
        BatchSink<T> sink = open();
        List<T> all = new ArrayList<>();
        List<CompletableFuture<BatchResult>> stages = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            List<T> batch = events(b * 50, 50);
            stages.add(sink.deliver(batch).toCompletableFuture());
            all.addAll(batch);
        }
        for (CompletableFuture<BatchResult> stage : stages) {
            assertThat(await(stage).allDelivered()).isTrue();
        }
        assertThat(readBack(all.size(), TIMEOUT)).containsExactlyElementsOf(all);
    }

    @Test
    void anEmptyResultMeansEveryEventIsHeldByTheTransport() throws Exception {
        BatchSink<T> sink = open();
        List<T> batch = events(0, 500);

        BatchResult result = await(sink.deliver(batch));

        assertThat(result.allDelivered()).isTrue();
        assertThat(readBack(batch.size(), TIMEOUT)).containsExactlyElementsOf(batch);
    }

    @Test
    void aPermanentlyRejectedEventIsReportedAtItsIndexAndTheOthersAreDelivered() throws Exception {
        BatchSink<T> sink = open();
        List<T> batch = new ArrayList<>(events(0, 7));
        batch.set(3, poison());

        BatchResult result = await(sink.deliver(batch));

        assertThat(result.failures()).extracting(EventFailure::index).containsExactly(3);
        Throwable cause = result.failures().get(0).cause();
        assertThat(sink.isRetriable(cause)).as("retriable: %s", cause).isFalse();
        List<T> expected = new ArrayList<>(batch);
        expected.remove(3);
        assertThat(readBack(expected.size(), TIMEOUT)).containsExactlyElementsOf(expected);
    }

    /** Chosen contract: after close, deliver does not throw; its stage fails with IllegalStateException. */
    @Test
    void deliverAfterCloseFailsTheStageWithIllegalState() throws Exception {
        BatchSink<T> sink = open();
        sink.close();

        Throwable failure = failureOf(sink.deliver(events(0, 3)));

        assertThat(failure).isInstanceOf(IllegalStateException.class);
        assertThat(sink.isRetriable(failure)).isFalse();
        assertThatCode(sink::close).as("close is idempotent").doesNotThrowAnyException();
    }

    @Test
    void closeLeavesNoStageHanging() throws Exception {
        BatchSink<T> sink = open();
        CompletableFuture<BatchResult> stage = sink.deliver(events(0, 1_000)).toCompletableFuture();

        sink.close();

        assertThatCode(() -> stage.handle((result, failure) -> null).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .as("the stage completes, one way or the other")
                .doesNotThrowAnyException();
    }
}
