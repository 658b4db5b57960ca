package io.pacer.monitor.kafka;

import io.pacer.monitor.Collector;
import java.util.List;

/**
 * The {@code kafka} collector: through Kafka's AdminClient, per consumer group and partition the committed offset,
 * the log-end offset and the lag, evaluated by {@link LagEvaluator} over a window kept between collections; per
 * topic the partition count, the record count and the skew. Samples ({@code docs/lag-history.md}, "Samples"):
 *
 * <ul>
 *   <li>{@code kafka.lag.records}, {@code kafka.lag.seconds}, {@code kafka.lag.catchup.seconds} (when the consumer
 *       is gaining), {@code kafka.partition.status}, {@code kafka.offset.committed} — labels group, topic, partition;
 *   <li>{@code kafka.group.status} ({@link LagStatus#code()}: NOTFOUND 0, OK 1, WARN 2, STOP 4, STALL 5, REWIND 6),
 *       {@code kafka.group.lag.records}, {@code kafka.group.lag.seconds.max} — label group;
 *   <li>{@code kafka.offset.log_end} — labels topic, partition;
 *   <li>{@code kafka.topic.partitions}, {@code kafka.topic.records}, {@code kafka.topic.skew.ratio} (the fullest
 *       partition's records over the mean; 1 is even) — label topic.
 * </ul>
 *
 * <p>Rules take the instant {@link #collect} is given, never the wall clock, so a test drives them with its own.
 */
public interface KafkaLagCollector extends Collector {

    /** A collector for {@code settings}; connecting happens on the first collection. */
    static KafkaLagCollector create(KafkaLagSettings settings) {
        return new AdminLagCollector(settings);
    }

    /** The last collection's evaluation of each group, by group name. */
    List<LagResult> lastResults();

    /** The histories the last collection evaluated: what {@code pacer lag --record} writes. */
    List<LagHistory> lastHistories();
}
