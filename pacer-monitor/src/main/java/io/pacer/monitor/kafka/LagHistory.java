package io.pacer.monitor.kafka;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.pacer.internal.Check;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the lag rules look at for one consumer group at one instant: per partition, the sliding window of commits
 * (oldest first), the log-end offsets seen around them and the lag now. The live collector keeps one of these per
 * group between collections; {@code pacer lag evaluate HISTORY.json} reads one from a file, whose format
 * ({@code docs/lag-history.md}) is exactly this record's JSON form.
 *
 * @param group the consumer group
 * @param now the instant of evaluation, epoch milliseconds: every rule takes it from here, never from a clock
 * @param allowedLag lag (records) a partition may have and still be OK; Burrow's {@code allowed-lag}
 * @param partitions the group's partitions, each once
 */
public record LagHistory(String group, long now, long allowedLag, List<Partition> partitions) {

    /** Burrow's default: any lag counts. */
    public static final long DEFAULT_ALLOWED_LAG = 0;

    public LagHistory {
        Check.notBlank("group", group, "the consumer group's name");
        Check.atLeast("now", now, 0);
        Check.atLeast("allowedLag", allowedLag, 0);
        Check.that(partitions != null, "partitions", "a list (empty for none)", null);
        partitions = List.copyOf(partitions);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < partitions.size(); i++) {
            Partition p = partitions.get(i);
            Check.that(p != null, "partitions[" + i + "]", "a partition object", null);
            Check.argument(
                    seen.add(p.topic() + "-" + p.partition()),
                    "partitions[" + i + "] repeats " + p.topic() + "-" + p.partition() + ": list each partition once");
            p.checkNotAfter(now, "partitions[" + i + "]");
        }
    }

    @JsonCreator
    static LagHistory json(
            @JsonProperty("group") String group,
            @JsonProperty("now") Long now,
            @JsonProperty("allowedLag") Long allowedLag,
            @JsonProperty("partitions") List<Partition> partitions) {
        return new LagHistory(
                group,
                required("now", now, "epoch milliseconds"),
                allowedLag == null ? DEFAULT_ALLOWED_LAG : allowedLag,
                partitions);
    }

    /**
     * One consumed partition.
     *
     * @param topic the topic
     * @param partition the partition number
     * @param commits the window of commits, oldest first (Burrow keeps the last {@code intervals} of them)
     * @param logEndOffsets log-end offsets seen, oldest first: plain numbers (Burrow's broker-offset ring, untimed) or
     *     timed samples, which let lag be measured in seconds
     * @param currentLag the lag now: the latest log-end offset minus the last committed offset, at least 0
     */
    public record Partition(
            String topic, int partition, List<Commit> commits, List<LogEndOffset> logEndOffsets, long currentLag) {

        public Partition {
            Check.topicName("topic", topic);
            Check.atLeast("partition", partition, 0);
            Check.that(commits != null, "commits", "a list, oldest first (empty for none)", null);
            commits = List.copyOf(commits);
            logEndOffsets = logEndOffsets == null ? List.of() : List.copyOf(logEndOffsets);
            Check.atLeast("currentLag", currentLag, 0);
            for (int i = 1; i < commits.size(); i++) {
                long before = commits.get(i - 1).timestamp();
                long after = commits.get(i).timestamp();
                Check.argument(
                        after >= before,
                        "commits must be oldest first, but commits[" + i + "].timestamp " + after
                                + " is before commits[" + (i - 1) + "].timestamp " + before);
            }
            Long previous = null;
            for (int i = 0; i < logEndOffsets.size(); i++) {
                Long t = logEndOffsets.get(i).timestamp();
                if (t != null) {
                    Check.argument(
                            previous == null || t >= previous,
                            "logEndOffsets must be oldest first, but logEndOffsets[" + i + "].timestamp " + t
                                    + " is before an earlier entry's " + previous);
                    previous = t;
                }
            }
        }

        @JsonCreator
        static Partition json(
                @JsonProperty("topic") String topic,
                @JsonProperty("partition") Integer partition,
                @JsonProperty("commits") List<Commit> commits,
                @JsonProperty("logEndOffsets") List<LogEndOffset> logEndOffsets,
                @JsonProperty("currentLag") Long currentLag) {
            return new Partition(
                    topic,
                    required("partition", partition, "the partition number"),
                    commits,
                    logEndOffsets,
                    required("currentLag", currentLag, "the lag now in records, >= 0"));
        }

        /** The newest commit, or null when there are none. */
        Commit lastCommit() {
            return commits.isEmpty() ? null : commits.get(commits.size() - 1);
        }

        void checkNotAfter(long now, String where) {
            Commit last = lastCommit();
            Check.argument(
                    last == null || last.timestamp() <= now,
                    where + ".commits: the newest commit's timestamp " + (last == null ? 0 : last.timestamp())
                            + " is after now " + now + ": now must be the instant of evaluation");
            for (LogEndOffset leo : logEndOffsets) {
                Check.argument(
                        leo.timestamp() == null || leo.timestamp() <= now,
                        where + ".logEndOffsets: timestamp " + leo.timestamp() + " is after now " + now);
            }
        }
    }

    /**
     * One commit as the monitor saw it.
     *
     * @param offset the committed offset (the next record the group will read)
     * @param lag the lag measured when the commit was seen (log-end offset then minus {@code offset}, at least 0); null
     *     when unknown, as for commits Burrow backfills
     * @param timestamp when the commit was made or seen, epoch milliseconds
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Commit(long offset, Long lag, long timestamp) {
        public Commit {
            Check.atLeast("offset", offset, 0);
            Check.that(lag == null || lag >= 0, "lag", "null or >= 0", lag);
            Check.atLeast("timestamp", timestamp, 0);
        }

        @JsonCreator
        static Commit json(
                @JsonProperty("offset") Long offset,
                @JsonProperty("lag") Long lag,
                @JsonProperty("timestamp") Long timestamp) {
            return new Commit(
                    required("offset", offset, "the committed offset, >= 0"),
                    lag,
                    required("timestamp", timestamp, "epoch milliseconds"));
        }
    }

    /**
     * One log-end offset of the partition, with the instant it was read when that is known.
     *
     * @param offset the log-end offset (the offset the next produced record gets)
     * @param timestamp when it was read, epoch milliseconds; null for an untimed entry
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LogEndOffset(long offset, Long timestamp) {
        public LogEndOffset {
            Check.atLeast("offset", offset, 0);
            Check.that(timestamp == null || timestamp >= 0, "timestamp", "null or >= 0", timestamp);
        }

        /** An untimed entry, as in Burrow's broker-offset ring. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static LogEndOffset untimed(long offset) {
            return new LogEndOffset(offset, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        static LogEndOffset json(@JsonProperty("offset") Long offset, @JsonProperty("timestamp") Long timestamp) {
            return new LogEndOffset(required("offset", offset, "the log-end offset, >= 0"), timestamp);
        }
    }

    private static <T> T required(String name, T value, String rule) {
        Check.that(value != null, name, "set (" + rule + ")", null);
        return Objects.requireNonNull(value);
    }
}
