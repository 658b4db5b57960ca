package io.pacer.analysis.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.analysis.AnalysisContext;
import io.pacer.analysis.Finding;
import io.pacer.analysis.FindingKinds;
import io.pacer.analysis.History;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.TopicSpec;
import io.pacer.monitor.kafka.KafkaLagCollector;
import io.pacer.monitor.kafka.KafkaLagSettings;
import io.pacer.monitor.store.MetricStore;
import io.pacer.monitor.store.StoreConfig;
import io.pacer.testing.KafkaExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka detectors over what the monitor's real lag collector writes into a real SQLite store, from a real broker:
 * a group committing a quarter of what is produced falls behind (Burrow's WARN, lag growing), a group committing
 * everything does not, and a topic written to one partition of three is skewed. Collections are stamped every 2 s
 * from a fixed instant (the collector's rules take the instant it is given), so no test time passes between them.
 */
@ExtendWith(KafkaExtension.class)
class KafkaStoreTest {
    private static final Instant START = Instant.parse("2026-11-29T11:55:00Z");
    private static final Duration STEP = Duration.ofSeconds(2);
    private static final int COLLECTIONS = 20;
    private static final Instant END = START.plus(STEP.multipliedBy(COLLECTIONS));
    private static final int PARTITIONS = 3;
    private static final int PRODUCED = 100;
    private static final int SLOW_COMMITS = 25;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aSlowGroupFallsBehindACalmOneDoesNotAndAOnePartitionTopicIsSkewed(EmbeddedKafka kafka) throws Exception {
        String bootstrap = kafka.bootstrapServers();
        String slow = "det-stream-slow";
        String calm = "det-stream-calm";
        String hot = "det-stream-hot";
        try (KafkaSetup setup = KafkaSetup.connect(KafkaConnection.of(bootstrap))) {
            for (String topic : List.of(slow, calm, hot)) {
                setup.createTopic(TopicSpec.of(topic, PARTITIONS));
            }
        }
        List<Finding> found;
        try (MetricStore store = MetricStore.open(StoreConfig.sqlite(dir), Clock.fixed(END, ZoneOffset.UTC));
                KafkaLagCollector collector = KafkaLagCollector.create(KafkaLagSettings.of(bootstrap)
                        .withGroups(Set.of(slow + "-group", calm + "-group"))
                        .withInterval(STEP));
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                KafkaProducer<String, String> producer = producer(bootstrap)) {
            Map<TopicPartition, Long> slowCommitted = logEnd(admin, slow);
            for (int i = 0; i < COLLECTIONS; i++) {
                for (int p = 0; p < PARTITIONS; p++) {
                    for (int r = 0; r < PRODUCED; r++) {
                        producer.send(new ProducerRecord<>(slow, p, null, "s" + r));
                        producer.send(new ProducerRecord<>(calm, p, null, "c" + r));
                        producer.send(new ProducerRecord<>(hot, 0, null, "h" + r)); // every record on partition 0
                    }
                }
                producer.flush();
                slowCommitted.replaceAll((tp, offset) -> offset + SLOW_COMMITS);
                commit(admin, slow + "-group", slowCommitted);
                commit(admin, calm + "-group", logEnd(admin, calm));
                store.write(collector.collect(START.plus(STEP.multipliedBy(i))));
            }
            store.flush();
            AnalysisContext context = AnalysisContext.of(History.of(store, START, END));
            found = StreamDetectors.all().stream()
                    .flatMap(d -> d.detect(context).stream())
                    .filter(f -> f.subject().values().stream().anyMatch(v -> v.startsWith("det-stream-")))
                    .toList();
        }
        found.forEach(f -> System.out.println(f.id() + " " + f.level() + " " + f.confidence() + ": " + f.summary()));
        assertThat(found)
                .extracting(Finding::id)
                .containsExactlyInAnyOrder(
                        FindingKinds.LAG_GROWTH + "{group=" + slow + "-group, target=" + bootstrap + "}",
                        FindingKinds.PARTITION_SKEW + "{target=" + bootstrap + ", topic=" + hot + "}");
        assertThat(found)
                .filteredOn(f -> f.kind().equals(FindingKinds.LAG_GROWTH))
                .singleElement()
                .satisfies(f -> {
                    // 75 records a partition a collection: 225 a collection over the stretch Burrow says WARN
                    assertThat(f.evidence().get(1).observed()).isGreaterThan(1_000);
                    assertThat(f.summary()).contains(slow + "-group", "falls behind");
                    // the topic is named too: the group's own series carry only the group
                    assertThat(f.evidence().get(2).labels()).containsEntry("topic", slow);
                });
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class));
    }

    private static Map<TopicPartition, Long> logEnd(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        admin.alterConsumerGroupOffsets(group, commits).all().get(30, TimeUnit.SECONDS);
    }
}
