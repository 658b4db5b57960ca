package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

class ClientRulesTest {

    @TempDir
    Path dir;

    private static List<Finding> findings(ReadinessInput input) {
        List<Finding> all = new ArrayList<>();
        for (ReadinessCheck check : ReadinessChecks.all()) {
            if (check.applies(input)) {
                all.addAll(check.check(input));
            }
        }
        return all;
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    @TestFactory
    Stream<DynamicTest> eachRuleFlagsItsFailingConfigsAndPassesItsPassingOnes() {
        return RuleCases.CASES.stream()
                .map(c -> DynamicTest.dynamicTest(c.ruleId(), () -> {
                    for (String text : c.failing()) {
                        assertThat(ids(findings(RuleCases.input(dir, c, text, true, Environment.PRODUCTION))))
                                .as("%s on failing config %s", c.ruleId(), text)
                                .contains(c.ruleId());
                    }
                    for (String text : c.passing()) {
                        assertThat(ids(findings(RuleCases.input(dir, c, text, false, Environment.PRODUCTION))))
                                .as("%s on passing config %s", c.ruleId(), text)
                                .doesNotContain(c.ruleId());
                    }
                }));
    }

    @Test
    void everyClientRuleHasCases() {
        List<String> covered =
                RuleCases.CASES.stream().map(RuleCases.Case::ruleId).toList();
        List<String> rules = Stream.of(new ProducerChecks(), new ConsumerChecks(), new ClientSecurityChecks())
                .flatMap(c -> c.ruleIds().stream())
                .filter(id -> !id.equals(ClientSecurityChecks.SECRETS_WORLD_READABLE.id())) // a file mode: below
                .toList();
        assertThat(covered).containsExactlyInAnyOrderElementsOf(rules);
    }

    @Test
    void severityFollowsTheEnvironment() {
        RuleCases.Case plaintext = RuleCases.CASES.stream()
                .filter(c -> c.ruleId().equals("security.plaintext"))
                .findFirst()
                .orElseThrow();
        for (Environment env : Environment.values()) {
            Finding f = findings(RuleCases.input(dir, plaintext, "", true, env)).stream()
                    .filter(x -> x.ruleId().equals("security.plaintext"))
                    .findFirst()
                    .orElseThrow();
            assertThat(f.severity())
                    .isEqualTo(
                            switch (env) {
                                case PRODUCTION -> Severity.CRITICAL;
                                case STAGING -> Severity.WARNING;
                                case DEVELOPMENT -> Severity.INFO;
                            });
            assertThat(f.evidence()).containsExactly(new Evidence("security.protocol=PLAINTEXT", "default"));
            assertThat(f.fix()).isEqualTo("security.protocol=SASL_SSL");
        }
    }

    @Test
    void silentlyDisabledIdempotenceNamesTheLineThatDisabledIt() throws Exception {
        Path file = dir.resolve("producer.properties");
        Files.writeString(file, "# orders\nbootstrap.servers=kafka:9092\nacks=1\n");
        ReadinessInput input = new ReadinessInput(
                Environment.PRODUCTION,
                ClientConfigFile.read(file, ClientKind.PRODUCER).config(),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null);
        Finding f = findings(input).stream()
                .filter(x -> x.ruleId().equals("producer.idempotence-silently-disabled"))
                .findFirst()
                .orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.WARNING);
        assertThat(f.evidence())
                .containsExactly(
                        new Evidence("enable.idempotence not set (the client's default is true)", "default"),
                        new Evidence("acks=1", "producer.properties:3"));
        assertThat(f.fix()).isEqualTo("acks=all\nenable.idempotence=true");
    }

