package io.pacer.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.monitor.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The seeds' thresholds end to end: a value held for the default {@code for} fires, or not, as the seed says. */
class SeedRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    static Stream<Arguments> seed000() {
        return Stream.of(
                Arguments.of("stream.latency.p95.seconds", 0.999, "none"),
                Arguments.of("stream.latency.p95.seconds", 1.2, "CRITICAL"),
                Arguments.of("stream.error.ratio", 0.049, "none"),
                Arguments.of("stream.error.ratio", 0.05, "CRITICAL"),
                Arguments.of("stream.throughput.per_second", 1.5, "none"),
                Arguments.of("stream.throughput.per_second", 0.5, "CRITICAL"),
                Arguments.of("host.cpu.usage.ratio", 0.84, "none"),
                Arguments.of("host.cpu.usage.ratio", 0.86, "CRITICAL"),
                Arguments.of("host.memory.used.ratio", 0.79, "none"),
                Arguments.of("host.memory.used.ratio", 0.81, "CRITICAL"));
    }

    @ParameterizedTest(name = "seed 000: {0} = {1} → {2}")
    @MethodSource("seed000")
    void streamDefaults(String metric, double value, String expected) {
        assertThat(firingAfterAMinute(DefaultRules.stream(), metric, value)).isEqualTo(expected);
    }

    static Stream<Arguments> seed002() {
        return Stream.of(
                Arguments.of("host.cpu.usage.ratio", 0.69, "none"),
                Arguments.of("host.cpu.usage.ratio", 0.75, "WARNING"),
                Arguments.of("host.cpu.usage.ratio", 0.91, "CRITICAL"),
                Arguments.of("health.latency.seconds", 2.5, "WARNING"),
                Arguments.of("postgres.cache.hit.ratio", 0.85, "none"),
                Arguments.of("postgres.cache.hit.ratio", 0.6, "WARNING"),
                Arguments.of("postgres.cache.hit.ratio", 0.45, "CRITICAL"),
                Arguments.of("postgres.connections", 30, "CRITICAL"));
    }

    @ParameterizedTest(name = "seed 002: {0} = {1} → {2}")
    @MethodSource("seed002")
    void seed002Thresholds(String metric, double value, String expected) throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("/alert/seed-002-thresholds.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(firingAfterAMinute(RuleFiles.parse(json, "thresholds.json").rules(), metric, value))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "kafka.group.status = {0} → {1}")
    @org.junit.jupiter.params.provider.CsvSource({"1, none", "2, WARNING", "4, CRITICAL", "5, CRITICAL", "6, CRITICAL"})
    void kafkaLagStatus(int code, String expected) {
        AlertEngine engine =
                AlertEngine.builder().rules(DefaultRules.kafkaLag()).build();
        engine.evaluate(List.of(Sample.of("kafka.group.status", Map.of("group", "g"), T0, code)), T0);
        assertThat(
                        engine.active().isEmpty()
                                ? "none"
                                : engine.active().get(0).severity().name())
                .isEqualTo(expected);
        Instant later = T0.plusSeconds(15);
        engine.evaluate(List.of(Sample.of("kafka.group.status", Map.of("group", "g"), later, 1)), later);
        assertThat(engine.active()).as("OK again resolves at once").isEmpty();
    }

    private static String firingAfterAMinute(List<AlertRule> rules, String metric, double value) {
        AlertEngine engine = AlertEngine.builder().rules(rules).build();
        for (int s = 0; s <= 60; s += 15) {
            Instant now = T0.plusSeconds(s);
            engine.evaluate(List.of(Sample.of(metric, Map.of("target", "t"), now, value)), now);
        }
        List<Alert> firing = engine.active().stream()
                .filter(a -> a.state() == AlertState.FIRING)
                .toList();
        assertThat(firing).hasSizeLessThanOrEqualTo(1);
        return firing.isEmpty() ? "none" : firing.get(0).severity().name();
    }
}
