package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Snapshots.brokers;
import static io.pacer.verdict.readiness.Snapshots.cluster;
import static io.pacer.verdict.readiness.Snapshots.input;
import static io.pacer.verdict.readiness.Snapshots.only;
import static io.pacer.verdict.readiness.Snapshots.topic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterRulesTest {

    private final ClusterRules rules = new ClusterRules();

    private List<Finding> check(Environment env, ClusterSnapshot cluster, String ruleId) {
        return only(rules.check(input(env, cluster)), ruleId);
    }

    private static ClusterSnapshot oneTopic(int rf, int brokers, Map<String, String> configs) {
        return cluster(brokers(brokers), List.of(topic("orders", 3, rf, brokers, configs)));
    }

    @ParameterizedTest(name = "replication {0} in {1}: {2}")
    @CsvSource({
        "1, PRODUCTION, CRITICAL",
        "1, STAGING, WARNING",
        "1, DEVELOPMENT, INFO",
        "2, PRODUCTION, WARNING",
        "2, DEVELOPMENT, INFO",
        "3, PRODUCTION, ",
    })
    void replicationFactorBelowThreeBySeverityPerEnvironment(int rf, Environment env, Severity expected) {
        List<Finding> found =
                check(env, oneTopic(rf, 3, Map.of("min.insync.replicas", "1")), "cluster.replication-factor");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(expected);
                assertThat(f.category()).isEqualTo(Category.CLUSTER);
                assertThat(f.evidence()).anySatisfy(e -> assertThat(e.where()).isEqualTo("topic orders"));
            });
        }
    }

    @Test
    void replicationFixIsAReassignmentThatKeepsEachPreferredLeaderAndSpreadsTheNewReplicas() {
        Finding f = check(Environment.PRODUCTION, oneTopic(1, 3, Map.of()), "cluster.replication-factor")
                .get(0);
        assertThat(f.fix())
                .contains("{\"topic\":\"orders\",\"partition\":0,\"replicas\":[1,2,3]}")
                .contains("{\"topic\":\"orders\",\"partition\":1,\"replicas\":[2,3,1]}")
                .contains("{\"topic\":\"orders\",\"partition\":2,\"replicas\":[3,1,2]}")
                .endsWith("kafka-reassign-partitions.sh --bootstrap-server kafka-1:9092 --reassignment-json-file"
                        + " replication-orders.json --execute");
    }

    @Test
    void replicationFixOnATooSmallClusterSaysToAddBrokers() {
        Finding single = check(Environment.PRODUCTION, oneTopic(1, 1, Map.of()), "cluster.replication-factor")
                .get(0);
        assertThat(single.fix())
                .startsWith("the cluster has 1 broker(s), too few for replication factor 3: add brokers")
                .doesNotContain("reassign");
        Finding two = check(Environment.PRODUCTION, oneTopic(1, 2, Map.of()), "cluster.replication-factor")
                .get(0);
        assertThat(two.fix()).contains("meanwhile raise it to 2").contains("\"replicas\":[1,2]");
    }

    @Test
    void minInsyncOfOneIsFlaggedWithTheExactCommand() {
        Finding f = check(
                        Environment.PRODUCTION,
                        oneTopic(3, 3, Map.of("min.insync.replicas", "1")),
                        "cluster.min-insync-replicas")
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.evidence())
                .containsExactly(new Evidence("min.insync.replicas=1, replication factor 3", "topic orders"));
        assertThat(f.fix())
                .isEqualTo("kafka-configs.sh --bootstrap-server kafka-1:9092 --entity-type topics --entity-name orders"
                        + " --alter --add-config min.insync.replicas=2");
        assertThat(check(
                        Environment.PRODUCTION,
                        oneTopic(3, 3, Map.of("min.insync.replicas", "2")),
                        "cluster.min-insync-replicas"))
                .isEmpty();
    }

    @Test
    void minInsyncFixOnAThinTopicRaisesReplicationFirst() {
        Finding f = check(
                        Environment.STAGING,
                        oneTopic(1, 3, Map.of("min.insync.replicas", "1")),
                        "cluster.min-insync-replicas")
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.fix()).startsWith("first raise the replication factor to 3 (cluster.replication-factor), then: ");
    }

    @ParameterizedTest(name = "replication {0}, min.insync.replicas {1} in {2}: {3}")
    @CsvSource({
        "2, 3, PRODUCTION, WARNING",
        "2, 3, DEVELOPMENT, INFO",
        "3, 3, PRODUCTION, WARNING",
        "3, 3, STAGING, WARNING",
        "2, 2, DEVELOPMENT, INFO",
        "3, 2, PRODUCTION, ",
        "1, 1, PRODUCTION, ",
        "1, 2, PRODUCTION, ",
    })
    void minInsyncNotBelowReplicationStopsAcksAllOnAnyLaggingReplica(
            int rf, int minIsr, Environment env, Severity expected) {
        List<Finding> found = check(
                env,
                oneTopic(rf, 3, Map.of("min.insync.replicas", "" + minIsr)),
                "cluster.min-insync-not-below-replication");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(expected);
                assertThat(f.fix())
                        .startsWith("kafka-configs.sh --bootstrap-server kafka-1:9092 --entity-type topics"
                                + " --entity-name orders --alter --add-config min.insync.replicas=" + (rf - 1));
                assertThat(f.why()).contains(minIsr > rf ? "counts as the replica count" : "rolling restart");
            });
        }
    }

    @Test
    void aSettingAboveTheReplicaCountOfOneCountsAsOne() {
        Finding f = check(
                        Environment.PRODUCTION,
                        oneTopic(1, 3, Map.of("min.insync.replicas", "2")),
                        "cluster.min-insync-replicas")
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.why()).endsWith("The broker counts min.insync.replicas=2 as 1: the topic has no more replicas.");
        assertThat(f.fix()).startsWith("first raise the replication factor to 3");
    }

    @Test
    void uncleanLeaderElection() {
        Finding f = check(
                        Environment.PRODUCTION,
                        oneTopic(3, 3, Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "true")),
                        "cluster.unclean-leader-election")
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.fix()).endsWith("--entity-name orders --alter --add-config unclean.leader.election.enable=false");
        assertThat(check(
                        Environment.PRODUCTION,
                        oneTopic(3, 3, Map.of("unclean.leader.election.enable", "false")),
                        "cluster.unclean-leader-election"))
                .isEmpty();
    }

    @Test
    void offlineAndUnderReplicatedPartitions() {
        ClusterSnapshot.Topic t = topic("orders", 3, 3, 3, Map.of("min.insync.replicas", "2"));
        List<ClusterSnapshot.Partition> ps = List.of(
                new ClusterSnapshot.Partition(0, -1, List.of(1, 2, 3), List.of(), 0),
                new ClusterSnapshot.Partition(1, 2, List.of(2, 3, 1), List.of(2, 3), 0),
                t.partitions().get(2));
        ClusterSnapshot sick = cluster(brokers(3), List.of(Snapshots.withPartitions(t, ps)));
        assertThat(check(Environment.PRODUCTION, sick, "cluster.offline-partitions"))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence())
                        .containsExactly(new Evidence("no leader; replicas [1, 2, 3]", "partition orders-0")));
        assertThat(check(Environment.PRODUCTION, sick, "cluster.under-replicated-partitions"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.WARNING);
                    assertThat(f.evidence().get(0).setting()).endsWith("out of sync on broker(s) [1]");
                });
        List<ClusterSnapshot.Partition> belowMin =
                List.of(new ClusterSnapshot.Partition(0, 1, List.of(1, 2, 3), List.of(1), 0));
        assertThat(check(
                        Environment.PRODUCTION,
                        cluster(brokers(3), List.of(Snapshots.withPartitions(t, belowMin))),
                        "cluster.under-replicated-partitions"))
                .singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.CRITICAL));
        ClusterSnapshot healthy = cluster(brokers(3), List.of(t));
        assertThat(rules.check(input(Environment.PRODUCTION, healthy))).isEmpty();
    }

    @Test
    void focusLimitsTheTopicsAndNamesMissingOnes() {
        ClusterSnapshot c = cluster(
                brokers(3),
                List.of(
                        topic("orders", 3, 3, 3, Map.of("min.insync.replicas", "2")),
                        topic("scratch", 1, 1, 3, Map.of("min.insync.replicas", "1")),
                        topic("__consumer_offsets", 50, 1, 3, Map.of("min.insync.replicas", "1")),
                        topic(QuickBench.TOPIC, 6, 1, 3, Map.of("min.insync.replicas", "1"))));
        List<Finding> everything = rules.check(input(Environment.PRODUCTION, c));
        assertThat(everything).extracting(Finding::title).anyMatch(t -> t.contains("scratch"));
        assertThat(everything).extracting(Finding::title).noneMatch(t -> t.contains("__consumer_offsets"));
        assertThat(everything).extracting(Finding::title).noneMatch(t -> t.contains(QuickBench.TOPIC));
        assertThat(rules.check(input(Environment.PRODUCTION, c, List.of(QuickBench.TOPIC))))
                .extracting(Finding::ruleId)
                .contains("cluster.replication-factor");
        assertThat(rules.check(input(Environment.PRODUCTION, c, List.of("orders"))))
                .isEmpty();
        List<Finding> missing = rules.check(input(Environment.PRODUCTION, c, List.of("orders", "payments")));
        assertThat(missing).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("cluster.topic-missing");
            assertThat(f.fix())
                    .isEqualTo(
                            "kafka-topics.sh --bootstrap-server kafka-1:9092 --create --topic payments --partitions 6"
                                    + " --replication-factor 3 --config min.insync.replicas=2");
        });
    }

    @Test
    void idleConsumersFromAssignmentsOrFromCounts() {
        ClusterSnapshot.Topic orders = topic("orders", 3, 3, 3, Map.of("min.insync.replicas", "2"));
        var known = new ClusterSnapshot.Group("billing", "Stable", 5, List.of("orders"), 2);
        Finding f = only(
                        rules.check(
                                input(Environment.PRODUCTION, cluster(brokers(3), List.of(orders), List.of(known)))),
                        "cluster.idle-consumers")
                .get(0);
        assertThat(f.title()).isEqualTo("group billing has 2 idle consumer(s)");
        assertThat(f.evidence()).contains(new Evidence("3 partitions", "topic orders"));
        assertThat(f.fix())
                .endsWith("kafka-topics.sh --bootstrap-server kafka-1:9092 --alter --topic orders --partitions 5");
        var counted = new ClusterSnapshot.Group("billing", "PreparingRebalance", 4, List.of("orders"));
        assertThat(only(
                        rules.check(
                                input(Environment.DEVELOPMENT, cluster(brokers(3), List.of(orders), List.of(counted)))),
                        "cluster.idle-consumers"))
                .singleElement()
                .satisfies(g -> assertThat(g.severity()).isEqualTo(Severity.INFO));
        var fits = new ClusterSnapshot.Group("billing", "Stable", 3, List.of("orders"), 0);
        assertThat(rules.check(input(Environment.PRODUCTION, cluster(brokers(3), List.of(orders), List.of(fits)))))
                .isEmpty();
    }

    @Test
    void farFewerConsumersThanPartitionsIsANote() {
        ClusterSnapshot.Topic wide = topic("clicks", 12, 3, 3, Map.of("min.insync.replicas", "2"));
        var one = new ClusterSnapshot.Group("stats", "Stable", 1, List.of("clicks"), 0);
        assertThat(rules.check(input(Environment.PRODUCTION, cluster(brokers(3), List.of(wide), List.of(one)))))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("cluster.few-consumers");
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                });
        var four = new ClusterSnapshot.Group("stats", "Stable", 4, List.of("clicks"), 0);
        assertThat(rules.check(input(Environment.PRODUCTION, cluster(brokers(3), List.of(wide), List.of(four)))))
                .isEmpty();
    }

    @Test
    void noClusterNoFindings() {
        ReadinessInput none =
                new ReadinessInput(Environment.PRODUCTION, null, null, null, null, null, List.of(), null, null);
        assertThat(rules.applies(none)).isFalse();
        assertThat(rules.check(none)).isEmpty();
        assertThat(rules.ruleIds()).doesNotHaveDuplicates().allMatch(id -> id.startsWith("cluster."));
    }
}
