package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pacer.embedded.EmbeddedKafka;
import io.pacer.testing.KafkaExtension;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.suite.Scenario;
import io.pacer.verdict.suite.Suite;
import io.pacer.verdict.suite.SuiteListener;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(KafkaExtension.class)
class QuickBenchTest {

    private static GateResult gate(String text, String metric, Double measured, double bound, String unit, boolean ok) {
        return new GateResult(text, metric, null, measured, bound, unit, ok);
    }

    private static SuiteResult result(GateResult... gates) {
        ScenarioResult s = new ScenarioResult("latency", "kafka produce", null, List.of(gates), null, null);
        return new SuiteResult(SuiteResult.SCHEMA, "readiness-quick-bench", Instant.EPOCH, Instant.EPOCH, List.of(s));
    }

    @Test
    void everyFailedGateIsAFindingAndAPassedOneIsNot() {
        SuiteResult r = result(
                gate("p99<100ms", "p99", 143.25, 100, "ms", false),
                gate("errors<1%", "errors", 0.0, 1, "%", true),
                gate("throughput>=10000/s", "throughput", 7200.0, 10000, "/s", false));
        List<Finding> findings = QuickBench.findings(r, Environment.PRODUCTION);
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("performance.latency-gate");
            assertThat(f.category()).isEqualTo(Category.PERFORMANCE);
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.evidence())
                    .containsExactly(new Evidence(
                            "gate p99<100ms, measured 143.25 ms, bound 100 ms",
                            "quick bench scenario latency (kafka produce)"));
            assertThat(f.fix()).contains("pacer kafka tune --target-p99 100ms");
        });
        assertThat(findings.get(1)).satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("performance.throughput-gate");
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
        });
        assertThat(QuickBench.findings(result(gate("errors<1%", "errors", 0.0, 1, "%", true)), Environment.PRODUCTION))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "p50, performance.latency-gate",
        "p99.9, performance.latency-gate",
        "max, performance.latency-gate",
        "throughput, performance.throughput-gate",
        "errors, performance.errors-gate",
        "failed, performance.errors-gate",
        "lost, performance.gate",
    })
    void ruleIdsByMetric(String metric, String ruleId) {
        assertThat(QuickBench.ruleId(metric)).isEqualTo(ruleId);
        assertThat(QuickBench.RULE_IDS).contains(ruleId);
    }

    @Test
    void anUnmeasuredGateSaysSo() {
        Finding f = QuickBench.findings(
                        result(gate("p99<100ms", "p99", null, 100, "ms", false)), Environment.DEVELOPMENT)
                .get(0);
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.evidence().get(0).setting()).isEqualTo("gate p99<100ms, measured not measured, bound 100 ms");
    }

    @Test
    void theSuiteIsAimedAtTheCluster() {
        Suite suite = QuickBench.suite("kafka-1:9093", Path.of("admin.properties"), 3);
        assertThat(suite.scenarios()).extracting(Scenario::name).containsExactly("latency", "throughput");
        assertThat(suite.scenarios()).allSatisfy(s -> {
            assertThat(s.driver()).isEqualTo("kafka produce");
            assertThat(s.options().get("bootstrap").values()).containsExactly("kafka-1:9093");
            assertThat(s.options().get("replication-factor").values()).containsExactly("3");
            assertThat(s.options().get("producer-config").values()).containsExactly("admin.properties");
            assertThat(s.options().get("topic").values()).containsExactly(QuickBench.TOPIC);
            assertThat(s.gates()).isNotEmpty();
        });
        assertThat(QuickBench.suite("k:1", null, 1).scenarios())
                .allSatisfy(s -> assertThat(s.options()).doesNotContainKey("producer-config"));
        ClusterSnapshot five = Snapshots.cluster(Snapshots.brokers(5), List.of());
        assertThat(QuickBench.replicationFor(five)).isEqualTo(3);
        assertThat(QuickBench.replicationFor(Snapshots.cluster(Snapshots.brokers(1), List.of())))
                .isEqualTo(1);
    }

    @Test
    @Timeout(120)
    void runsAgainstARealBrokerAndReportsExactlyTheFailedGates(EmbeddedKafka kafka) throws Exception {
        ClusterSnapshot cluster = ClusterSnapshots.read(kafka.bootstrapServers(), null, Duration.ofSeconds(30));
        Suite suite = QuickBench.suite(kafka.bootstrapServers(), null, QuickBench.replicationFor(cluster));
        SuiteResult result = QuickBench.runSuite(suite, new ProduceLauncher(), SuiteListener.NONE, Clock.systemUTC());

        assertThat(result.scenarios()).extracting(ScenarioResult::name).containsExactly("latency", "throughput");
        assertThat(result.scenarios()).allSatisfy(s -> {
            assertThat(s.error()).isNull();
            assertThat(s.run().counts().ok()).isPositive();
        });
        long failed = result.scenarios().stream()
                .flatMap(s -> s.gates().stream())
                .filter(g -> !g.passed())
                .count();
        List<Finding> findings = QuickBench.findings(result, Environment.PRODUCTION);
        assertThat(findings).hasSize((int) failed);
        assertThat(findings)
                .allSatisfy(f -> assertThat(f.evidence().get(0).setting()).contains("measured"));
        ClusterSnapshot after = ClusterSnapshots.read(kafka.bootstrapServers(), null, Duration.ofSeconds(30));
        assertThat(after.topics())
                .filteredOn(t -> t.name().equals(QuickBench.TOPIC))
                .singleElement()
                .satisfies(t -> assertThat(t.partitions()).hasSize(6));
    }

    @Test
    @Timeout(60)
    void aClusterThatStopsAnsweringEndsTheBenchWithOneLine() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ClusterSnapshot gone =
                new ClusterSnapshot("127.0.0.1:" + port, List.of(Snapshots.broker(1)), List.of(), List.of());
        assertThatThrownBy(() ->
                        QuickBench.run(gone, null, Environment.PRODUCTION, new ProduceLauncher(), SuiteListener.NONE))
                .isInstanceOf(ReadinessSetupException.class)
                .hasMessageStartingWith("the quick bench's scenario latency could not run: ")
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining("\n");
    }
}