    @Test
    void aConflictThatStopsTheProducerIsCriticalEvenInDevelopment() {
        RuleCases.Case conflict = RuleCases.CASES.stream()
                .filter(c -> c.ruleId().equals("producer.idempotence-conflict"))
                .findFirst()
                .orElseThrow();
        List<Finding> found = findings(RuleCases.input(
                dir, conflict, "max.in.flight.requests.per.connection=6\n", true, Environment.DEVELOPMENT));
        Finding f = found.stream()
                .filter(x -> x.ruleId().equals("producer.idempotence-conflict"))
                .findFirst()
                .orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.fix()).isEqualTo("max.in.flight.requests.per.connection=5");
        assertThat(ids(found))
                .as("explained by the conflict, not reported twice")
                .doesNotContain("producer.rejected-by-client");
    }

    @Test
    void secretsInAWorldReadableFileAreFoundAndNeverShown() throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(
                file,
                "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security"
                        + ".plain.PlainLoginModule required username=\"u\" password=\"hunter2\";\n"
                        + "ssl.truststore.password=changeit\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ReadinessInput input = new ReadinessInput(
                Environment.PRODUCTION,
                ClientConfigFile.read(file, ClientKind.PRODUCER).config(),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null);
        Finding f = findings(input).stream()
                .filter(x -> x.ruleId().equals("security.secrets-world-readable"))
                .findFirst()
                .orElseThrow();
        assertThat(f.evidence())
                .containsExactly(
                        new Evidence("mode rw-r--r--", file.toString()),
                        new Evidence("sasl.jaas.config=[redacted]", "client.properties:3"),
                        new Evidence("ssl.truststore.password=[redacted]", "client.properties:4"));
        assertThat(f.fix()).isEqualTo("chmod 600 " + file);
        assertThat(findings(input).toString()).doesNotContain("hunter2").doesNotContain("changeit");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(ids(findings(input))).doesNotContain("security.secrets-world-readable");
    }

    @Test
    void minInsyncReplicasCountsOnlyUpToTheReplicationFactor() {
        RuleCases.Case c = RuleCases.CASES.stream()
                .filter(x -> x.ruleId().equals("producer.acks-all-min-isr-1"))
                .findFirst()
                .orElseThrow();
        ReadinessInput base = RuleCases.input(dir, c, "acks=all\n", true, Environment.PRODUCTION);
        for (RuleCases.TopicSetup setup : List.of(
                new RuleCases.TopicSetup(1, 1), new RuleCases.TopicSetup(1, 2), new RuleCases.TopicSetup(3, 1))) {
            ReadinessInput input = new ReadinessInput(
                    base.environment(),
                    base.producer(),
                    null,
                    RuleCases.cluster(setup),
                    null,
                    null,
                    List.of("orders"),
                    null,
                    null);
            Finding f = findings(input).stream()
                    .filter(x -> x.ruleId().equals(c.ruleId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(f.evidence())
                    .contains(
                            new Evidence("min.insync.replicas=" + setup.minInsyncReplicas(), "topic orders"),
                            new Evidence("replication factor " + setup.replicationFactor(), "topic orders"));
            String command = "kafka-configs.sh --bootstrap-server kafka-1:9092 --alter --entity-type topics"
                    + " --entity-name orders --add-config min.insync.replicas=2";
            if (setup.replicationFactor() < 3) {
                assertThat(f.fix())
                        .isEqualTo("First raise the topic's replication factor to 3 (it is 1;"
                                + " kafka-reassign-partitions.sh), then:\n" + command);
            } else {
                assertThat(f.fix()).isEqualTo(command);
            }
        }
    }

    @Test
    void theApplicationsOwnClassesAreNotHeldAgainstIt() throws Exception {
        Path file = dir.resolve("producer.properties");
        Files.writeString(
                file,
                "value.serializer=io.confluent.kafka.serializers.KafkaAvroSerializer\n"
                        + "partitioner.class=com.example.RegionPartitioner\nacks=all\ncompression.type=zstd\n"
                        + "security.protocol=SSL\n");
        ClientConfigFile read = ClientConfigFile.read(file, ClientKind.PRODUCER);
        assertThat(read.warnings()).isEmpty();
        ReadinessInput input = new ReadinessInput(
                Environment.PRODUCTION, read.config(), null, null, null, null, List.of(), null, null);
        assertThat(findings(input)).isEmpty();
    }

    @Test
    void latestIsNoNewsForAGroupTheClusterAlreadyKnows() {
        ClientConfig consumer = RuleCases.config(dir, ClientKind.CONSUMER, "group.id=orders\n");
        ClusterSnapshot empty = RuleCases.cluster(new RuleCases.TopicSetup(3, 2));
        ClusterSnapshot known = new ClusterSnapshot(
                empty.bootstrap(),
                empty.brokers(),
                empty.topics(),
                List.of(new ClusterSnapshot.Group("orders", "Stable", 2, List.of("orders"))));
        Finding unknown = findings(new ReadinessInput(
                        Environment.PRODUCTION, null, consumer, empty, null, null, List.of(), null, null))
                .stream()
                .filter(f -> f.ruleId().equals("consumer.auto-offset-reset-latest"))
                .findFirst()
                .orElseThrow();
        assertThat(unknown.evidence())
                .contains(new Evidence("group orders: not on the cluster", "cluster kafka-1:9092"));
        assertThat(ids(findings(new ReadinessInput(
                        Environment.PRODUCTION, null, consumer, known, null, null, List.of(), null, null))))
                .doesNotContain("consumer.auto-offset-reset-latest");
    }

    @Test
    void aRefusalTheRulesDoNotExplainCarriesTheClientsOwnMessage() {
        ReadinessInput input = new ReadinessInput(
                Environment.DEVELOPMENT,
                RuleCases.config(dir, ClientKind.PRODUCER, "acks=1\ntransactional.id=orders-tx\n"),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null);
        Finding f = findings(input).stream()
                .filter(x -> x.ruleId().equals("producer.rejected-by-client"))
                .findFirst()
                .orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(f.title())
                .isEqualTo("The producer refuses these settings: Cannot set a transactional.id without also enabling"
                        + " idempotence.");
    }
}
