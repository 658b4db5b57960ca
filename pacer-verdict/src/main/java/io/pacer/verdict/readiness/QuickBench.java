package io.pacer.verdict.readiness;

import io.pacer.load.Gate;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import io.pacer.verdict.suite.Scenario;
import io.pacer.verdict.suite.ScenarioLauncher;
import io.pacer.verdict.suite.Suite;
import io.pacer.verdict.suite.SuiteFile;
import io.pacer.verdict.suite.SuiteListener;
import io.pacer.verdict.suite.SuiteRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code pacer readiness --quick-bench}: a short suite with gates (about 25 seconds: a 500/s run gated on p99 and
 * errors, then an unlimited run gated on a throughput floor, both with {@code acks=all}) against the cluster being
 * checked, run by the verdict module's {@link SuiteRunner}; every gate that fails becomes a {@link Category#PERFORMANCE}
 * finding with the gate, the measured value and the bound as evidence.
 *
 * <p>The scenarios write to Pacer's own topic {@value #TOPIC} (created on first use with 6 partitions and the
 * replication the cluster allows, up to 3; left for the next run). The launcher is the caller's: the CLI passes its
 * {@code CliScenarioLauncher}, so the scenarios have exactly the options of {@code pacer kafka produce}.
 */
public final class QuickBench {

    /** Where the suite lives on the class path. */
    public static final String RESOURCE = "/io/pacer/verdict/readiness/quick-bench.yaml";

    /** The topic the quick bench writes to. */
    public static final String TOPIC = "pacer-readiness-bench";

    static final String LATENCY = "performance.latency-gate";
    static final String THROUGHPUT = "performance.throughput-gate";
    static final String ERRORS = "performance.errors-gate";
    static final String OTHER = "performance.gate";

    /** Every rule id a quick bench can report. */
    public static final List<String> RULE_IDS = List.of(LATENCY, THROUGHPUT, ERRORS, OTHER);

    private QuickBench() {}

    /**
     * Runs the quick suite against {@code cluster} and returns a finding for each failed gate (none when all pass).
     *
     * @param cluster the cluster read for this readiness run: its bootstrap servers, and its broker count for the
     *     replication of the bench topic
     * @param commandConfigOrNull the client properties with the cluster's security settings ({@code --command-config}),
     *     handed to the producer as {@code --producer-config}; null for none
     * @param environment decides the findings' severities
     * @param launcher runs {@code kafka produce} scenarios (the CLI's {@code CliScenarioLauncher})
     * @param listener follows the runs (progress on the terminal); {@link SuiteListener#NONE} for none
     * @throws ReadinessSetupException when a scenario could not run (the cluster stopped answering, the topic
     *     could not be created): the performance category was not checked, and the run cannot say it was
     * @throws InterruptedException when the thread is interrupted while a scenario runs
     */
    public static List<Finding> run(
            ClusterSnapshot cluster,
            Path commandConfigOrNull,
            Environment environment,
            ScenarioLauncher launcher,
            SuiteListener listener)
            throws InterruptedException {
        Objects.requireNonNull(environment, "environment");
        Suite suite = suite(cluster.bootstrap(), commandConfigOrNull, replicationFor(cluster));
        return findings(runSuite(suite, launcher, listener, Clock.systemUTC()), environment);
    }

    /**
     * Runs {@code suite}'s scenarios one at a time, stopping at the first that could not run: a cluster that stopped
     * answering would otherwise cost each remaining scenario its full setup timeout. For a caller that keeps the suite
     * result (a report, {@code pacer compare}); {@link #findings} turns it into findings.
     *
     * @throws ReadinessSetupException when a scenario could not run
     */
    public static SuiteResult runSuite(Suite suite, ScenarioLauncher launcher, SuiteListener listener, Clock clock)
            throws InterruptedException {
        SuiteRunner.check(suite.scenarios(), launcher);
        SuiteRunner runner = new SuiteRunner(launcher, listener, clock);
        List<ScenarioResult> results = new ArrayList<>();
        java.time.Instant started = clock.instant();
        for (Scenario scenario : suite.scenarios()) {
            ScenarioResult s = runner.run(suite, List.of(scenario)).scenarios().get(0);
            if (s.error() != null) {
                throw new ReadinessSetupException(
                        "the quick bench's scenario " + s.name() + " could not run: " + s.error());
            }
            results.add(s);
            if (s.run() != null && s.run().stopped()) {
                break; // stopped from outside (Ctrl-C): what was measured stands, nothing more runs
            }
        }
        return new SuiteResult(SuiteResult.SCHEMA, suite.name(), started, clock.instant(), results);
    }

