package io.pacer.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pacer.internal.Check;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The driver of {@code bench/diagnose.sh}: the measure of issue 14. Runs the demo (broker, pipeline, service), lets it
 * run quiet and asks the analysis what is wrong (every finding above info is a false alarm), then injects each of the
 * eight {@link Faults} once, in an order drawn from the seed, and after each asks the analysis again: the top finding
 * against the fault injected is one cell of the confusion table. Where the top recommendation carries an action, it
 * is applied through the service's actions and counts as a fix when the action's verification judged the metric
 * improved (the verdict module's comparison statistics). Prints the table and ends with
 * {@code RESULT accuracy=… false_alarms=… fix_success=…}.
 *
 * <p>Arguments: {@code JDBC_URL DATA_DIR [fault s] [quiet s] [settle s] [seed] [verify window s]}.
 */
public final class DiagnosisBench {

    private static final Set<String> SETTLED = Set.of("kept", "reverted", "failed", "cancelled");

    private final Duration fault;
    private final Duration quiet;
    private final Duration settle;
    private final Duration verify;
    private final PrintStream out = System.out;

    private DiagnosisBench(Duration fault, Duration quiet, Duration settle, Duration verify) {
        this.verify = verify;
        this.fault = fault;
        this.quiet = quiet;
        this.settle = settle;
    }

    /** One fault's outcome: what the analysis put on top, and whether the top recommendation's action fixed it. */
    record Outcome(String fault, String expected, String top, String recommendation, String fix) {
        boolean correct() {
            return expected.equals(top);
        }
    }

    public static void main(String[] args) throws Exception {
        Check.argument(
                args.length >= 2,
                "usage: DiagnosisBench JDBC_URL DATA_DIR [fault s] [quiet s] [settle s] [seed] [verify s]");
        String jdbcUrl = args[0];
        Path dataDir = Files.createDirectories(Path.of(args[1]));
        Duration fault = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 90);
        Duration quiet = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 90);
        Duration settle = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 45);
        long seed = args.length > 5 ? Long.parseLong(args[5]) : 14;
        Duration verify = Duration.ofSeconds(args.length > 6 ? Long.parseLong(args[6]) : 60);
        new DiagnosisBench(fault, quiet, settle, verify).run(jdbcUrl, dataDir, seed);
    }

    private void run(String jdbcUrl, Path dataDir, long seed) throws Exception {
        AtomicReference<Phase> phase = new AtomicReference<>(Phase.CALM);
        DemoSchedule schedule = DemoSchedule.ofSpeed(1);
        Demo.Options options =
                new Demo.Options(0, dataDir, schedule, Duration.ofSeconds(2), elapsed -> phase.get(), verify);
        try (Demo demo = Demo.start(options, line -> out.println("demo: " + line))) {
            ServiceClient api = new ServiceClient(demo.uri(), demo.signInKey());
            addTarget(api, "postgres", jdbcUrl);
            out.printf(Locale.ROOT, "quiet run: %d s with no fault%n", quiet.toSeconds());
            pause(quiet);
            JsonNode calm = analyze(api, quiet);
            List<String> alarms = new ArrayList<>();
            for (JsonNode f : calm.path("bottlenecks")) {
                if (!f.path("level").asText().equalsIgnoreCase("info")) {
                    alarms.add(
                            f.path("kind").asText() + " (" + f.path("summary").asText() + ")");
                }
            }
            alarms.forEach(a -> out.println("false alarm: " + a));
            List<Fault> faults = new ArrayList<>(Faults.all(demo, phase, jdbcUrl, fault));
            Collections.shuffle(faults, new Random(seed));
            List<Outcome> outcomes = new ArrayList<>();
            for (Fault f : faults) {
                outcomes.add(diagnose(api, f));
            }
            table(outcomes, alarms.size());
        }
    }

    private Outcome diagnose(ServiceClient api, Fault f) throws Exception {
        out.printf(Locale.ROOT, "%s: injected for %d s (expect %s)%n", f.name(), fault.toSeconds(), f.expectedKind());
        Instant started = Instant.now();
        f.inject();
        try {
            pause(fault);
            JsonNode analysis = analyze(api, Duration.between(started, Instant.now()));
            JsonNode top = analysis.path("bottlenecks").path(0);
            String topKind = top.isMissingNode() ? "none" : top.path("kind").asText();
            out.printf(
                    Locale.ROOT,
                    "%s: top finding %s: %s%n",
                    f.name(),
                    topKind,
                    top.path("summary").asText(""));
            JsonNode recommendation = recommendationFor(analysis, top.path("id").asText(""));
            String fix = "no action";
            if (recommendation != null && recommendation.hasNonNull("action")) {
                fix = applyAndVerify(api, recommendation);
            }
            return new Outcome(
                    f.name(),
                    f.expectedKind(),
                    topKind,
                    recommendation == null
                            ? "none"
                            : recommendation.path("type").asText(),
                    fix);
        } finally {
            f.clear();
            out.printf(Locale.ROOT, "%s: cleared; settling for %d s%n", f.name(), settle.toSeconds());
            pause(settle);
        }
    }

    /** The first (highest ranked) recommendation resting on {@code findingId}, or the first of all. */
    private static JsonNode recommendationFor(JsonNode analysis, String findingId) {
        JsonNode all = analysis.path("optimization_recommendations");
        for (JsonNode r : all) {
            for (JsonNode id : r.path("findings")) {
                if (id.asText().equals(findingId)) {
                    return r;
                }
            }
        }
        return all.size() == 0 ? null : all.get(0);
    }

    /** Applies the recommendation's action and waits for its verdict: {@code improved} is a fix. */
    private String applyAndVerify(ServiceClient api, JsonNode recommendation) throws Exception {
        ObjectNode body = ServiceClient.object();
        body.put("recommendation_id", recommendation.path("id").asText());
        JsonNode applied;
        try {
            applied = api.post("/api/optimization/apply", body);
        } catch (java.io.IOException e) {
            out.println("  apply refused: " + e.getMessage());
            return "apply refused";
        }
        String id = applied.path("id").asText(applied.path("action").path("id").asText());
        out.printf(
                Locale.ROOT,
                "  applied %s (%s): %s%n",
                id,
                recommendation.path("type").asText(),
                applied.path("plan").path("summary").asText(""));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonNode record = find(api.get("/api/optimization/history"), id);
            String status = record == null ? "" : record.path("status").asText();
            if (SETTLED.contains(status)) {
                String verdict = record.path("verdict").asText("none");
                out.printf(
                        Locale.ROOT,
                        "  %s: %s, verdict %s (%s)%n",
                        id,
                        status,
                        verdict,
                        record.path("verdict_detail").asText(""));
                return verdict.equals("improved") ? "fixed" : status + "/" + verdict;
            }
            TimeUnit.SECONDS.sleep(2); // the service verifies on its own clock; poll its history
        }
        return "not verified in 15 min";
    }

    private static JsonNode find(JsonNode history, String id) {
        JsonNode list = history.isArray() ? history : history.path("actions");
        for (JsonNode r : list) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        return null;
    }

    private static JsonNode analyze(ServiceClient api, Duration window) throws Exception {
        ObjectNode body = ServiceClient.object();
        body.put("window", Math.max(10, window.toSeconds()) + "s");
        body.put("include_system_metrics", true);
        body.put("include_integration_metrics", true);
        body.put("include_database_metrics", true);
        return api.post("/api/performance/analyze", body);
    }

    private static void addTarget(ServiceClient api, String kind, String target) throws Exception {
        ObjectNode body = ServiceClient.object();
        body.put("kind", kind);
        body.put("target", target);
        api.post("/api/targets", body);
    }

    private void table(List<Outcome> outcomes, int falseAlarms) {
        out.println();
        out.printf(
                Locale.ROOT,
                "%-16s %-24s %-24s %-22s %s%n",
                "fault",
                "expected",
                "top finding",
                "recommendation",
                "fix");
        for (Outcome o : outcomes) {
            out.printf(
                    Locale.ROOT,
                    "%-16s %-24s %-24s %-22s %s%n",
                    o.fault(),
                    o.expected(),
                    (o.correct() ? "" : "✗ ") + o.top(),
                    o.recommendation(),
                    o.fix());
        }
        long correct = outcomes.stream().filter(Outcome::correct).count();
        long fixed = outcomes.stream().filter(o -> o.fix().equals("fixed")).count();
        out.printf(
                Locale.ROOT,
                "%ncorrect %d of %d; fixed through actions %d of %d; false alarms on the quiet run %d%n",
                correct,
                outcomes.size(),
                fixed,
                outcomes.size(),
                falseAlarms);
        out.printf(
                Locale.ROOT,
                "RESULT accuracy=%.3f false_alarms=%d fix_success=%.3f%n",
                correct / (double) outcomes.size(),
                falseAlarms,
                fixed / (double) outcomes.size());
    }

    private static void pause(Duration d) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(d.toMillis()); // the bench's own schedule: the faults run for this long
    }
}
