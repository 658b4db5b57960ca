package io.pacer.analysis.detect;

import static io.pacer.analysis.detect.StreamShapes.WINDOW;
import static io.pacer.analysis.detect.StreamShapes.gauge;
import static io.pacer.analysis.detect.StreamShapes.inLast;
import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.Level;
import io.pacer.analysis.Synthetic;
import io.pacer.monitor.store.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lag growth and partition skew over the shapes the demo's calm and slow-consumer phases give. */
class KafkaDetectorsTest {

    private static final Map<String, String> GROUP = Map.of("group", "demo-consumers", "target", "127.0.0.1:9092");
    private static final Map<String, String> TOPIC = Map.of("topic", "demo-events", "target", "127.0.0.1:9092");

    /** A calm group: status OK with a WARN blip now and then, lag bouncing between 0 and a few hundred records. */
    private static List<Series> calmGroup(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Series status = Synthetic.series(
                "kafka.group.status", GROUP, WINDOW, StreamShapes.STEP, m -> random.nextDouble() < 0.08 ? 2 : 1);
        Series lag = gauge("kafka.group.lag.records", GROUP, 1.0, seed, m -> 150);
        return List.of(status, lag);
    }

    /** The slow consumer: for the last minute the lag grows 150 records/s and Burrow says WARN after 20 s. */
    private static List<Series> slowConsumer(long seed) {
        Series status = Synthetic.series(
                "kafka.group.status", GROUP, WINDOW, StreamShapes.STEP, m -> inLast(m, 40 / 60.0) ? 2 : 1);
        Series lag = gauge(
                "kafka.group.lag.records",
                GROUP,
                0.1,
                seed,
                m -> inLast(m, 1) ? 50 + 150 * (m - (StreamShapes.MINUTES - 1)) * 60 : 50);
        return List.of(status, lag);
    }

    @Test
    void aConsumerFallingBehindIsFoundWithHowMuchAndSinceWhen() {
        List<Finding> found = new LagGrowthDetector()
                .detect(Synthetic.context(WINDOW, slowConsumer(1).toArray(Series[]::new)));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(FindingKinds.LAG_GROWTH);
            assertThat(f.level()).isEqualTo(Level.CRITICAL);
            assertThat(f.subject()).isEqualTo(GROUP);
            assertThat(f.summary()).contains("demo-consumers", "falls behind", "records");
            // the rise began at 11:59:00, 20 s before Burrow said WARN; noise may move its start a point or two
            assertThat(f.summary()).containsPattern("since 2026-11-29T11:(58:5[0-9]|59:00)Z");
            assertThat(f.confidence()).isGreaterThan(0.8);
            assertThat(f.evidence())
                    .extracting(e -> e.series())
                    .containsExactly("kafka.group.status", "kafka.group.lag.records");
            assertThat(f.evidence().get(1).observed()).isGreaterThan(3_000);
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void aCalmGroupWithWarnBlipsAndABouncingLagIsNotReported(long seed) {
        assertThat(new LagGrowthDetector()
                        .detect(Synthetic.context(WINDOW, calmGroup(seed).toArray(Series[]::new))))
                .isEmpty();
    }

    @Test
    void aWarnOverAHandfulOfRecordsIsNotReported() {
        // Burrow's allowed lag is 0: a lightly loaded group can say WARN for a while over a dozen records
        Series status = Synthetic.series("kafka.group.status", GROUP, WINDOW, StreamShapes.STEP, m -> 2);
        Series lag = Synthetic.series("kafka.group.lag.records", GROUP, WINDOW, StreamShapes.STEP, m -> 5 + m);
        assertThat(new LagGrowthDetector().detect(Synthetic.context(WINDOW, status, lag)))
                .isEmpty();
    }

    @Test
    void aStoppedConsumerOverABacklogIsReportedEvenWhenTheLagNoLongerGrows() {
        Series status = Synthetic.series("kafka.group.status", GROUP, WINDOW, StreamShapes.STEP, m -> 4);
        Series lag = Synthetic.series("kafka.group.lag.records", GROUP, WINDOW, StreamShapes.STEP, m -> 20_000);
        assertThat(new LagGrowthDetector().detect(Synthetic.context(WINDOW, status, lag)))
                .singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("stopped consuming", "20,000", "STOP"));
    }

    private static Series[] topic(double skew, double records) {
        return new Series[] {
            gauge("kafka.topic.skew.ratio", TOPIC, 0.05, 7, m -> skew),
            Synthetic.series("kafka.topic.partitions", TOPIC, WINDOW, StreamShapes.STEP, m -> 3),
            Synthetic.series("kafka.topic.records", TOPIC, WINDOW, StreamShapes.STEP, m -> records)
        };
    }

    @Test
    void aTopicWhoseFullestPartitionHoldsTwiceTheMeanIsSkewed() {
        assertThat(new PartitionSkewDetector().detect(Synthetic.context(WINDOW, topic(2.6, 60_000))))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.kind()).isEqualTo(FindingKinds.PARTITION_SKEW);
                    assertThat(f.subject()).isEqualTo(TOPIC);
                    assertThat(f.summary()).contains("demo-events", "2.6", "3 partitions");
                });
    }

    @Test
    void theDemosKeyedTrafficIsNotSkewedAndNeitherIsAYoungTopic() {
        assertThat(new PartitionSkewDetector().detect(Synthetic.context(WINDOW, topic(1.25, 60_000))))
                .isEmpty();
        // a few records, all on one partition: ratio 3, but nothing to speak of yet
        Series[] young = topic(3, 12);
        assertThat(new PartitionSkewDetector().detect(Synthetic.context(WINDOW, young)))
                .isEmpty();
    }

    private static Series[] partitionLags(double... lags) {
        List<Series> out = new ArrayList<>();
        for (int p = 0; p < lags.length; p++) {
            double lag = lags[p];
            Map<String, String> labels = Map.of(
                    "group", "demo-consumers", "topic", "demo-events", "partition", "" + p, "target", "127.0.0.1:9092");
            out.add(gauge("kafka.lag.records", labels, 0.3, p, m -> lag));
        }
        return out.toArray(Series[]::new);
    }

    @Test
    void lagHeldByOnePartitionIsSkewButLagSpreadOverAllIsNot() {
        assertThat(new PartitionSkewDetector().detect(Synthetic.context(WINDOW, partitionLags(40, 6_000, 60))))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.subject())
                            .containsEntry("group", "demo-consumers")
                            .containsEntry("topic", "demo-events");
                    assertThat(f.summary()).contains("partition 1");
                    assertThat(f.evidence().get(0).labels()).containsEntry("partition", "1");
                });
        assertThat(new PartitionSkewDetector().detect(Synthetic.context(WINDOW, partitionLags(1_500, 1_700, 1_400))))
                .isEmpty();
    }
}
