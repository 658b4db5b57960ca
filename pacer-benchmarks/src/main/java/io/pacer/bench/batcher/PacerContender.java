package io.pacer.bench.batcher;

import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Batcher;
import io.pacer.batch.Overflow;
import io.pacer.sink.BatchResult;
import io.pacer.sink.BatchSink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pacer's batcher with the seed defaults (50 events, 100 ms linger, 65,536 buffered events) and a no-op sink.
 *
 * <p>Bounded by: the batcher's own buffer of {@link BatchPolicy#DEFAULT_BUFFER_CAPACITY} events with
 * {@link Overflow#block} — {@code offer} waits for room (up to 30 s; a refusal fails the trial), so producers run
 * at the rate the flusher drains. The consumer is the batcher's flusher thread; the sink counts events and returns
 * one already-completed future, so delivery costs nothing and the batcher itself is measured.
 */
@State(Scope.Benchmark)
public class PacerContender extends Contender {

    private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(30);

    private CountingSink sink;
    private Batcher<Long> batcher;

    @Setup(Level.Trial)
    public void start() {
        BatchPolicy policy = BatchPolicy.ofDefaults();
        if (policy.maxEvents() != MAX_EVENTS
                || !policy.linger().equals(LINGER)
                || policy.bufferCapacity() != CAPACITY) {
            throw new IllegalStateException("Pacer's defaults drifted from the benchmark's settings: " + policy);
        }
        sink = new CountingSink();
        batcher = Batcher.<Long>builder()
                .policy(policy)
                .overflow(Overflow.block(BLOCK_TIMEOUT))
                .name("bench")
                .build(sink);
    }

    void offer(Long event) {
        if (!batcher.offer(event)) {
            throw new IllegalStateException("Pacer refused an event: BLOCK waited " + BLOCK_TIMEOUT + " for room");
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        boolean flushed = batcher.flush(DRAIN_TIMEOUT);
        Batcher.CloseReport report = batcher.shutdown();
        if (!flushed || !report.clean()) {
            throw new IllegalStateException("pacer: flushed=" + flushed + ", close report " + report);
        }
        verify("pacer", sink.consumed);
    }

    /** Counts events; {@code deliver} runs on the flusher thread only, so the volatile is single-writer. */
    static final class CountingSink implements BatchSink<Long> {
        private static final CompletionStage<BatchResult> DELIVERED =
                CompletableFuture.completedFuture(BatchResult.ok());

        volatile long consumed;

        @Override
        @SuppressWarnings("NonAtomicOperationOnVolatileField")
        public CompletionStage<BatchResult> deliver(List<Long> batch) {
            consumed += batch.size();
            return DELIVERED;
        }
    }

    @State(Scope.Thread)
    public static class PacerProducer extends Producer {
        @Setup(Level.Trial)
        public void register(PacerContender contender) {
            contender.register(this);
        }
    }
}
