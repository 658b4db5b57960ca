package io.pacer.load.batcher;

import io.pacer.load.Driver;
import io.pacer.time.Ticker;

/** Entry point of the batcher load test: a driver built from validated {@link BatcherSettings}. */
public final class BatcherDrivers {

    private BatcherDrivers() {}

    /**
     * Offers one event per operation to a Pacer {@code Batcher} in front of the settings' sink; the operation
     * completes when the sink acknowledges the event's batch (delivery, not acceptance), so its latency runs from
     * the intended start through buffering, linger, retries, breaker and spool to the acknowledgement. A refused
     * event fails at once as {@code dropped} (overflow drop) or {@code rejected} (block timeout, spool full); an
     * event the batcher gives up (a permanent sink error, or per-event retries used up at {@code maxAttempts})
     * fails when it is given up — the batcher's {@code DeliveryListener} names it — with the error's class name. {@code open()} checks the sink first and
     * throws {@code LoadSetupException} with a one-line fix.
     *
     * <p>{@code accounting()}: accepted events (issued) against the ids the sink acknowledged (received); lost =
     * accepted but not acknowledged by the end of the drain; duplicated = acknowledgements of an id already
     * acknowledged (at-least-once re-sends that landed twice).
     *
     * <p>Summary ({@code driverSummary}), events unless stated: {@code offered}, {@code accepted},
     * {@code delivered} (by the batcher's count, re-deliveries included), {@code failed} (given up by the batcher),
     * {@code failed_retriable}, {@code failed_permanent} (operations so ended, by the kind of cause),
     * {@code dropped}, {@code rejected}, {@code duplicates}, {@code buffered_final}; batching: {@code batches},
     * {@code batch_size_mean}, {@code batch_size_p50}, {@code batch_size_p99}, {@code batch_size_max} (events per
     * delivered batch), {@code batch_max_events} (the batch size in force at the end), {@code batching_efficiency}
     * (mean / max batch size, 0..1), {@code sink_calls}, {@code sink_call_failures}, {@code events_per_sink_call}
     * (events handed to the sink per call, failed calls and re-sends included); faults: {@code retries} (events
     * handed to the sink again after an earlier attempt), {@code spool_depth_max} (sampled every 50 ms and at each
     * interval), {@code spool_depth_final}, {@code spooled_delivered} (events delivered from the disk spool),
     * {@code breaker_trips}, {@code breaker_open_final} (1 when the breaker was not closed at the end); the batcher's
     * own offer-to-acknowledgement latency {@code batcher_latency_p50_us}, {@code batcher_latency_p99_us}; with
     * faults {@code fault_failed_calls}, {@code fault_outage_calls}, {@code fault_failed_events}; with the memory
     * sink {@code sink_stored}, {@code sink_distinct}, {@code sink_duplicates} (counted where the events arrive).
     *
     * <p>Gauges ({@code intervals[].gauges}): {@code batch_size_mean}, {@code batching_efficiency},
     * {@code buffered}, {@code spool_depth}, {@code dropped}, {@code rejected}, {@code retries},
     * {@code breaker_trips}, {@code breaker_open}, {@code batch_max_events}.
     */
    public static Driver batcher(BatcherSettings settings) {
        return new BatcherDriver(settings, Ticker.system());
    }
}
