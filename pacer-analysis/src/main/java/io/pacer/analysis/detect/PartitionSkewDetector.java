package io.pacer.analysis.detect;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Category;
import io.pacer.analysis.Detector;
import io.pacer.analysis.Evidence;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.analysis.Level;
import io.pacer.analysis.SeriesStats;
import io.pacer.monitor.store.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Load or lag concentrated on a few partitions, so one consumer does the work of many. Two signs, each its own
 * finding:
 *
 * <ul>
 *   <li>traffic: a topic's {@code kafka.topic.skew.ratio} (its fullest partition's records over the mean) at or above
 *       {@value #SKEW_RATIO} for the median point of the window — {@value #TWO_PARTITION_RATIO} for a topic of two
 *       partitions, whose ratio cannot pass 2 — on a topic of at least {@value #MIN_RECORDS} records (a young topic is
 *       uneven by chance); internal topics ({@code __*}) are left out. Subject {@code topic}, {@code target}.
 *   <li>lag: one partition holds {@value #LAG_SHARE} or more of a group's lag on a topic (the partitions' mean lags
 *       over the window), the lag being {@value #MIN_LAG} records or more: a hot key, or a stuck partition. Subject
 *       {@code group}, {@code topic}, {@code target}.
 * </ul>
 */
final class PartitionSkewDetector implements Detector {

    static final String SKEW = "kafka.topic.skew.ratio";
    static final String PARTITIONS = "kafka.topic.partitions";
    static final String RECORDS = "kafka.topic.records";
    static final String PARTITION_LAG = "kafka.lag.records";
    /** The fullest partition holds twice the mean or more. */
    static final double SKEW_RATIO = 2.0;
    /** With two partitions: 80 % on one. */
    static final double TWO_PARTITION_RATIO = 1.6;

    static final double MIN_RECORDS = 1_000;
    /** One partition holds this share of the group's lag on the topic. */
    static final double LAG_SHARE = 0.8;

    static final double MIN_LAG = 1_000;
    private static final int MIN_POINTS = 3;

    @Override
    public String name() {
        return "kafka-skew";
    }

    @Override
    public Category category() {
        return Category.INTEGRATION;
    }

    @Override
    public List<Finding> detect(AnalysisContext context) {
        History history = context.history();
        List<Finding> findings = new ArrayList<>();
        StreamSignals.bySubject(history, SKEW, MIN_POINTS, "topic", "target").forEach((subject, skew) -> {
            Finding f = traffic(history, subject, skew);
            if (f != null) {
                findings.add(f);
            }
        });
        findings.addAll(lag(history));
        return findings;
    }

    private static Finding traffic(History history, Map<String, String> subject, Series skew) {
        String topic = subject.get("topic");
        Series partitions = StreamSignals.find(history, PARTITIONS, subject);
        Series records = StreamSignals.find(history, RECORDS, subject);
        if (topic.startsWith("__") || partitions == null || records == null) {
            return null;
        }
        double count = SeriesStats.last(partitions);
        double total = SeriesStats.last(records);
        if (count < 2 || total < MIN_RECORDS) {
            return null;
        }
        double threshold = count < 3 ? TWO_PARTITION_RATIO : SKEW_RATIO;
        double median = SeriesStats.quantile(skew, 0.5);
        if (!(median >= threshold)) {
            return null;
        }
        StreamSignals.Agreement agree = StreamSignals.agreement(skew, v -> v >= threshold);
        return new Finding(
                FindingKinds.PARTITION_SKEW,
                Category.INTEGRATION,
                Level.WARNING,
                StreamSignals.confidence(StreamSignals.above(median, threshold), agree.share()),
                subject,
                "Topic " + topic + " is skewed: its fullest partition holds " + StreamSignals.num(median)
                        + " times the mean of its " + StreamSignals.num(count) + " partitions ("
                        + StreamSignals.num(total)
                        + " records): its producers' keys (or partitioner) put most records on one partition",
                List.of(new Evidence(
                        SKEW,
                        skew.labels(),
                        "median",
                        median,
                        ">=",
                        threshold,
                        history.from(),
                        history.to(),
                        "at or above in " + agree.agreeing() + " of " + agree.total() + " collections")));
    }

    private static List<Finding> lag(History history) {
        Map<Map<String, String>, List<Series>> byGroupTopic = new TreeMap<>(Comparator.comparing(Map::toString));
        for (Series s : history.series(PARTITION_LAG)) {
            Map<String, String> key = StreamSignals.subject(s, "group", "topic", "target");
            if (key.size() == 3
                    && s.labels().containsKey("partition")
                    && !s.points().isEmpty()) {
                byGroupTopic.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byGroupTopic.forEach((subject, partitions) -> {
            if (partitions.size() < 2) {
                return;
            }
            double total = 0;
            Series top = null;
            double topMean = -1;
            for (Series p : partitions) {
                double mean = SeriesStats.mean(p);
                total += mean;
                if (mean > topMean) {
                    topMean = mean;
                    top = p;
                }
            }
            double share = total <= 0 ? 0 : topMean / total;
            if (total < MIN_LAG || share < LAG_SHARE) {
                return;
            }
            String partition = top.labels().get("partition");
            findings.add(new Finding(
                    FindingKinds.PARTITION_SKEW,
                    Category.INTEGRATION,
                    Level.WARNING,
                    StreamSignals.confidence(
                            (share - LAG_SHARE) / (1 - LAG_SHARE), StreamSignals.above(total, MIN_LAG)),
                    subject,
                    "Consumer group " + subject.get("group") + " lags on one partition of " + subject.get("topic")
                            + ": partition " + partition + " holds " + StreamSignals.percent(share) + " of its lag ("
                            + StreamSignals.num(topMean) + " of " + StreamSignals.num(total)
                            + " records on average): a hot key or a stuck partition",
                    List.of(new Evidence(
                            PARTITION_LAG,
                            top.labels(),
                            "share_of_group_lag",
                            share,
                            ">=",
                            LAG_SHARE,
                            history.from(),
                            history.to(),
                            "mean lag of the partition over the sum of the " + partitions.size()
                                    + " partitions' mean lags"))));
        });
        return findings;
    }
}
