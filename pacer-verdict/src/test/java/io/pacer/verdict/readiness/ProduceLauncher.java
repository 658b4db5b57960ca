package io.pacer.verdict.readiness;

import io.pacer.load.Limit;
import io.pacer.load.Pacing;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import io.pacer.load.kafka.KafkaDrivers;
import io.pacer.load.kafka.KafkaProduceSettings;
import io.pacer.load.kafka.KeyDistribution;
import io.pacer.verdict.suite.Scenario;
import io.pacer.verdict.suite.ScenarioLauncher;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Launches {@code kafka produce} scenarios with pacer-load's real produce driver, for the options the quick bench
 * uses. The CLI's launcher (which hands the options to {@code pacer kafka produce} itself) is tested against the same
 * suite in pacer-cli; this one lets the verdict module run the quick bench against a real broker.
 */
final class ProduceLauncher implements ScenarioLauncher {

    private static final Set<String> OPTIONS = Set.of(
            "topic",
            "partitions",
            "replication-factor",
            "rate",
            "duration",
            "warmup",
            "P",
            "bootstrap",
            "producer-config");

    @Override
    public List<String> drivers() {
        return List.of("kafka produce");
    }

    @Override
    public Launch prepare(Scenario scenario) {
        for (String option : scenario.options().keySet()) {
            if (!OPTIONS.contains(option)) {
                throw new OptionException(option, "unknown option; options are " + OPTIONS);
            }
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String p : values(scenario, "P")) {
            int eq = p.indexOf('=');
            properties.put(p.substring(0, eq), p.substring(eq + 1));
        }
        KafkaProduceSettings settings = new KafkaProduceSettings(
                value(scenario, "bootstrap"),
                value(scenario, "topic"),
                Integer.parseInt(value(scenario, "partitions")),
                Short.parseShort(value(scenario, "replication-factor")),
                KafkaProduceSettings.DEFAULT_RECORD_SIZE,
                null,
                KeyDistribution.none(),
                properties,
                1);
        double rate = Double.parseDouble(value(scenario, "rate"));
        Workload workload = new Workload(
                rate == -1 ? Pacing.unlimited() : Pacing.open(rate),
                1,
                Limit.duration(seconds(value(scenario, "duration"))),
                Warmup.fixed(seconds(value(scenario, "warmup"))),
                Workload.DEFAULT_MAX_OUTSTANDING,
                Workload.DEFAULT_DRAIN_TIMEOUT,
                Workload.DEFAULT_INTERVAL);
        return new Launch(workload, KafkaDrivers.produce(settings), Map.of("topic", settings.topic()), () -> {});
    }

    private static List<String> values(Scenario scenario, String name) {
        Scenario.Option option = scenario.options().get(name);
        return option == null ? List.of() : option.values();
    }

    private static String value(Scenario scenario, String name) {
        List<String> values = values(scenario, name);
        if (values.size() != 1) {
            throw new OptionException(name, "needs one value");
        }
        return values.get(0);
    }

    private static Duration seconds(String text) {
        if (!text.endsWith("s")) {
            throw new IllegalArgumentException("durations here are whole seconds (10s), but was " + text);
        }
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }
}
