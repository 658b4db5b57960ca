package io.pacer.verdict.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pacer.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessReportTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;

    private ReadinessReport report(Environment environment, ReadinessPolicy policy) throws Exception {
        Path producer = dir.resolve("producer.properties");
        Files.writeString(producer, "acks=1\ncompression.type=lz4\nlingr.ms=5\n");
        Path consumer = dir.resolve("consumer.properties");
        Files.writeString(consumer, "group.id=orders\nenable.auto.commit=false\nauto.offset.reset=earliest\n");
        ClientConfigFile p = ClientConfigFile.read(producer, ClientKind.PRODUCER);
        ClientConfigFile c = ClientConfigFile.read(consumer, ClientKind.CONSUMER);
        ReadinessInput input = new ReadinessInput(
                environment, p.config(), c.config(), null, null, null, List.of(), 2000.0, Duration.ofMillis(200));
        return Readiness.run(input, p.warnings(), ReadinessChecks.all(), policy, NOW);
    }

    @Test
    void findingsAreOrderedMostSevereFirstAndTheVerdictFollowsThePolicy() throws Exception {
        ReadinessReport report = report(Environment.PRODUCTION, ReadinessPolicy.DEFAULT);
        assertThat(report.findings())
                .extracting(f -> f.severity().label() + " " + f.ruleId())
                .containsExactly(
                        "critical producer.acks-not-all",
                        "critical security.plaintext",
                        "critical security.plaintext",
                        "warning producer.idempotence-silently-disabled",
                        "warning producer.reordering-possible");
        assertThat(report.verdict().ready()).isFalse();
        assertThat(report.verdict().reasons()).containsExactly("3 findings at or above critical (--fail-on critical)");

        ReadinessReport development = report(Environment.DEVELOPMENT, new ReadinessPolicy(90, Severity.WARNING));
        assertThat(development.count(Severity.CRITICAL)).isZero();
        assertThat(development.verdict().ready()).isTrue();
        assertThat(development.score().overall()).isEqualTo(100);
    }

    @Test
    void jsonFollowsSchemaOne() throws Exception {
        ReadinessReport report = report(Environment.PRODUCTION, new ReadinessPolicy(80, Severity.CRITICAL));
        JsonNode json = Json.documentReader().readTree(report.toJson());
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly("schema", "time", "environment", "inputs", "warnings", "findings", "score", "verdict");
        assertThat(json.get("schema").asText()).isEqualTo("pacer.readiness/1");
        assertThat(json.get("time").asText()).isEqualTo("2026-11-29T12:00:00Z");
        assertThat(json.get("environment").asText()).isEqualTo("production");
        assertThat(json.at("/inputs/producerConfig").asText()).endsWith("producer.properties");
        assertThat(json.at("/inputs/expectedRate").asDouble()).isEqualTo(2000.0);
        assertThat(json.at("/inputs/processingTimeMillis").asLong()).isEqualTo(200);
        assertThat(json.at("/inputs/bootstrap").isNull()).isTrue();
        assertThat(json.at("/inputs/quickBench").asBoolean()).isFalse();
        assertThat(json.at("/warnings/0").asText())
                .endsWith("producer.properties:3: The configuration 'lingr.ms' was supplied but isn't a known config."
                        + " Did you mean 'linger.ms'?");
        JsonNode first = json.at("/findings/0");
        assertThat(first.get("ruleId").asText()).isEqualTo("producer.acks-not-all");
        assertThat(first.get("category").asText()).isEqualTo("producer");
        assertThat(first.get("severity").asText()).isEqualTo("critical");
        assertThat(first.at("/evidence/0/setting").asText()).isEqualTo("acks=1");
        assertThat(first.at("/evidence/0/where").asText()).isEqualTo("producer.properties:1");
        assertThat(first.get("fix").asText()).isEqualTo("acks=all");
        assertThat(first.get("why").asText()).isNotBlank();
        assertThat(json.at("/score/overall").asInt()).isEqualTo(report.score().overall());
        assertThat(json.at("/score/categories/0/category").asText()).isEqualTo("producer");
        assertThat(json.at("/score/categories/0/deductions/0/points").asInt()).isEqualTo(40);
        assertThat(json.at("/score/notChecked/0/category").asText()).isEqualTo("cluster");
        assertThat(json.at("/verdict/ready").asBoolean()).isFalse();
        assertThat(json.at("/verdict/failOn").asText()).isEqualTo("critical");
        assertThat(json.at("/verdict/minScore").asInt()).isEqualTo(80);
    }

    @Test
    void textGroupsBySeverityWithEvidenceWhyAndFix() throws Exception {
        String text = ReadinessText.render(report(Environment.PRODUCTION, ReadinessPolicy.DEFAULT));
        assertThat(text)
                .startsWith("Readiness: NOT READY — score ")
                .contains("\nCRITICAL (3)\n  [producer.acks-not-all] acks=1: acknowledged records can be lost\n"
                        + "      evidence  acks=1  (producer.properties:1)\n      why       With acks=1")
                .contains("\nWARNING (2)\n")
                .contains("      fix       acks=all\n                enable.idempotence=true\n")
                .contains("  cluster      not checked: ")
                .contains("Warnings from reading the inputs:\n")
                .endsWith("Not ready: 3 findings at or above critical (--fail-on critical).\n");
        assertThat(text.indexOf("CRITICAL (")).isLessThan(text.indexOf("WARNING ("));
    }
}
