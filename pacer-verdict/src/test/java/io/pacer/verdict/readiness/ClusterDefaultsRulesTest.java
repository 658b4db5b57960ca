package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Snapshots.broker;
import static io.pacer.verdict.readiness.Snapshots.brokers;
import static io.pacer.verdict.readiness.Snapshots.cluster;
import static io.pacer.verdict.readiness.Snapshots.input;
import static io.pacer.verdict.readiness.Snapshots.only;
import static io.pacer.verdict.readiness.Snapshots.topic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterDefaultsRulesTest {

    private final ClusterDefaultsRules rules = new ClusterDefaultsRules();

    private static final Map<String, String> SOUND =
            Map.of("auto.create.topics.enable", "false", "default.replication.factor", "3", "min.insync.replicas", "2");

    private static List<ClusterSnapshot.Broker> three(Map<String, String> configs) {
        return List.of(broker(1, configs), broker(2, configs), broker(3, configs));
    }

    @Test
    void soundDefaultsAndReplicatedInternalTopicsPass() {
        ClusterSnapshot c = cluster(three(SOUND), List.of(topic("__consumer_offsets", 50, 3, 3, Map.of())));
        assertThat(rules.check(input(Environment.PRODUCTION, c))).isEmpty();
    }

    @Test
    void autoCreatedTopics() {
        Map<String, String> auto = new java.util.HashMap<>(SOUND);
        auto.put("auto.create.topics.enable", "true");
        auto.put("num.partitions", "1");
        List<Finding> found = only(
                rules.check(input(Environment.PRODUCTION, cluster(three(auto), List.of()))),
                "cluster.auto-create-topics");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.evidence())
                    .hasSize(3)
                    .first()
                    .isEqualTo(new Evidence("auto.create.topics.enable=true, num.partitions=1", "broker 1"));
            assertThat(f.fix()).startsWith("auto.create.topics.enable=false");
        });
        assertThat(only(
                        rules.check(input(Environment.DEVELOPMENT, cluster(three(auto), List.of()))),
                        "cluster.auto-create-topics"))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
    }

    @Test
    void weakDefaultsAreJudgedAgainstWhatTheClusterCanGive() {
        Map<String, String> weak = Map.of("default.replication.factor", "1", "min.insync.replicas", "1");
        Finding f = only(
                        rules.check(input(Environment.PRODUCTION, cluster(three(weak), List.of()))),
                        "cluster.weak-topic-defaults")
                .get(0);
        assertThat(f.evidence())
                .contains(
                        new Evidence("default.replication.factor=1", "broker 2"),
                        new Evidence("min.insync.replicas=1", "broker 2"));
        assertThat(f.fix())
                .isEqualTo("kafka-configs.sh --bootstrap-server kafka-1:9092 --entity-type brokers"
                        + " --entity-default --alter --add-config min.insync.replicas=2, and default.replication.factor=3 in"
                        + " server.properties (rolling restart)");
        // one broker can give one replica: a default of 1 is all it has
        ClusterSnapshot single = cluster(List.of(broker(1, weak)), List.of());
        assertThat(only(rules.check(input(Environment.PRODUCTION, single)), "cluster.weak-topic-defaults"))
                .isEmpty();
    }

    @Test
    void internalTopicsWithTooFewReplicas() {
        ClusterSnapshot thin = cluster(
                three(SOUND),
                List.of(
                        topic("__consumer_offsets", 50, 1, 3, Map.of()),
                        topic("__transaction_state", 50, 2, 3, Map.of()),
                        topic("__other_internal", 1, 1, 3, Map.of())));
        List<Finding> found =
                only(rules.check(input(Environment.PRODUCTION, thin)), "cluster.internal-topic-replication");
        assertThat(found).extracting(Finding::severity).containsExactly(Severity.CRITICAL, Severity.WARNING);
        assertThat(found.get(0).fix())
                .contains("{\"topic\":\"__consumer_offsets\",\"partition\":49,\"replicas\":[2,3,1]}");
        assertThat(found.get(0).why()).contains("committed offsets");
        assertThat(found.get(1).why()).contains("transaction");
        ClusterSnapshot single = cluster(brokers(1), List.of(topic("__consumer_offsets", 4, 1, 1, Map.of())));
        assertThat(rules.check(input(Environment.PRODUCTION, single)))
                .singleElement()
                .satisfies(f -> assertThat(f.fix()).startsWith("the cluster has 1 broker(s), too few"));
    }
}
