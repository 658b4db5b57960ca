package io.pacer.monitor.kafka;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pacer.internal.Check;
import java.util.List;
import java.util.Objects;

/**
 * The evaluation of one consumer group at one instant: the JSON {@code pacer lag evaluate} writes
 * ({@code docs/lag-history.md}) and what the live collector turns into samples.
 *
 * @param group the group's status: the worst partition's
 * @param partitions each partition's status, in the order of the history
 */
@JsonPropertyOrder({"group", "partitions"})
public record LagResult(Group group, List<Partition> partitions) {

    public LagResult {
        Objects.requireNonNull(group, "group");
        partitions = List.copyOf(partitions);
    }

    /** Whether the group is OK: the exit code of {@code pacer lag} and {@code pacer lag evaluate} comes from here. */
    public boolean ok() {
        return group.status() == LagStatus.OK;
    }

    /**
     * A group's status.
     *
     * @param name the group
     * @param status the worst partition's status; NOTFOUND when the group has no committed offsets
     * @param burrowStatus what Burrow answers for the same input: OK, WARN, ERR (for STOP, STALL, REWIND) or NOTFOUND
     * @param totalLag the sum of the partitions' current lag, records
     * @param maxLagSeconds the largest partition lag in seconds; null when no partition's is known
     */
    @JsonPropertyOrder({"name", "status", "burrowStatus", "totalLag", "maxLagSeconds"})
    public record Group(String name, LagStatus status, LagStatus burrowStatus, long totalLag, Double maxLagSeconds) {
        public Group {
            Check.notBlank("name", name, "the group's name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(burrowStatus, "burrowStatus");
        }
    }

    /**
     * A partition's status.
     *
     * @param topic the topic
     * @param partition the partition number
     * @param status Pacer's status (OK, WARN, STOP, STALL, REWIND)
     * @param lagSeconds how long ago the log-end offset passed the committed offset: 0 when caught up; a lower bound
     *     when that happened before the oldest log-end offset known (the reason says so); null without timed data
     * @param catchUpSeconds how long until the lag is 0 at the recent consume and produce rates: 0 when caught up,
     *     null when the consumer is not gaining on the producers (or stopped)
     * @param reason why, in one sentence with the figures
     * @param currentLag the lag now, records
     * @param burrowStatus what Burrow's rules answer for the same input
     */
    @JsonPropertyOrder({
        "topic",
        "partition",
        "status",
        "lagSeconds",
        "catchUpSeconds",
        "reason",
        "currentLag",
        "burrowStatus"
    })
    public record Partition(
            String topic,
            int partition,
            LagStatus status,
            Double lagSeconds,
            Double catchUpSeconds,
            String reason,
            long currentLag,
            LagStatus burrowStatus) {
        public Partition {
            Check.topicName("topic", topic);
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(burrowStatus, "burrowStatus");
        }
    }
}
