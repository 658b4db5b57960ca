package io.pacer.load.batcher;

import io.pacer.batch.AdaptivePolicy;
import io.pacer.batch.BatchPolicy;
import io.pacer.batch.BatcherBuilder;
import io.pacer.batch.Overflow;
import io.pacer.breaker.BreakerPolicy;
import io.pacer.internal.Check;
import java.util.Objects;

/**
 * What {@link BatcherDrivers#batcher} offers to a Pacer {@code Batcher} and how that batcher is built. The batcher's
 * own settings are pacer-core's validated records, so the driver builds exactly the batcher an application would.
 *
 * @param sink        where batches go
 * @param recordSize  payload bytes per event (random letters A–Z)
 * @param policy      batch size, linger and buffer capacity
 * @param overflow    what happens when the buffer is full: {@link Overflow.Block}, {@link Overflow.DropNewest} or
 *                    {@link Overflow.Spill}. {@link Overflow.DropOldest} is refused: it discards events the
 *                    driver has already counted as accepted without saying which, so their operations could not end
 * @param breaker     breaker thresholds, retries and delivery timeout
 * @param adaptive    nullable: adaptive batch size and linger towards a p99 target
 * @param maxInFlight batches in delivery at once (1..64), or {@link #SINK_DEFAULT_IN_FLIGHT} for the sink's choice
 *                    (16 for Kafka, 1 otherwise)
 * @param faults      faults scripted in front of the sink
 */
public record BatcherSettings(
        SinkTarget sink,
        int recordSize,
        BatchPolicy policy,
        Overflow overflow,
        BreakerPolicy breaker,
        AdaptivePolicy adaptive,
        int maxInFlight,
        SinkFaults faults) {

    public static final int DEFAULT_RECORD_SIZE = 100;
    /** Largest payload accepted: the Kafka broker's default limit is 1 MiB. */
    public static final int MAX_RECORD_SIZE = 1 << 20;
    /** {@link #maxInFlight} meaning "what the sink asks for". */
    public static final int SINK_DEFAULT_IN_FLIGHT = 0;

    public BatcherSettings {
        Objects.requireNonNull(sink, "sink");
        Check.range("recordSize", recordSize, 1, MAX_RECORD_SIZE);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(overflow, "overflow");
        Check.argument(
                !(overflow instanceof Overflow.DropOldest),
                "overflow DropOldest is not supported by the batcher driver: it discards accepted events without "
                        + "naming them, so their operations could never end; use DropNewest (drop) instead");
        Objects.requireNonNull(breaker, "breaker");
        Check.that(
                maxInFlight == SINK_DEFAULT_IN_FLIGHT
                        || (maxInFlight >= 1 && maxInFlight <= BatcherBuilder.MAX_IN_FLIGHT_LIMIT),
                "maxInFlight",
                "in [1, " + BatcherBuilder.MAX_IN_FLIGHT_LIMIT + "] or " + SINK_DEFAULT_IN_FLIGHT
                        + " (the sink's choice)",
                maxInFlight);
        Objects.requireNonNull(faults, "faults");
    }

    /** Pacer's batcher defaults (50 events, 100 ms, block 5 s, breaker 5 failures / 30 s), 100-byte events. */
    public static BatcherSettings of(SinkTarget sink) {
        return new BatcherSettings(
                sink,
                DEFAULT_RECORD_SIZE,
                BatchPolicy.ofDefaults(),
                Overflow.ofDefaults(),
                BreakerPolicy.ofDefaults(),
                null,
                SINK_DEFAULT_IN_FLIGHT,
                SinkFaults.none());
    }

    public BatcherSettings withSink(SinkTarget value) {
        return new BatcherSettings(value, recordSize, policy, overflow, breaker, adaptive, maxInFlight, faults);
    }

    public BatcherSettings withRecordSize(int value) {
        return new BatcherSettings(sink, value, policy, overflow, breaker, adaptive, maxInFlight, faults);
    }

    public BatcherSettings withPolicy(BatchPolicy value) {
        return new BatcherSettings(sink, recordSize, value, overflow, breaker, adaptive, maxInFlight, faults);
    }

    public BatcherSettings withOverflow(Overflow value) {
        return new BatcherSettings(sink, recordSize, policy, value, breaker, adaptive, maxInFlight, faults);
    }

    public BatcherSettings withBreaker(BreakerPolicy value) {
        return new BatcherSettings(sink, recordSize, policy, overflow, value, adaptive, maxInFlight, faults);
    }

    public BatcherSettings withAdaptive(AdaptivePolicy value) {
        return new BatcherSettings(sink, recordSize, policy, overflow, breaker, value, maxInFlight, faults);
    }

    public BatcherSettings withMaxInFlight(int value) {
        return new BatcherSettings(sink, recordSize, policy, overflow, breaker, adaptive, value, faults);
    }

    public BatcherSettings withFaults(SinkFaults value) {
        return new BatcherSettings(sink, recordSize, policy, overflow, breaker, adaptive, maxInFlight, value);
    }
}
