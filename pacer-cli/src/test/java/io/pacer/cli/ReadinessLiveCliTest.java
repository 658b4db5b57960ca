package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.embedded.EmbeddedKafka;
import io.pacer.internal.Json;
import io.pacer.testing.KafkaExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code pacer readiness --bootstrap} against a real broker, with the target's resources given by flags. */
@ExtendWith(KafkaExtension.class)
class ReadinessLiveCliTest {

    @Test
    void aMisconfiguredTopicAndAWeakTargetAreFindingsWithTheirFixes(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(
                            new NewTopic("readiness-orders", 3, (short) 1).configs(Map.of("min.insync.replicas", "1"))))
                    .all()
                    .get();
        }
        Cli cli = Cli.run(
                "readiness",
                "--bootstrap",
                kafka.bootstrapServers(),
                "--topic",
                "readiness-orders",
                "--cpus",
                "1",
                "--gc",
                "Serial",
                "--output",
                "-");

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.FAILED_RUN);
        JsonNode report = Json.documentReader().readTree(cli.out());
        List<String> rules = new ArrayList<>();
        report.path("findings").forEach(f -> rules.add(f.path("ruleId").asText()));
        assertThat(rules)
                .contains(
                        "cluster.replication-factor",
                        "cluster.min-insync-replicas",
                        "resources.cpu-count",
                        "resources.gc-choice");
        JsonNode replication = finding(report, "cluster.replication-factor");
        assertThat(replication.path("severity").asText()).isEqualTo("critical");
        assertThat(replication.path("evidence").toString()).contains("readiness-orders");
        assertThat(replication.path("fix").asText()).contains("replication factor 3");
        Set<String> checked = Set.copyOf(report.findValuesAsText("category"));
        assertThat(checked).contains("cluster", "resources");
    }

    private static JsonNode finding(JsonNode report, String ruleId) {
        for (JsonNode f : report.path("findings")) {
            if (f.path("ruleId").asText().equals(ruleId)) {
                return f;
            }
        }
        throw new AssertionError("no finding " + ruleId + " in " + report);
    }
}
