package io.pacer.load.batcher;

import static io.pacer.load.batcher.Runs.figure;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.batch.BatchPolicy;
import io.pacer.batch.Overflow;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.load.RecordAccounting;
import io.pacer.load.RunResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher driver against the in-memory sink, whole runs through the load engine: every accepted event is
 * counted where it arrives, and scripted faults show up as the retries, breaker trips, spooled deliveries and drops
 * they must cause. The figures compared are counts that do not depend on the machine's speed.
 */
class BatcherDriverFaultTest {

    private static final BatchPolicy SMALL_BATCHES =
            BatchPolicy.ofDefaults().withMaxEvents(20).withLinger(Duration.ofMillis(10));
    /** Retries soon, so a run does not wait out long backoffs after an outage. */
    private static final BreakerPolicy QUICK_RETRIES =
            BreakerPolicy.ofDefaults().withRetries(3, Duration.ofMillis(2), Duration.ofMillis(20));

    /** Opens after 3 failed calls and tries again 100 ms later: an outage trips it, and it closes soon after. */
    private static final BreakerPolicy TRIPPING =
            QUICK_RETRIES.withFailureThreshold(3).withOpenDuration(Duration.ofMillis(100));

    /**
     * 50 ms per call, one call at a time, 16 events per batch: at most 320 events/s get through, so at 1000/s the
     * 64-event buffer must overflow, however fast the machine.
     */
    private static final SinkFaults SLOW_SINK = SinkFaults.none().withLatency(Duration.ofMillis(50));

    private static BatcherSettings memory() {
        return BatcherSettings.of(new SinkTarget.Memory())
                .withPolicy(SMALL_BATCHES)
                .withBreaker(QUICK_RETRIES);
    }

