package io.pacer.verdict.suite;

import io.pacer.load.Limit;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Pacing;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Launches the driver {@code service}: a {@link ServiceTimeDriver} with options {@code rate} (operations/s),
 * {@code seconds} (measured duration), {@code warmup-seconds}, {@code service-us} (service time, µs) and {@code unreachable} (its open fails
 * as an unreachable target's does). The CLI's launcher does the same for
 * Pacer's real drivers; this one lets the suite runner be tested against a target whose capacity is known exactly.
 */
final class ServiceLauncher implements ScenarioLauncher {

    @Override
    public List<String> drivers() {
        return List.of("service");
    }

    @Override
    public Launch prepare(Scenario scenario) {
        for (String option : scenario.options().keySet()) {
            if (!List.of("rate", "seconds", "warmup-seconds", "service-us", "unreachable")
                    .contains(option)) {
                throw new OptionException(
                        option, "unknown option; options are rate, seconds, warmup-seconds, service-us, unreachable");
            }
        }
        double rate = number(scenario, "rate", 100);
        double seconds = number(scenario, "seconds", 2);
        double warmup = scenario.options().containsKey("warmup-seconds") ? number(scenario, "warmup-seconds", 1) : 0;
        long serviceMicros = (long) number(scenario, "service-us", 1000);
        Workload workload = new Workload(
                Pacing.open(rate),
                1,
                Limit.duration(Duration.ofMillis((long) (seconds * 1000))),
                warmup == 0 ? Warmup.none() : Warmup.fixed(Duration.ofMillis((long) (warmup * 1000))),
                Workload.DEFAULT_MAX_OUTSTANDING,
                Duration.ofSeconds(10),
                Duration.ofMillis(500));
        ServiceTimeDriver driver = scenario.options().containsKey("unreachable")
                ? new ServiceTimeDriver(serviceMicros) {
                    @Override
                    public void open() {
                        throw new LoadSetupException(
                                "service at 127.0.0.1:1 does not answer: start it or fix the" + " address");
                    }
                }
                : new ServiceTimeDriver(serviceMicros);
        return new Launch(workload, driver, Map.of("service_us", "" + serviceMicros), () -> {});
    }

    private static double number(Scenario scenario, String name, double otherwise) {
        Scenario.Option option = scenario.options().get(name);
        if (option == null) {
            return otherwise;
        }
        try {
            double value = Double.parseDouble(option.values().get(0));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new OptionException(name, "'" + option.values().get(0) + "' must be a number > 0");
    }
}
