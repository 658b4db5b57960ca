package io.pacer.verdict.readiness;

import static io.pacer.verdict.readiness.Snapshots.broker;
import static io.pacer.verdict.readiness.Snapshots.brokers;
import static io.pacer.verdict.readiness.Snapshots.cluster;
import static io.pacer.verdict.readiness.Snapshots.input;
import static io.pacer.verdict.readiness.Snapshots.only;
import static io.pacer.verdict.readiness.Snapshots.topic;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClusterBalanceRulesTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private final ClusterBalanceRules rules = new ClusterBalanceRules();

    private List<Finding> check(Environment env, ClusterSnapshot cluster, String ruleId) {
        return only(rules.check(input(env, cluster)), ruleId);
    }

    /** {@code partitions} partitions with the given leaders and replica lists and sizes. */
    private static ClusterSnapshot.Topic placed(
            String name, Map<String, String> configs, int[][] replicas, int[] leaders, long[] sizes) {
        List<ClusterSnapshot.Partition> ps = new ArrayList<>();
        for (int p = 0; p < replicas.length; p++) {
            List<Integer> r = java.util.Arrays.stream(replicas[p]).boxed().toList();
            ps.add(new ClusterSnapshot.Partition(p, leaders[p], r, r, sizes[p]));
        }
        return new ClusterSnapshot.Topic(name, configs, ps);
    }

    @Test
    void leadersPiledOnOneBrokerWithEvenPreferredLeadersAskForAPreferredElection() {
        int[][] replicas = {{1, 2, 3}, {2, 3, 1}, {3, 1, 2}, {1, 2, 3}, {2, 3, 1}, {3, 1, 2}};
        int[] allOnOne = {1, 1, 1, 1, 1, 1};
        ClusterSnapshot c = cluster(brokers(3), List.of(placed("orders", Map.of(), replicas, allOnOne, new long[6])));
        Finding f = check(Environment.PRODUCTION, c, "cluster.leader-skew").get(0);
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.evidence())
                .containsExactly(
                        new Evidence("6 leader(s)", "broker 1"),
                        new Evidence("0 leader(s)", "broker 2"),
                        new Evidence("0 leader(s)", "broker 3"));
        assertThat(f.fix())
                .contains("kafka-leader-election.sh --bootstrap-server kafka-1:9092 --election-type PREFERRED"
                        + " --all-topic-partitions");
        int[] preferred = {1, 2, 3, 1, 2, 3};
        ClusterSnapshot balanced =
                cluster(brokers(3), List.of(placed("orders", Map.of(), replicas, preferred, new long[6])));
        assertThat(check(Environment.PRODUCTION, balanced, "cluster.leader-skew"))
                .isEmpty();
    }

    @Test
    void unevenPreferredLeadersAskForAReassignment() {
        int[][] replicas = {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}, {1, 3, 2}};
        ClusterSnapshot c =
                cluster(brokers(3), List.of(placed("orders", Map.of(), replicas, new int[] {1, 1, 1, 1}, new long[4])));
        assertThat(check(Environment.PRODUCTION, c, "cluster.leader-skew")
                        .get(0)
                        .fix())
                .contains("--topics-to-move-json-file move.json --broker-list 1,2,3 --generate")
                .contains("--reassignment-json-file plan.json --execute");
    }

    @Test
    void aSingleBrokerHasNoSkew() {
        ClusterSnapshot c = cluster(brokers(1), List.of(topic("orders", 6, 1, 1, Map.of())));
        assertThat(rules.check(input(Environment.PRODUCTION, c))).isEmpty();
    }

    @Test
    void bytesPiledOnOneBroker() {
        int[][] replicas = {{1}, {2}, {3}};
        ClusterSnapshot heavy = cluster(
                brokers(3),
                List.of(placed("logs", Map.of(), replicas, new int[] {1, 2, 3}, new long[] {20 * GIB, GIB, GIB})));
        Finding f = check(Environment.STAGING, heavy, "cluster.size-skew").get(0);
        assertThat(f.evidence()).contains(new Evidence("20.0 GiB", "broker 1"), new Evidence("1.0 GiB", "broker 3"));
        assertThat(f.fix()).contains("{\"version\":1,\"topics\":[{\"topic\":\"logs\"}]}");
        ClusterSnapshot young = cluster(
                brokers(3),
                List.of(placed("logs", Map.of(), replicas, new int[] {1, 2, 3}, new long[] {20 * MIB, MIB, MIB})));
        assertThat(check(Environment.STAGING, young, "cluster.size-skew")).isEmpty();
        ClusterSnapshot even =
                cluster(brokers(3), List.of(placed("logs", Map.of(), replicas, new int[] {1, 2, 3}, new long[] {
                    9 * GIB, 8 * GIB, 9 * GIB
                })));
        assertThat(check(Environment.STAGING, even, "cluster.size-skew")).isEmpty();
    }

    @Test
    void aHotPartitionWithinATopic() {
        int[][] replicas = {{1}, {1}, {1}, {1}};
        ClusterSnapshot hot =
                cluster(brokers(1), List.of(placed("clicks", Map.of(), replicas, new int[] {1, 1, 1, 1}, new long[] {
                    10 * MIB, 900 * MIB, 12 * MIB, 8 * MIB
                })));
        Finding f = check(Environment.PRODUCTION, hot, "cluster.partition-skew").get(0);
        assertThat(f.title()).isEqualTo("partition clicks-1 holds far more data than the others");
        assertThat(f.evidence().get(0).where()).isEqualTo("partition clicks-1");
        ClusterSnapshot small =
                cluster(brokers(1), List.of(placed("clicks", Map.of(), replicas, new int[] {1, 1, 1, 1}, new long[] {
                    MIB, 30 * MIB, MIB, MIB
                })));
        assertThat(check(Environment.PRODUCTION, small, "cluster.partition-skew"))
                .isEmpty();
        ClusterSnapshot unknown =
                cluster(brokers(1), List.of(placed("clicks", Map.of(), replicas, new int[] {1, 1, 1, 1}, new long[] {
                    -1, 900 * MIB, -1, -1
                })));
        assertThat(check(Environment.PRODUCTION, unknown, "cluster.partition-skew"))
                .isEmpty();
        assertThat(only(
                        new ClusterBalanceRules(GIB, MIB).check(input(Environment.PRODUCTION, small)),
                        "cluster.partition-skew"))
                .hasSize(1);
    }

    @ParameterizedTest(name = "{0}% free in {1}: {2}")
    @CsvSource({"5, PRODUCTION, CRITICAL", "5, DEVELOPMENT, INFO", "20, PRODUCTION, WARNING", "50, PRODUCTION, "})
    void logDirectorySpace(int percentFree, Environment env, Severity expected) {
        ClusterSnapshot c = cluster(List.of(broker(1, percentFree * GIB, 100 * GIB)), List.of());
        List<Finding> found = check(env, c, "cluster.log-dir-space");
        if (expected == null) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(expected);
                assertThat(f.evidence())
                        .containsExactly(
                                new Evidence(percentFree + ".0 GiB free of 100 GiB", "broker 1 /var/lib/kafka"));
            });
        }
    }

    @Test
    void retentionBeyondTheDiskIsFixedByTheRetentionTheFixProposes() {
        Map<String, String> big = Map.of("retention.bytes", "" + 10 * GIB, "segment.bytes", "" + GIB);
        Map<String, String> small = Map.of("retention.bytes", "" + GIB, "segment.bytes", "" + 256 * MIB);
        List<ClusterSnapshot.Topic> topics = List.of(topic("events", 12, 1, 1, big), topic("audit", 6, 1, 1, small));
        ClusterSnapshot c = cluster(List.of(broker(1, 90 * GIB, 100 * GIB)), topics);
        Finding f = check(Environment.PRODUCTION, c, "cluster.retention-exceeds-disk")
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.fix())
                .contains("--entity-name events --alter --add-config retention.bytes=")
                .contains("--entity-name audit --alter --add-config retention.bytes=");

        Map<String, Long> proposed = new HashMap<>();
        Matcher m = Pattern.compile("--entity-name (\\S+) --alter --add-config retention.bytes=(\\d+)")
                .matcher(f.fix());
        while (m.find()) {
            proposed.put(m.group(1), Long.parseLong(m.group(2)));
        }
        List<ClusterSnapshot.Topic> fixed = topics.stream()
                .map(t -> {
                    Map<String, String> configs = new HashMap<>(t.configs());
                    configs.put("retention.bytes", "" + proposed.get(t.name()));
                    return new ClusterSnapshot.Topic(t.name(), configs, t.partitions());
                })
                .toList();
        assertThat(check(
                        Environment.PRODUCTION,
                        cluster(List.of(broker(1, 90 * GIB, 100 * GIB)), fixed),
                        "cluster.retention-exceeds-disk"))
                .isEmpty();
    }

    @Test
    void retentionByTimeOnlyIsANoteThatBytesInIsUnknown() {
        ClusterSnapshot c = cluster(
                List.of(broker(1, 90 * GIB, 100 * GIB)),
                List.of(
                        topic("events", 3, 1, 1, Map.of("retention.bytes", "-1", "retention.ms", "604800000")),
                        topic("users", 3, 1, 1, Map.of("retention.bytes", "-1", "cleanup.policy", "compact"))));
        assertThat(check(Environment.PRODUCTION, c, "cluster.retention-by-time-only"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.evidence()).singleElement().satisfies(e -> {
                        assertThat(e.where()).isEqualTo("topic events");
                        assertThat(e.setting()).contains("retention.ms=604800000");
                    });
                });
        ClusterSnapshot bounded = cluster(
                List.of(broker(1, 90 * GIB, 100 * GIB)),
                List.of(topic("events", 3, 1, 1, Map.of("retention.bytes", "" + GIB, "segment.bytes", "" + GIB))));
        assertThat(rules.check(input(Environment.PRODUCTION, bounded))).isEmpty();
    }
}
