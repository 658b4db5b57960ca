package io.pacer.load;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a load run measured, as plain immutable data: what was asked, where it ran, the per-interval series,
 * the measured latency (summary and the full histogram, so results of several processes can be merged) and every
 * operation's fate. Latencies are {@link Percentiles} in µs from each operation's intended start; histograms are
 * HdrHistograms in µs as {@link Histograms#encode} writes them ({@link Histograms#decode} reads them back).
 * {@link RunResults} writes and reads it as JSON; {@code docs/run-result.md} documents every field. Whether the run
 * passed is {@link Verdict#of(RunResult)}.
 *
 * @param schema            {@link #SCHEMA}, the JSON schema id and version
 * @param toolVersion       Pacer version that produced the result ("dev" when run from a build tree)
 * @param driver            {@link Driver#describe()}
 * @param settings          the workload as asked, plus the caller's free-form parameters
 * @param environment       the machine and software the run happened on, and when
 * @param warmup            the excluded beginning, reported on its own
 * @param intervals         one entry per interval, warm-up included
 * @param latency           measured (post-warm-up) latency of completed operations
 * @param histogram         the same as an HdrHistogram (µs), base64 of its compressed encoding
 * @param labels            per {@link Outcome#label()} figures; empty when no operation had a label
 * @param counts            measured operation counts
 * @param errors            measured failed operations by status (exception class, HTTP status, "incomplete")
 * @param statuses          measured operations by status, successful ones included
 * @param rates             target versus achieved rate and schedule lag
 * @param accounting        the fate of every record followed end to end ({@link Driver#accounting()}), null when
 *                          the driver does not follow records end to end
 * @param driverSummary     {@link Driver#summary()} read after the last operation settled
 * @param stopped           whether the run was stopped ({@link LoadRun#stop()}) before its limit
 * @param notices           remarks made during the run ("generator behind schedule: ...")
 * @param distribution      for a run several {@code pacer worker} processes made together: every worker's share and
 *                          how it went; null (and absent from the JSON) for a run of one process
 */
public record RunResult(
        String schema,
        String toolVersion,
        String driver,
        Settings settings,
        Environment environment,
        WarmupSummary warmup,
        List<IntervalStats> intervals,
        Percentiles latency,
        String histogram,
        Map<String, LabelSummary> labels,
        Counts counts,
        Map<String, Long> errors,
        Map<String, Long> statuses,
        Rates rates,
        RecordAccounting accounting,
        Map<String, Double> driverSummary,
        boolean stopped,
        List<String> notices,
        @JsonInclude(JsonInclude.Include.NON_NULL) Distribution distribution) {

    /** Schema id and version of this record's JSON form. */
    public static final String SCHEMA = "pacer.run-result/1";

    public RunResult {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(histogram, "histogram");
        Objects.requireNonNull(counts, "counts");
        Objects.requireNonNull(rates, "rates");
        intervals = List.copyOf(intervals);
        labels = Map.copyOf(labels);
        errors = Map.copyOf(errors);
        statuses = Map.copyOf(statuses);
        driverSummary = Map.copyOf(driverSummary);
        notices = List.copyOf(notices);
    }

    /** A result of one process: no {@link #distribution()}. */
    public RunResult(
            String schema,
            String toolVersion,
            String driver,
            Settings settings,
            Environment environment,
            WarmupSummary warmup,
            List<IntervalStats> intervals,
            Percentiles latency,
            String histogram,
            Map<String, LabelSummary> labels,
            Counts counts,
            Map<String, Long> errors,
            Map<String, Long> statuses,
            Rates rates,
            RecordAccounting accounting,
            Map<String, Double> driverSummary,
            boolean stopped,
            List<String> notices) {
        this(
                schema,
                toolVersion,
                driver,
                settings,
                environment,
                warmup,
                intervals,
                latency,
                histogram,
                labels,
                counts,
                errors,
                statuses,
                rates,
                accounting,
                driverSummary,
                stopped,
                notices,
                null);
    }

    /** This result with {@code notice} added after its notices (a suite's note on a run it judged, say). */
    public RunResult withNotice(String notice) {
        List<String> more = new ArrayList<>(notices);
        more.add(Objects.requireNonNull(notice, "notice"));
        return new RunResult(
                schema,
                toolVersion,
                driver,
                settings,
                environment,
                warmup,
                intervals,
                latency,
                histogram,
                labels,
                counts,
                errors,
                statuses,
                rates,
                accounting,
                driverSummary,
                stopped,
                more,
                distribution);
    }

    /**
     * This result as the merge of a distributed run: its settings as the coordinator asked for them, and — when the
     * coordinator merged every interval exactly from the workers' interval histograms — those intervals.
     */
    public RunResult asDistributed(
            Settings wholeSettings, List<IntervalStats> exactIntervals, Distribution newDistribution) {
        return new RunResult(
                schema,
                toolVersion,
                driver,
                Objects.requireNonNull(wholeSettings, "wholeSettings"),
                environment,
                warmup,
                exactIntervals,
                latency,
                histogram,
                labels,
                counts,
                errors,
                statuses,
                rates,
                accounting,
                driverSummary,
                stopped,
                notices,
                Objects.requireNonNull(newDistribution, "newDistribution"));
    }

    /** Whether the run misses part of its work: a worker died, stopped heartbeating or failed before its end. */
    public boolean partial() {
        return distribution != null && distribution.missingShares() > 0;
    }

    /**
     * The workload as plain data. Durations are in ms; a field that does not apply to the pacing is 0.
     *
     * @param pacing            "open", "closed", "unlimited" or "recorded"
     * @param ratePerSecond     open model: target operations per second after the ramp-up
     * @param rampUpMillis      open model: linear climb from 0 to the rate, from the start of the run
     * @param steps             open model: later rate changes, timed from the end of the warm-up
     * @param thinkTimeMillis   closed model: pause between an operation's end and the user's next one
     * @param speed             recorded pacing: replay speed factor
     * @param users             simulated users
     * @param durationMillis    measured-time limit, 0 for none
     * @param operations        operation-count limit, 0 for none
     * @param records           record-count limit, 0 for none
     * @param warmupMillis      fixed warm-up length, or the most an automatic one may last
     * @param warmupAuto        whether the warm-up ends once the run is steady
     * @param maxOutstanding    operations in flight, at most
     * @param drainTimeoutMillis wait for outstanding operations at the end
     * @param intervalMillis    reporting interval
     * @param parameters        free-form settings of the caller (CLI options, topic, URL, ...)
     */
    public record Settings(
            String pacing,
            double ratePerSecond,
            long rampUpMillis,
            List<Step> steps,
            long thinkTimeMillis,
            double speed,
            int users,
            long durationMillis,
            long operations,
            long records,
            long warmupMillis,
            boolean warmupAuto,
            int maxOutstanding,
            long drainTimeoutMillis,
            long intervalMillis,
            Map<String, String> parameters) {

        public Settings {
            Objects.requireNonNull(pacing, "pacing");
            steps = List.copyOf(steps);
            parameters = Map.copyOf(parameters);
        }

        /** Renders {@code workload} with the caller's {@code parameters}. */
        public static Settings of(Workload workload, Map<String, String> parameters) {
            String pacing = "unlimited";
            double rate = 0;
            long rampUp = 0;
            List<Step> steps = List.of();
            long think = 0;
            double speed = 0;
            Pacing p = workload.pacing();
            if (p instanceof Pacing.Open open) {
                pacing = "open";
                rate = open.ratePerSecond();
                rampUp = open.rampUp().toMillis();
                steps = open.steps().stream()
                        .map(s -> new Step(s.at().toMillis(), s.ratePerSecond()))
                        .toList();
            } else if (p instanceof Pacing.Closed closed) {
                pacing = "closed";
                think = closed.thinkTime().toMillis();
            } else if (p instanceof Pacing.Recorded recorded) {
                pacing = "recorded";
                speed = recorded.speed();
            }
            Limit limit = workload.limit();
            return new Settings(
                    pacing,
                    rate,
                    rampUp,
                    steps,
                    think,
                    speed,
                    workload.users(),
                    limit.duration().toMillis(),
                    limit.operations(),
                    limit.records(),
                    workload.warmup().duration().toMillis(),
                    workload.warmup().auto(),
                    workload.maxOutstanding(),
                    workload.drainTimeout().toMillis(),
                    workload.interval().toMillis(),
                    parameters);
        }
    }

    /** An open-model rate change {@code atMillis} after the warm-up ended. */
    public record Step(long atMillis, double ratePerSecond) {}

    /**
     * Where and when the run happened.
     *
     * @param javaVendor          {@code java.vendor}
     * @param javaVersion         {@code java.runtime.version}
     * @param os                  {@code os.name} and {@code os.version}
     * @param arch                {@code os.arch}
     * @param cpus                processors available to the JVM
     * @param maxHeapBytes        the JVM's maximum heap
     * @param hostname            local host name, or "unknown"
     * @param kafkaClientsVersion version of the kafka-clients library on the class path
     * @param start               wall-clock start of the run
     * @param end                 wall-clock end of the run
     */
    public record Environment(
            String javaVendor,
            String javaVersion,
            String os,
            String arch,
            int cpus,
            long maxHeapBytes,
            String hostname,
            String kafkaClientsVersion,
            Instant start,
            Instant end) {}

    /**
     * The warm-up, reported apart from the measured figures.
     *
     * @param durationMillis how long it lasted (a whole number of intervals)
     * @param ended          "none" (no warm-up), "fixed", "steady" (automatic, steady), "max" (automatic, never
     *                       steady before its maximum), "unfinished" (the run ended during warm-up) or "mixed"
     *                       (merged runs that disagree)
     * @param counts         its operation counts
     * @param latency        its latency
     * @param histogram      its HdrHistogram (µs), base64 of the compressed encoding
     * @param errors         its failed operations by status
     */
    public record WarmupSummary(
            long durationMillis,
            String ended,
            Counts counts,
            Percentiles latency,
            String histogram,
            Map<String, Long> errors) {
        public WarmupSummary {
            errors = Map.copyOf(errors);
        }
    }

    /**
     * Operation counts. {@code operations = ok + failed}; {@code failed} includes the {@code incomplete} ones, whose
     * latency is unknown and therefore not in any histogram.
     *
     * @param operations operations accounted for
     * @param ok         successful
     * @param failed     failed, incomplete included
     * @param incomplete still outstanding when the drain timeout expired
     * @param records    records moved ({@link Outcome#records()})
     * @param bytes      payload bytes moved
     */
    public record Counts(long operations, long ok, long failed, long incomplete, long records, long bytes) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);
    }

    /**
     * How well the generator kept its schedule over the measured part.
     *
     * @param measuredMillis        length of the measured part, ms (end of warm-up to end of run, drain included)
     * @param operationsPerSecond   measured operations / measured time
     * @param recordsPerSecond      measured records / measured time
     * @param megabytesPerSecond    measured MB (2<sup>20</sup> bytes) / measured time
     * @param targetRate            operations per second the schedule asked for over its span; 0 without a rate
     * @param achievedRate          operations per second actually started over the same operations' span
     * @param maxScheduleLagMicros  the most any operation started late, µs
     * @param behindSchedule        whether the generator fell behind in any measured interval (an operation started
     *                              over 100 ms or a tenth of an interval late, whichever is longer); latency still
     *                              counts from the intended starts
     */
    public record Rates(
            long measuredMillis,
            double operationsPerSecond,
            double recordsPerSecond,
            double megabytesPerSecond,
            double targetRate,
            double achievedRate,
            long maxScheduleLagMicros,
            boolean behindSchedule) {}

    /**
     * Measured figures of one {@link Outcome#label()}.
     *
     * @param operations completed operations with this label
     * @param ok         of those, successful
     * @param failed     of those, failed
     * @param latency    their latency
     * @param histogram  their HdrHistogram (µs), base64 of the compressed encoding
     * @param statuses   their statuses
     */
    public record LabelSummary(
            long operations, long ok, long failed, Percentiles latency, String histogram, Map<String, Long> statuses) {
        public LabelSummary {
            statuses = Map.copyOf(statuses);
        }
    }

    /**
     * How a run of several {@code pacer worker} processes went: the total is the rest of the {@link RunResult}, merged
     * exactly; here is each worker's share beside it ({@code docs/workers.md}).
     *
     * @param runId     the coordinator's id of the run, on every message of the control and results topics
     * @param requested the workers asked for ({@code --workers N}), or how many were live for {@code --workers all}
     * @param shares    one per worker, by share index
     */
    public record Distribution(String runId, int requested, List<Share> shares) {
        public Distribution {
            Objects.requireNonNull(runId, "runId");
            shares = List.copyOf(shares);
        }

        /** Shares whose work is not in the total: their worker was lost, failed or never reported. */
        public long missingShares() {
            return shares.stream().filter(s -> !s.finished()).count();
        }
    }

    /**
     * One worker's share of a distributed run and how it went.
     *
     * @param index          0-based share index
     * @param worker         the worker's name ({@code --name}, default host and process id)
     * @param host           where it ran
     * @param state          "done" (its result is in the total), "stopped" (stopped early by the coordinator, its
     *                       partial result in the total), "lost" (no heartbeat for the worker timeout), "failed" (its
     *                       run failed) or "unreported" (the coordinator stopped waiting for it)
     * @param share          what it was given: rate, users and ids ("1/3 of 300 ops/s = 100 ops/s, users 0–0, ids ≡ 0
     *                       mod 3")
     * @param missing        for a share not in the total: what was not done and why; null otherwise
     * @param counts         its measured operations (for a lost worker: what its streamed intervals reported)
     * @param targetRate     operations per second its schedule asked for; 0 without a rate
     * @param achievedRate   operations per second it started
     * @param behindSchedule whether it fell behind its schedule (its notices say by how much)
     * @param latency        its own latency, µs from its own intended starts
     * @param notices        its notices
     */
    public record Share(
            int index,
            String worker,
            String host,
            String state,
            String share,
            String missing,
            Counts counts,
            double targetRate,
            double achievedRate,
            boolean behindSchedule,
            Percentiles latency,
            List<String> notices) {
        public Share {
            Objects.requireNonNull(worker, "worker");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(latency, "latency");
            notices = List.copyOf(notices);
        }

        /** Whether this share's work is in the total. */
        public boolean finished() {
            return state.equals("done") || state.equals("stopped");
        }
    }
}