    /** The replication of the bench topic: what the cluster allows, up to 3. */
    static int replicationFor(ClusterSnapshot cluster) {
        return Math.max(
                1,
                Math.min(ClusterRules.RECOMMENDED_REPLICATION, cluster.brokers().size()));
    }

    /**
     * The quick suite aimed at {@code bootstrap}: every scenario gets {@code bootstrap}, {@code replication-factor}
     * and, with a command config, {@code producer-config}.
     */
    public static Suite suite(String bootstrap, Path commandConfigOrNull, int replicationFactor) {
        Suite read;
        InputStream in = QuickBench.class.getResourceAsStream(RESOURCE);
        Objects.requireNonNull(in, RESOURCE);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            read = SuiteFile.read(RESOURCE, "readiness-quick-bench", reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Scenario> aimed = new ArrayList<>();
        for (Scenario s : read.scenarios()) {
            Map<String, Scenario.Option> options = new LinkedHashMap<>(s.options());
            options.put("bootstrap", new Scenario.Option("bootstrap", List.of(bootstrap), s.at(), false));
            options.put(
                    "replication-factor",
                    new Scenario.Option("replication-factor", List.of("" + replicationFactor), s.at(), false));
            if (commandConfigOrNull != null) {
                options.put(
                        "producer-config",
                        new Scenario.Option("producer-config", List.of(commandConfigOrNull.toString()), s.at(), false));
            }
            aimed.add(new Scenario(
                    s.name(), s.driver(), options, s.gates(), s.abortOnFail(), s.search(), s.enabled(), s.at()));
        }
        return new Suite(read.name(), read.file(), aimed);
    }

    /** A finding for every gate of {@code result} that failed. */
    public static List<Finding> findings(SuiteResult result, Environment environment) {
        List<Finding> findings = new ArrayList<>();
        for (ScenarioResult s : result.scenarios()) {
            for (GateResult g : s.gates()) {
                if (!g.passed()) {
                    findings.add(finding(s, g, environment));
                }
            }
        }
        return findings;
    }

    private static Finding finding(ScenarioResult s, GateResult g, Environment environment) {
        String id = ruleId(g.metric());
        String measured = g.measured() == null ? "not measured" : Gate.format(g.measured()) + " " + g.unit();
        String where = "quick bench scenario " + s.name() + " (" + s.driver()
                + (s.run() == null ? "" : ", " + s.run().counts().operations() + " operations measured") + ")";
        Severities severities = id.equals(THROUGHPUT) ? Severities.WARN : Severities.GRADED;
        return new Finding(
                id,
                Category.PERFORMANCE,
                severities.in(environment),
                "quick bench " + s.name() + ": " + g.metric() + " " + measured + " fails gate " + g.gate(),
                List.of(new Evidence(
                        "gate " + g.gate() + ", measured " + measured + ", bound " + Gate.format(g.bound()) + " "
                                + g.unit(),
                        where)),
                why(id),
                fix(id));
    }

    static String ruleId(String metric) {
        if (metric.startsWith("p") && Character.isDigit(metric.charAt(metric.length() - 1)) || metric.equals("max")) {
            return LATENCY;
        }
        return switch (metric) {
            case "throughput", "records_per_s" -> THROUGHPUT;
            case "errors", "failed" -> ERRORS;
            default -> OTHER;
        };
    }

    private static String why(String id) {
        return switch (id) {
            case LATENCY ->
                "At a moderate rate with acks=all the cluster should acknowledge within the bound; when"
                        + " it does not, every service writing to it inherits the latency.";
            case THROUGHPUT ->
                "The cluster accepted fewer records per second than the floor even with batching and"
                        + " compression: peaks above that rate will queue in the producers.";
            case ERRORS ->
                "Writes failed during a short, moderate run: in production those records are lost or"
                        + " retried into duplicates.";
            default -> "A gate of the quick bench failed.";
        };
    }

    private static String fix(String id) {
        return switch (id) {
            case LATENCY ->
                "find where the time goes: rerun with -P acks=1 (pacer kafka produce -b … --rate 500"
                        + " -P acks=1) to separate replication from the leader, check the brokers' request queue"
                        + " (RequestQueueTimeMs) and disks; pacer kafka tune --target-p99 100ms finds producer"
                        + " settings that meet the bound";
            case THROUGHPUT ->
                "pacer kafka tune -b … finds batch.size, linger.ms and compression.type for this"
                        + " cluster; if the brokers are saturated (CPU, disk, network), add brokers or partitions";
            case ERRORS ->
                "the suite result names each error's exception: check the brokers' logs, the"
                        + " producer's security settings (--command-config) and the topic's min.insync.replicas";
            default -> "see the gate's metric in docs/suite-result.md";
        };
    }
}
