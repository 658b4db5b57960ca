package io.pacer.verdict.kafka.tune;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a tune run found, as written to {@code --json} in the versioned schema {@value #SCHEMA}
 * ({@code docs/tuning.md} describes every field). Latencies are µs unless a name says ms; rates are records/s.
 *
 * @param schema          {@value #SCHEMA}
 * @param startedAt       when the run began
 * @param parameters      the workload as the caller described it (cluster, topic, record size, keys, rate, ...)
 * @param targetP99Micros the latency target
 * @param budgetMillis    the time the run was given
 * @param elapsedMillis   the time it took, confirmation included
 * @param durability      {@code strict} or {@code relaxed}
 * @param seed            the seed of the candidate order
 * @param plan            how the budget was spent
 * @param candidates      the candidates of the first rung, with their properties (Kafka's defaults besides them)
 * @param trials          every run of the search in the order they ran (the confirmation is not among them)
 * @param front           the Pareto front of throughput against p99 — candidates no other beat on both — by
 *                        throughput, each with its latest (longest) run's figures
 * @param winner          the best candidate, or null if nothing could be measured
 * @param confirmation    the winner and Kafka's defaults run again back to back, or null if the budget had no room
 * @param best            the winner's properties when it met the target, else null: what {@code --output} writes
 * @param notices         what the user should know
 */
public record TuneResult(
        String schema,
        Instant startedAt,
        Map<String, String> parameters,
        long targetP99Micros,
        long budgetMillis,
        long elapsedMillis,
        String durability,
        long seed,
        SearchPlan plan,
        List<Candidate> candidates,
        List<Trial> trials,
        List<Point> front,
        String winner,
        Confirmation confirmation,
        Map<String, String> best,
        List<String> notices) {

    public static final String SCHEMA = "pacer.tune-result/1";

    /** Each candidate's latest run (Kafka's defaults: the mean of their runs in their latest rung), in run order. */
    public Map<String, Figures> latest() {
        return Tuner.latest(trials);
    }

    public TuneResult {
        Objects.requireNonNull(schema, "schema");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        candidates = List.copyOf(candidates);
        trials = List.copyOf(trials);
        front = List.copyOf(front);
        best = best == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(best));
        notices = List.copyOf(notices);
    }

    /**
     * The search's plan.
     *
     * @param candidates     contenders in the first rung
     * @param rungs          rounds planned
     * @param firstRunMillis measured length of a first-rung run; each rung doubles it
     * @param warmupMillis   excluded warm-up before every run
     */
    public record SearchPlan(int candidates, int rungs, long firstRunMillis, long warmupMillis) {}

    /**
     * One candidate on the throughput/p99 plane.
     *
     * @param candidate        its name
     * @param recordsPerSecond throughput of its latest run
     * @param p99Micros        p99 of its latest run
     * @param meetsTarget      whether that run met the target
     */
    public record Point(String candidate, double recordsPerSecond, long p99Micros, boolean meetsTarget) {}

    /**
     * The winner and Kafka's defaults, run again back to back after the search.
     *
     * @param winner          the winner's figures
     * @param defaults        Kafka's defaults' figures
     * @param meetsTarget     whether the winner met the target again
     * @param throughputRatio the winner's throughput over the defaults'
     */
    public record Confirmation(Figures winner, Figures defaults, boolean meetsTarget, double throughputRatio) {}
}
