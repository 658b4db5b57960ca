package io.pacer.verdict.report;

import io.pacer.load.RunResult;
import io.pacer.verdict.ScenarioResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The parts of a report about circumstances: what an operation costs, where the runs happened and how. */
final class ContextSections {

    private static final double SECONDS_PER_HOUR = 3600;
    private static final double MILLION = 1_000_000;
    /** A scenario's parameters are shown unfolded up to this many (Kafka settings, URLs); more start folded. */
    private static final int OPEN_PARAMETERS = 16;

    private ContextSections() {}

    /**
     * Cost per million operations at the measured throughput: the instance's hourly price over the operations one
     * hour of that throughput completes. A capacity search adds the cost at its capacity, the cheapest the machine
     * can go while it meets every gate.
     */
    static void cost(Html html, List<ScenarioResult> scenarios, double pricePerHour) {
        html.raw("<section id=\"cost\"><h2>Cost</h2><p class=\"note\">At ")
                .text(Format.usd(pricePerHour))
                .raw(" per instance-hour: the price of one hour over the operations one hour at the measured"
                        + " throughput completes.</p><table class=\"grid\"><thead>")
                .headRow("Scenario", "Throughput", "Per million operations", "Per million records", "At capacity")
                .raw("</thead><tbody>");
        for (ScenarioResult scenario : scenarios) {
            RunResult run = scenario.run();
            if (run == null) {
                html.row(scenario.name(), "–", "–", "–", "–");
                continue;
            }
            double ops = run.rates().operationsPerSecond();
            double records = run.rates().recordsPerSecond();
            html.row(
                    scenario.name(),
                    Format.rate(ops),
                    perMillion(pricePerHour, ops),
                    records > 0 && Math.abs(records - ops) > 1e-9 ? perMillion(pricePerHour, records) : "–",
                    scenario.capacity() == null || scenario.capacity().capacityPerSecond() <= 0
                            ? "–"
                            : perMillion(pricePerHour, scenario.capacity().capacityPerSecond()) + " at "
                                    + Format.rate(scenario.capacity().capacityPerSecond()));
        }
        html.raw("</tbody></table></section>\n");
    }

    static String perMillion(double pricePerHour, double perSecond) {
        if (perSecond <= 0) {
            return "–";
        }
        return Format.usd(pricePerHour / (perSecond * SECONDS_PER_HOUR) * MILLION);
    }

    /** The machine and software of the first run, then every scenario's settings and parameters. */
    static void environment(Html html, List<ScenarioResult> scenarios) {
        List<ScenarioResult> measured =
                scenarios.stream().filter(s -> s.run() != null).toList();
        html.raw("<section id=\"environment\"><h2>Environment</h2>");
        if (measured.isEmpty()) {
            html.raw("<p class=\"note\">No scenario ran.</p></section>\n");
            return;
        }
        RunResult first = measured.get(0).run();
        RunResult.Environment env = first.environment();
        html.raw("<div class=\"columns\"><table class=\"pairs\"><tbody>")
                .pair("JDK", env.javaVendor() + " " + env.javaVersion())
                .pair("OS", env.os() + " (" + env.arch() + ")")
                .pair("CPUs", Integer.toString(env.cpus()))
                .pair("Max heap", Format.bytes(env.maxHeapBytes()))
                .pair("Host", env.hostname())
                .pair("kafka-clients", env.kafkaClientsVersion() == null ? "–" : env.kafkaClientsVersion())
                .pair("Pacer", first.toolVersion())
                .raw("</tbody></table>");
        List<String> differing = new ArrayList<>();
        for (ScenarioResult s : measured) {
            RunResult.Environment other = s.run().environment();
            if (!sameMachine(env, other)) {
                differing.add(s.name() + ": " + other.hostname() + ", " + other.javaVersion() + ", " + other.cpus()
                        + " CPUs");
            }
        }
        if (!differing.isEmpty()) {
            html.raw("<p class=\"error\">Not every scenario ran on this machine: ")
                    .text(String.join("; ", differing))
                    .raw("</p>");
        }
        html.raw("</div><h3>Settings</h3><table class=\"grid\"><thead>")
                .headRow(
                        "Scenario",
                        "Driver",
                        "Pacing",
                        "Rate",
                        "Users",
                        "Limit",
                        "Warm-up",
                        "Interval",
                        "Max outstanding")
                .raw("</thead><tbody>");
        for (ScenarioResult s : measured) {
            RunResult.Settings settings = s.run().settings();
            html.row(
                    s.name(),
                    s.run().driver(),
                    settings.pacing(),
                    settings.ratePerSecond() > 0 ? Format.rate(settings.ratePerSecond()) : "–",
                    Integer.toString(settings.users()),
                    limit(settings),
                    (settings.warmupAuto() ? "auto, at most " : "") + Format.duration(settings.warmupMillis()),
                    Format.duration(settings.intervalMillis()),
                    Format.count(settings.maxOutstanding()));
        }
        html.raw("</tbody></table>");
        for (ScenarioResult s : measured) {
            Map<String, String> parameters = new TreeMap<>(s.run().settings().parameters());
            if (parameters.isEmpty()) {
                continue;
            }
            html.raw(parameters.size() <= OPEN_PARAMETERS ? "<details open><summary>" : "<details><summary>")
                    .raw("Parameters of ")
                    .text(s.name())
                    .raw(" (" + parameters.size() + ")</summary><table class=\"pairs\"><tbody>");
            parameters.forEach(html::pair);
            html.raw("</tbody></table></details>");
        }
        html.raw("</section>\n");
    }

    private static boolean sameMachine(RunResult.Environment a, RunResult.Environment b) {
        return a.hostname().equals(b.hostname()) && a.javaVersion().equals(b.javaVersion()) && a.cpus() == b.cpus();
    }

    private static String limit(RunResult.Settings settings) {
        List<String> limits = new ArrayList<>();
        if (settings.durationMillis() > 0) {
            limits.add(Format.duration(settings.durationMillis()));
        }
        if (settings.operations() > 0) {
            limits.add(Format.count(settings.operations()) + " operations");
        }
        if (settings.records() > 0) {
            limits.add(Format.count(settings.records()) + " records");
        }
        return limits.isEmpty() ? "none" : String.join(", ", limits);
    }
}
