package io.pacer.metrics;

/**
 * One immutable reading of a batcher's metrics, for dashboards and tests. Rates are per second over the latest
 * window of at least one second; counts, latency and batch-size percentiles are totals since start.
 *
 * @param accepted events accepted by {@code offer}
 * @param delivered events acknowledged by the sink
 * @param failed events the sink rejected permanently (after retries), not spilled
 * @param dropped events discarded by {@code DROP_NEWEST} / {@code DROP_OLDEST}
 * @param rejected events refused after a {@code BLOCK} timeout or by a full spool
 * @param spoolDepth events waiting in the disk spool
 * @param buffered events in memory not yet delivered
 * @param eventsPerSecond delivered events per second
 * @param batchesPerSecond delivered batches per second
 * @param bytesPerSecond delivered bytes per second (by the sizer)
 * @param latencyMicros offer-to-acknowledgement latency since start, µs: from the moment {@code offer} accepted an
 *     event to the sink's acknowledgement of its batch (time in the buffer, retries and the spool included; events
 *     spooled by an earlier process have no offer time and are not in it)
 * @param batchSize delivered batch sizes since start, in events per batch; its mean and max are exact (counted),
 *     its percentiles from a histogram (3 significant digits) and never above the max
 * @param batchingEfficiency mean batch size / configured max batch size, 0..1
 * @param dropRate (dropped + rejected) / (accepted + dropped + rejected) since start, 0..1
 * @param breakerState CLOSED, OPEN or HALF_OPEN
 * @param breakerTrips how many times the breaker opened
 * @param maxEvents the batch size in force
 * @param lingerMicros the linger in force
 */
public record BatcherSnapshot(
        long accepted,
        long delivered,
        long failed,
        long dropped,
        long rejected,
        long spoolDepth,
        long buffered,
        double eventsPerSecond,
        double batchesPerSecond,
        double bytesPerSecond,
        Percentiles latencyMicros,
        Percentiles batchSize,
        double batchingEfficiency,
        double dropRate,
        String breakerState,
        long breakerTrips,
        int maxEvents,
        long lingerMicros) {

    /** Mean delivered batch size, the figure batching efficiency is made of. */
    public double meanBatchSize() {
        return batchSize.mean();
    }
}
