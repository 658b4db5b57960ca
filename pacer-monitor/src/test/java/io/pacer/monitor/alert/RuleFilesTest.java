package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFilesTest {

    @Test
    void readsEveryFieldOfAYamlRuleAndWebhook() {
        RuleFile file = RuleFiles.parse("""
                rules:
                  - name: disk-full
                    metric: host.disk.used.ratio
                    labels: {mount: "~/data.*", host: db1}
                    warning: 0.8
                    critical: 0.95
                    direction: above
                    for: 2m
                    hysteresis: 2%
                    aggregate: avg
                    window: 5m
                    action: cleanup_storage
                    summary: disk filling up
                  - name: throughput
                    metric: stream.throughput.per_second
                    critical: 1
                    direction: below
                    for: 0
                    hysteresis: 0.5
                webhooks:
                  - url: http://127.0.0.1:9/hook
                    headers: {Authorization: Bearer abc}
                    maxAttempts: 3
                    initialBackoff: 10ms
                    maxBackoff: 1s
                """, "rules.yaml");
        assertThat(file.rules()).hasSize(2);
        AlertRule disk = file.rules().get(0);
        assertThat(disk)
                .isEqualTo(new AlertRule(
                        "disk-full",
                        "host.disk.used.ratio",
                        Map.of("mount", "~/data.*", "host", "db1"),
                        0.8,
                        0.95,
                        Direction.ABOVE,
                        Duration.ofMinutes(2),
                        new Hysteresis(0.02, true),
                        Aggregation.AVG,
                        Duration.ofMinutes(5),
                        "cleanup_storage",
                        "disk filling up"));
        AlertRule low = file.rules().get(1);
        assertThat(low.direction()).isEqualTo(Direction.BELOW);
        assertThat(low.forDuration()).isZero();
        assertThat(low.hysteresis()).isEqualTo(new Hysteresis(0.5, false));
        assertThat(file.webhooks()).singleElement().satisfies(w -> {
            assertThat(w.url()).isEqualTo(URI.create("http://127.0.0.1:9/hook"));
            assertThat(w.headers()).containsEntry("Authorization", "Bearer abc");
            assertThat(w.maxAttempts()).isEqualTo(3);
            assertThat(w.initialBackoff()).isEqualTo(Duration.ofMillis(10));
            assertThat(w.queueCapacity()).isEqualTo(WebhookConfig.DEFAULT_QUEUE_CAPACITY);
        });
    }

    @Test
    void acceptsSeed002ThresholdJsonExactlyAsWritten() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/alert/seed-002-thresholds.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RuleFile file = RuleFiles.parse(json, "thresholds.json");
        assertThat(file.rules())
                .extracting(
                        AlertRule::name,
                        AlertRule::metric,
                        AlertRule::warning,
                        AlertRule::critical,
                        AlertRule::direction,
                        AlertRule::action)
                .containsExactly(
                        tuple("cpu_usage_percent", "host.cpu.usage.ratio", 0.7, 0.9, Direction.ABOVE, "scale_up"),
                        tuple(
                                "memory_usage_percent",
                                "host.memory.used.ratio",
                                0.75,
                                0.95,
                                Direction.ABOVE,
                                "optimize_memory"),
                        tuple(
                                "disk_usage_percent",
                                "host.disk.used.ratio",
                                0.8,
                                0.95,
                                Direction.ABOVE,
                                "cleanup_storage"),
                        tuple(
                                "response_time_seconds",
                                "health.latency.seconds",
                                2.0,
                                5.0,
                                Direction.ABOVE,
                                "optimize_queries"),
                        tuple(
                                "error_rate_percent",
                                "stream.error.ratio",
                                0.05,
                                0.1,
                                Direction.ABOVE,
                                "implement_circuit_breaker"),
                        tuple(
                                "connection_pool_utilization",
                                "postgres.connections.used.ratio",
                                0.8,
                                0.95,
                                Direction.ABOVE,
                                "increase_pool_size"),
                        tuple(
                                "slow_queries_per_hour",
                                "postgres.slow_queries.per_hour",
                                10.0,
                                50.0,
                                Direction.ABOVE,
                                "add_indexes"),
                        tuple(
                                "cache_hit_ratio",
                                "postgres.cache.hit.ratio",
                                0.7,
                                0.5,
                                Direction.BELOW,
                                "optimize_cache"),
                        tuple(
                                "connection_count",
                                "postgres.connections",
                                15.0,
                                25.0,
                                Direction.ABOVE,
                                "implement_pooling"));
        assertThat(file.rules()).allSatisfy(r -> assertThat(r.forDuration()).isEqualTo(AlertRule.DEFAULT_FOR));
    }

    @Test
    void loadsFromAFileAndNamesAMissingOne(@TempDir Path dir) throws IOException {
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "rules:\n  - {name: a, metric: x.y, warning: 1}\n");
        assertThat(RuleFiles.load(rules).rules()).extracting(AlertRule::name).containsExactly("a");
        assertThatThrownBy(() -> RuleFiles.load(dir.resolve("missing.yaml")))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(dir.resolve("missing.yaml") + ": cannot read the rule file");
    }

    static Stream<Arguments> badFiles() {
        String head = "rules:\n  - name: cpu\n    metric: host.cpu.usage.ratio\n";
        return Stream.of(
                Arguments.of(head + "    warning: high\n", 4, "rules[0].warning", "must be a number, but was 'high'"),
                Arguments.of(
                        head + "    warning: 0.7\n    critcal: 0.9\n",
                        5,
                        "rules[0].critcal",
                        "unknown field 'critcal'; known: name, metric, labels, warning, critical"),
                Arguments.of(head, 2, "rules[0]", "a rule needs a warning or a critical threshold"),
                Arguments.of(
                        "rules:\n  - metric: host.cpu.usage.ratio\n    warning: 1\n",
                        2,
                        "rules[0]",
                        "'name' is required"),
                Arguments.of(
                        head + "    warning: 0.9\n    critical: 0.7\n    direction: above\n",
                        6,
                        "rules[0].direction",
                        "direction above needs critical above warning"),
                Arguments.of(
                        head + "    warning: 0.7\n    for: soon\n",
                        5,
                        "rules[0].for",
                        "must be a duration such as 30s, 2m or 1h, but was 'soon'"),
                Arguments.of(
                        head + "    warning: 0.7\n    for: -5s\n",
                        5,
                        "rules[0].for",
                        "must be a duration such as 30s, 2m or 1h, but was '-5s'"),
                Arguments.of(
                        head + "    warning: 0.7\n    hysteresis: lots\n",
                        5,
                        "rules[0].hysteresis",
                        "must be a percentage of the threshold (5%) or an absolute amount (0.02), but was 'lots'"),
                Arguments.of(
                        head + "    warning: 0.7\n    aggregate: median\n",
                        5,
                        "rules[0].aggregate",
                        "must be one of latest, avg, max, min, but was 'median'"),
                Arguments.of(
                        head + "    warning: 0.7\n    labels: {mount: \"~[\"}\n",
                        5,
                        "rules[0].labels",
                        "label mount must be a regular expression after '~'"),
                Arguments.of(
                        "rules:\n  - name: cpu\n    metric: Host CPU\n    warning: 1\n",
                        3,
                        "rules[0].metric",
                        "metric must be lower-case words separated by dots"),
                Arguments.of(
                        head + "    warning: 0.7\n  - name: cpu\n    metric: x.y\n    warning: 1\n",
                        5,
                        "rules[1].name",
                        "rule name 'cpu' is already used at line 2; rule names must be unique"),
                Arguments.of(
                        head + "    warning: 0.7\n    warning: 0.8\n",
                        5,
                        "rules[0].warning",
                        "appears twice (first at line 4); keep one"),
                Arguments.of(
                        "rule:\n  - name: cpu\n",
                        1,
                        "rule",
                        "unknown field 'rule'; known: rules, webhooks, system_thresholds"),
                Arguments.of("rules: {name: cpu}\n", 1, "rules", "must be a list, but was a mapping"),
                Arguments.of(
                        "rules:\n  - name: cpu\n   metric: [\n",
                        3,
                        "",
                        "not valid YAML: while parsing a block collection; expected <block end>"),
                Arguments.of(
                        "webhooks:\n  - url: ftp://example.com/x\n",
                        2,
                        "webhooks[0].url",
                        "webhook url must be an http or https URL"),
                Arguments.of(
                        "webhooks:\n  - url: http://h/x\n    maxAttempts: 0\n",
                        3,
                        "webhooks[0].maxAttempts",
                        "maxAttempts must be in [1, 100], but was 0"),
                Arguments.of(
                        "system_thresholds:\n  gpu_usage_percent: {warning: 1, critical: 2}\n",
                        2,
                        "system_thresholds.gpu_usage_percent",
                        "unknown field 'gpu_usage_percent'; known: cpu_usage_percent, memory_usage_percent"),
                Arguments.of(
                        "database_thresholds:\n  cache_hit_ratio:\n    warning: 0.7\n    critical: \"0.5\"\n",
                        4,
                        "database_thresholds.cache_hit_ratio.critical",
                        "must be a number, but was '0.5'"),
                Arguments.of(
                        "database_thresholds:\n  cache_hit_ratio: {warning: 0.5, critical: 0.5}\n",
                        2,
                        "database_thresholds.cache_hit_ratio.warning",
                        "warning and critical must differ"));
    }

    @ParameterizedTest(name = "{2}: {3}")
    @MethodSource("badFiles")
    void badFilesNameFileLineAndField(String yaml, int line, String field, String problem) {
        assertThatThrownBy(() -> RuleFiles.parse(yaml, "rules.yaml"))
                .isInstanceOfSatisfying(RuleFileException.class, e -> {
                    assertThat(e.file()).isEqualTo("rules.yaml");
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                    assertThat(e.column()).as(e.getMessage()).isPositive();
                    assertThat(e.field()).as(e.getMessage()).isEqualTo(field);
                    assertThat(e.getMessage())
                            .startsWith("rules.yaml:" + line + ":" + e.column() + ": ")
                            .contains(problem);
                });
    }

    @Test
    void anEmptyFileHasNoRules() {
        assertThat(RuleFiles.parse("", "empty.yaml").rules()).isEmpty();
        assertThat(RuleFiles.parse("# nothing yet\n", "empty.yaml").rules()).isEmpty();
    }
}