    @Test
    void aFixedRateRunDeliversEveryEventAndReportsTheBatching() throws Exception {
        RunResult r = Runs.atRate(memory(), 2000, Duration.ofSeconds(1));

        long operations = r.counts().operations();
        assertThat(operations).isGreaterThan(1000);
        assertThat(r.counts().failed()).isZero();
        assertThat(r.latency().count()).isEqualTo(operations);
        assertThat(figure(r, "offered")).isEqualTo(operations);
        assertThat(figure(r, "accepted")).isEqualTo(operations);
        assertThat(figure(r, "sink_distinct")).isEqualTo(operations);
        assertThat(figure(r, "sink_stored")).isEqualTo(operations);
        assertThat(r.accounting()).isEqualTo(new RecordAccounting(operations, operations, 0, 0, 0));
        double mean = figure(r, "batch_size_mean");
        assertThat(figure(r, "batches") * mean).isCloseTo(operations, org.assertj.core.data.Offset.offset(0.5));
        assertThat(figure(r, "batch_size_max")).isLessThanOrEqualTo(20);
        assertThat(figure(r, "batch_size_p50")).isBetween(1.0, 20.0);
        assertThat(figure(r, "batching_efficiency")).isCloseTo(mean / 20, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figure(r, "events_per_sink_call")).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figure(r, "retries")).isZero();
        assertThat(figure(r, "dropped")).isZero();
        assertThat(r.intervals()).allSatisfy(i -> assertThat(i.gauges()).containsKeys("batching_efficiency"));
    }

    @Test
    void failedSinkCallsAreRetriedEventForEventAndNothingIsLost() throws Exception {
        BatcherSettings settings = memory().withBreaker(QUICK_RETRIES.withFailureThreshold(1000))
                .withFaults(SinkFaults.none().withFailRate(0.2).withSeed(7));

        RunResult r = Runs.atRate(settings, 1000, Duration.ofSeconds(1));

        long operations = r.counts().operations();
        assertThat(r.counts().failed()).isZero();
        assertThat(figure(r, "fault_failed_calls")).isPositive();
        assertThat(figure(r, "sink_call_failures")).isEqualTo(figure(r, "fault_failed_calls"));
        // Every event of a failed call goes to the sink again, once per failure.
        assertThat(figure(r, "retries")).isEqualTo(figure(r, "fault_failed_events"));
        assertThat(figure(r, "sink_distinct")).isEqualTo(operations);
        assertThat(figure(r, "sink_duplicates")).isZero();
        assertThat(figure(r, "breaker_trips")).isZero();
        assertThat(r.accounting().lost()).isZero();
    }

    @Test
    void anOutageTripsTheBreakerAndEveryEventArrivesAfterIt() throws Exception {
        BatcherSettings settings = memory().withBreaker(TRIPPING)
                .withFaults(SinkFaults.none().withOutages(SinkFaults.Outage.parseAll("600ms@300ms")));

        RunResult r = Runs.atRate(settings, 1000, Duration.ofMillis(1500));

        long operations = r.counts().operations();
        assertThat(r.counts().failed()).isZero();
        assertThat(figure(r, "fault_outage_calls")).isGreaterThanOrEqualTo(3);
        assertThat(figure(r, "breaker_trips")).isGreaterThanOrEqualTo(1);
        assertThat(figure(r, "breaker_open_final")).isZero();
        assertThat(figure(r, "retries")).isPositive();
        assertThat(figure(r, "sink_distinct")).isEqualTo(operations);
        // An event offered as the outage began cannot be delivered before it ended, 600 ms later.
        assertThat(r.latency().max()).isGreaterThanOrEqualTo(500_000);
    }

    @Test
    void withSpoolTheOutageIsSpooledThenDelivered(@TempDir Path spool) throws Exception {
        BatcherSettings settings = memory().withBreaker(
                        QUICK_RETRIES.withFailureThreshold(2).withOpenDuration(Duration.ofMillis(100)))
                .withOverflow(Overflow.spill(spool, Overflow.DEFAULT_SPOOL_MAX_BYTES))
                .withFaults(SinkFaults.none()
                        .withOutages(List.of(new SinkFaults.Outage(Duration.ofMillis(600), Duration.ofMillis(300)))));

        RunResult r = Runs.atRate(settings, 1000, Duration.ofMillis(1500));

        long operations = r.counts().operations();
        assertThat(r.counts().failed()).isZero();
        assertThat(figure(r, "spooled_delivered")).isPositive();
        assertThat(figure(r, "spool_depth_max")).isPositive();
        assertThat(figure(r, "spool_depth_final")).isZero();
        assertThat(figure(r, "sink_distinct")).isEqualTo(operations);
        assertThat(r.accounting().lost()).isZero();
    }

    @Test
    void dropsAreCountedAsFailedOperationsAndNeverAsLost() throws Exception {
        BatcherSettings settings = memory().withPolicy(
                        SMALL_BATCHES.withBufferCapacity(64).withMaxEvents(16))
                .withOverflow(Overflow.dropNewest())
                .withFaults(SLOW_SINK);

        RunResult r = Runs.atRate(settings, 1000, Duration.ofSeconds(1));

        long dropped = (long) figure(r, "dropped");
        assertThat(dropped).as(r.driverSummary() + " " + r.errors()).isPositive();
        assertThat(r.errors()).containsOnlyKeys("dropped").containsEntry("dropped", dropped);
        assertThat(r.counts().ok() + dropped).isEqualTo(r.counts().operations());
        assertThat(figure(r, "sink_distinct")).isEqualTo(r.counts().ok());
        assertThat(r.accounting())
                .isEqualTo(new RecordAccounting(r.counts().ok(), r.counts().ok(), 0, 0, 0));
    }

    @Test
    void aBlockTimeoutRejectsTheEventAndSaysSo() throws Exception {
        BatcherSettings settings = memory().withPolicy(
                        SMALL_BATCHES.withBufferCapacity(64).withMaxEvents(16))
                .withOverflow(Overflow.block(Duration.ofMillis(5)))
                .withFaults(SLOW_SINK);

        RunResult r = Runs.atRate(settings, 1000, Duration.ofSeconds(1));

        long rejected = (long) figure(r, "rejected");
        assertThat(rejected).as(r.driverSummary() + " " + r.errors()).isPositive();
        assertThat(r.errors()).containsOnlyKeys("rejected").containsEntry("rejected", rejected);
        assertThat(figure(r, "sink_distinct")).isEqualTo(r.counts().ok());
        assertThat(r.accounting().lost()).isZero();
    }

    @Test
    void eventsStillHeldWhenTheDrainEndsAreIncompleteAndLostNotHidden() throws Exception {
        BatcherSettings settings = memory() // the breaker stays open 30 s, longer than the drain
                .withBreaker(QUICK_RETRIES.withFailureThreshold(2))
                .withFaults(SinkFaults.none().withOutages(SinkFaults.Outage.parseAll("1h@300ms")));

        RunResult r = Runs.atRate(settings, 1000, Duration.ofMillis(600), Duration.ofMillis(300));

        long incomplete = r.counts().incomplete();
        assertThat(incomplete).isPositive();
        assertThat(r.counts().ok() + incomplete).isEqualTo(r.counts().operations());
        assertThat(r.accounting().lost()).isEqualTo(incomplete);
        assertThat(figure(r, "buffered_final")).isEqualTo(incomplete);
        assertThat(figure(r, "breaker_open_final")).isEqualTo(1);
    }

    @Test
    void adaptiveModeGrowsTheBatchWhileP99StaysFarBelowItsTarget() throws Exception {
        // 1000 events/s fill a 20-event batch every 20 ms: p99 is tens of ms, far under a 1 s target.
        BatcherSettings settings =
                memory().withAdaptive(io.pacer.batch.AdaptivePolicy.targeting(Duration.ofSeconds(1)));

        RunResult r = Runs.atRate(settings, 1000, Duration.ofSeconds(3));

        assertThat(r.counts().failed()).isZero();
        assertThat(figure(r, "batch_max_events")).isGreaterThan(20);
        assertThat(figure(r, "batch_size_max")).isGreaterThan(20);
        assertThat(r.accounting().lost()).isZero();
    }
}
