package io.pacer.load.kafka;

import io.pacer.time.Ticker;
import java.util.Collection;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Times a group member's rebalances: how long after subscribing it first got partitions, and for every later
 * rebalance that took partitions away, the time from losing them to being assigned again (the time this member
 * could not consume). Called on the polling thread; read from any thread.
 */
final class RebalanceClock implements ConsumerRebalanceListener {

    private static final long NONE = Long.MIN_VALUE;

    private final Ticker ticker;
    private long subscribedAt = NONE;
    private long firstAssignmentNanos = NONE;
    private long revokedAt = NONE;
    private long rebalances;
    private long rebalanceNanos;

    RebalanceClock(Ticker ticker) {
        this.ticker = ticker;
    }

    synchronized void subscribed() {
        subscribedAt = ticker.nanos();
    }

    @Override
    public synchronized void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (firstAssignmentNanos != NONE && revokedAt == NONE && !partitions.isEmpty()) {
            revokedAt = ticker.nanos();
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    @Override
    public synchronized void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        long now = ticker.nanos();
        if (firstAssignmentNanos == NONE) {
            firstAssignmentNanos = now - subscribedAt;
        } else if (revokedAt != NONE) {
            rebalances++;
            rebalanceNanos += now - revokedAt;
            revokedAt = NONE;
        }
    }

    /** Whether the member has been assigned partitions (possibly none) at least once. */
    synchronized boolean assigned() {
        return firstAssignmentNanos != NONE;
    }

    synchronized double firstAssignmentMillis() {
        return firstAssignmentNanos / 1e6;
    }

    synchronized long rebalances() {
        return rebalances;
    }

    synchronized double rebalanceMillisTotal() {
        return rebalanceNanos / 1e6;
    }
}
