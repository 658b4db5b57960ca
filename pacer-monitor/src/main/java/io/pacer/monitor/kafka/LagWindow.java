package io.pacer.monitor.kafka;

import io.pacer.internal.Check;
import io.pacer.monitor.kafka.LagHistory.Commit;
import io.pacer.monitor.kafka.LagHistory.LogEndOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * One group's sliding windows, kept between collections: per partition the last {@code intervals} commits (Burrow's
 * {@code intervals}) and the recent log-end offsets with the instants they were read.
 *
 * <p>AdminClient shows the committed offset, not each commit, so a window is built from what each collection sees
 * ({@code docs/lag-history.md}, "The live window"): a changed offset is a commit at the collection's instant; an
 * unchanged one counts as a commit (of the same offset) only while a live member of the group owns the partition —
 * a consumer that is there but cannot move on is STALL, while a partition nobody owns gets no commits and turns
 * STOP once its silence outlasts the window.
 *
 * <p>Log-end offsets keep a run of equal values as its first and last sample, so an idle stretch of any length costs
 * two entries and the moment the log moved again stays known: that is what lag in seconds is measured from.
 */
final class LagWindow {

    /** Burrow's default number of commits per window. */
    static final int DEFAULT_INTERVALS = 10;

    private final String group;
    private final int intervals;
    private final int logEndSamples;
    private final Map<TopicPartition, PartitionWindow> partitions =
            new TreeMap<>(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
    private long latest;

    LagWindow(String group, int intervals) {
        Check.range("intervals", intervals, 2, 1000);
        this.group = group;
        this.intervals = intervals;
        this.logEndSamples = 2 * intervals + 2;
    }

    private static final class PartitionWindow {
        final String topic;
        final int partition;
        final Deque<Commit> commits = new ArrayDeque<>();
        final List<LogEndOffset> logEnd = new ArrayList<>();
        long currentLag;

        PartitionWindow(String topic, int partition) {
            this.topic = topic;
            this.partition = partition;
        }
    }

    /**
     * Records one collection's view of one partition at {@code now} (epoch ms).
     *
     * @param tp the partition
     * @param committed the group's committed offset
     * @param logEnd the partition's log-end offset
     * @param owned whether a live member of the group has the partition assigned
     */
    void observe(TopicPartition tp, long committed, long logEnd, boolean owned, long now) {
        latest = Math.max(latest, now); // a clock stepping back must not make a window run backwards
        now = latest;
        PartitionWindow w = partitions.computeIfAbsent(tp, k -> new PartitionWindow(tp.topic(), tp.partition()));
        int n = w.logEnd.size();
        if (n >= 2
                && w.logEnd.get(n - 1).offset() == logEnd
                && w.logEnd.get(n - 2).offset() == logEnd) {
            w.logEnd.set(n - 1, new LogEndOffset(logEnd, now));
        } else {
            w.logEnd.add(new LogEndOffset(logEnd, now));
        }
        while (w.logEnd.size() > logEndSamples) {
            w.logEnd.remove(0);
        }
        long lag = Math.max(0, logEnd - committed);
        Commit last = w.commits.peekLast();
        if (last == null || last.offset() != committed || owned) {
            w.commits.addLast(new Commit(committed, lag, now));
        }
        while (w.commits.size() > intervals) {
            w.commits.removeFirst();
        }
        w.currentLag = lag;
    }

    /** Forgets partitions not in {@code seen}: the group has no committed offset there any more. */
    void retain(Set<TopicPartition> seen) {
        partitions.keySet().retainAll(seen);
    }

    /** The history to evaluate at {@code now}. */
    LagHistory history(long now, long allowedLag) {
        now = Math.max(now, latest);
        List<LagHistory.Partition> list = new ArrayList<>();
        for (PartitionWindow w : partitions.values()) {
            list.add(new LagHistory.Partition(
                    w.topic, w.partition, List.copyOf(w.commits), List.copyOf(w.logEnd), w.currentLag));
        }
        return new LagHistory(group, now, allowedLag, list);
    }
}
