package io.pacer.load.batcher;

import static io.pacer.load.batcher.Runs.figure;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.batch.BatchPolicy;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.load.Limit;
import io.pacer.load.LoadEngine;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Workload;
import io.pacer.time.Ticker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Events the sink keeps rejecting end their operations as soon as the batcher gives them up — failed with the
 * sink's cause — never as {@code incomplete} after the drain. The drain timeout here is ten minutes, far beyond
 * the test's time limit: a run that waited for it would fail the test, whatever the machine's speed.
 */
@Timeout(60)
class BatcherDriverRejectionTest {
    private static final Duration NEVER_REACHED_DRAIN = Duration.ofMinutes(10);
    /** Three attempts per event, backoff from 2 ms: rejected events are given up within tens of ms. */
    private static final BreakerPolicy QUICK_RETRIES =
            BreakerPolicy.ofDefaults().withRetries(3, Duration.ofMillis(2), Duration.ofMillis(20));

    private static RunResult run(LongFunction<Throwable> rejection, AtomicReference<RejectingSink> rejecting)
            throws InterruptedException {
        BatcherSettings settings = BatcherSettings.of(new SinkTarget.Memory())
                .withPolicy(BatchPolicy.ofDefaults().withMaxEvents(20).withLinger(Duration.ofMillis(10)))
                .withBreaker(QUICK_RETRIES);
        BatcherDriver driver = new BatcherDriver(settings, Ticker.system(), transport -> {
            RejectingSink sink = new RejectingSink(transport, rejection);
            rejecting.set(sink);
            return sink;
        });
        Workload workload = Workload.of(Pacing.open(1000), 1, Limit.duration(Duration.ofSeconds(1)))
                .withDrainTimeout(NEVER_REACHED_DRAIN)
                .withInterval(Duration.ofMillis(250));
        return LoadEngine.run(workload, driver, RunListener.NONE);
    }

    @Test
    void eventsWhoseRetriesRunOutFailAtOnceWithTheSinksCause() throws Exception {
        AtomicReference<RejectingSink> sink = new AtomicReference<>();
        RunResult r = run(id -> id % 50 == 7 ? new UncheckedIOException(new IOException("busy")) : null, sink);

        long rejected = sink.get().rejectedIds.size();
        assertThat(rejected).as("1 in 50 of about 1000 operations").isGreaterThan(5);
        assertThat(r.counts().incomplete()).isZero();
        assertThat(r.counts().failed()).isEqualTo(rejected);
        assertThat(r.errors()).containsOnlyKeys("UncheckedIOException").containsEntry("UncheckedIOException", rejected);
        assertThat(figure(r, "failed_retriable")).isEqualTo(rejected);
        assertThat(figure(r, "failed_permanent")).isZero();
        assertThat(figure(r, "failed")).as("the batcher's own count").isEqualTo(rejected);
        // Each rejected event was sent maxAttempts times: two re-sends each, and nothing else was re-sent.
        assertThat(figure(r, "retries")).isEqualTo(2.0 * rejected);
        assertThat(figure(r, "sink_distinct")).isEqualTo(r.counts().ok());
        assertThat(r.accounting().lost()).as("given up, so never acknowledged").isEqualTo(rejected);
    }

    @Test
    void permanentlyRejectedEventsFailAtOnceAndAreNotRetried() throws Exception {
        AtomicReference<RejectingSink> sink = new AtomicReference<>();
        RunResult r = run(id -> id % 50 == 13 ? new IllegalArgumentException("bad record") : null, sink);

        long rejected = sink.get().rejectedIds.size();
        assertThat(rejected).isGreaterThan(5);
        assertThat(r.counts().incomplete()).isZero();
        assertThat(r.errors())
                .containsOnlyKeys("IllegalArgumentException")
                .containsEntry("IllegalArgumentException", rejected);
        assertThat(figure(r, "failed_permanent")).isEqualTo(rejected);
        assertThat(figure(r, "failed_retriable")).isZero();
        assertThat(figure(r, "retries")).isZero();
    }
}
