package io.pacer.cli;

import io.pacer.load.Gate;
import io.pacer.load.Limit;
import io.pacer.load.Pacing;
import io.pacer.load.Warmup;
import io.pacer.load.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options every load command shares: pacing, users, bounds, warm-up and output. */
final class LoadOptions {
    /** The default --rate as the help shows it; {@link #DEFAULT_RATE} is read from it, so the two cannot differ. */
    static final String DEFAULT_RATE_TEXT = "1000";

    static final double DEFAULT_RATE = Double.parseDouble(DEFAULT_RATE_TEXT);
    /** The default --duration as the help shows it, and the value read from it. */
    static final String DEFAULT_DURATION_TEXT = "10s";

    static final Duration DEFAULT_DURATION = new Converters.DurationConverter().convert(DEFAULT_DURATION_TEXT);

    @Option(
            names = "--rate",
            paramLabel = "OPS",
            converter = Converters.RateConverter.class,
            description = "Target operations per second across all users (open model; default " + DEFAULT_RATE_TEXT
                    + "). -1 = unlimited: as fast as the target accepts.")
    Double rate;

    @Option(
            names = "--rate-per-user",
            paramLabel = "OPS",
            converter = Converters.RateConverter.class,
            description =
                    "Target operations per second for each user (total = this × --users; default: none, --rate applies).")
    Double ratePerUser;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "1",
            description =
                    "Simulated users (default ${DEFAULT-VALUE}). With --think-time each waits for its own response.")
    int users;

    @Option(
            names = "--duration",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "Measured run time: TIME is a number of seconds (60) or 250ms, 15s, 2m, 1h (default "
                    + DEFAULT_DURATION_TEXT + " unless --count is given). Warm-up comes on top.")
    Duration duration;

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "Stop after N measured operations (default: no count, the run lasts --duration).")
    Long count;

    @Option(
            names = "--warmup",
            paramLabel = "none|TIME|auto[:MAX]",
            defaultValue = "none",
            description = "Excluded and separately reported start: none, a time (10s), or auto (ends once throughput"
                    + " and latency are steady; at most 30s or MAX) (default ${DEFAULT-VALUE}).")
    String warmup;

    @Option(
            names = "--ramp-up",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "Climb linearly from 0 to --rate over this time (default: none, the full rate at once).")
    Duration rampUp;

    @Option(
            names = "--step",
            paramLabel = "AT=OPS",
            description = "Change the rate at a time into the measured run, e.g. --step 30s=2000 (repeatable;"
                    + " default: none).")
    List<String> steps = new ArrayList<>();

    @Option(
            names = "--think-time",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            description = "Closed model: each user waits for its operation to finish, then thinks this long"
                    + " (default: none, the open model).")
    Duration thinkTime;

    @Option(
            names = "--max-outstanding",
            paramLabel = "N",
            defaultValue = "10000",
            description =
                    "Operations in flight at most (default ${DEFAULT-VALUE}); waiting for a slot counts as latency.")
    int maxOutstanding;

    @Option(
            names = "--drain-timeout",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "30s",
            description = "How long to wait for outstanding operations at the end (default ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(
            names = "--interval",
            paramLabel = "TIME",
            converter = Converters.DurationConverter.class,
            defaultValue = "1s",
            description = "Length of one reporting interval (default ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(
            names = "--gate",
            paramLabel = "GATE",
            description = "A bound the run must meet, e.g. --gate 'p95<500ms' --gate 'errors<1%%' --gate"
                    + " 'throughput>=1000/s' --gate 'p99[label]<20ms' (repeatable; default: none beyond failed=0 and,"
                    + " for the stream test, lost=0 duplicated=0). A gate the run cannot measure fails.")
    List<String> gates = new ArrayList<>();

    @Option(
            names = {"--output", "-o"},
            paramLabel = "FILE",
            description = "Write the full result as JSON to FILE (default: none, the summary only).")
    Path output;

    /** The workload these options describe; {@code unboundedAllowed} for replay, which ends with its capture. */
    Workload toWorkload(boolean unboundedAllowed) {
        return workload(pacing(), limit(unboundedAllowed, false));
    }

    /**
     * A workload whose pacing the command fixes (a consumer polls as fast as it can): pacing flags are refused, and
     * {@code --count} counts records rather than operations.
     */
    Workload toPollingWorkload(String why) {
        if (rate != null || ratePerUser != null || thinkTime != null || rampUp != null || !steps.isEmpty()) {
            throw new UsageException(
                    "--rate, --rate-per-user, --think-time, --ramp-up and --step do not apply: " + why);
        }
        return workload(Pacing.closed(Duration.ZERO), limit(false, true));
    }

    /** The --gate options, parsed; a bad one is a usage error that shows the syntax. */
    List<Gate> gates() {
        List<Gate> parsed = new ArrayList<>();
        for (String gate : gates) {
            try {
                parsed.add(Gate.parse(gate));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--gate: " + e.getMessage());
            }
        }
        return parsed;
    }

    /** Whether the user asked for a rate, and which: {@code null} when none was given. */
    Double requestedRate() {
        if (ratePerUser == null) {
            return rate;
        }
        return ratePerUser == -1 ? -1 : ratePerUser * users;
    }

    private Workload workload(Pacing pacing, Limit limit) {
        try {
            return new Workload(pacing, users, limit, warmup(), maxOutstanding, drainTimeout, interval);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private Pacing pacing() {
        if (rate != null && ratePerUser != null) {
            throw new UsageException("give --rate or --rate-per-user, not both");
        }
        if (thinkTime != null) {
            if (rate != null || ratePerUser != null) {
                throw new UsageException(
                        "--think-time runs a closed model (each user waits for its response), which has "
                                + "no target rate: drop --rate or --think-time");
            }
            if (rampUp != null || !steps.isEmpty()) {
                throw new UsageException("--ramp-up and --step need a target --rate");
            }
            return Pacing.closed(thinkTime);
        }
        Double requested = requestedRate();
        double total = requested != null ? requested : DEFAULT_RATE;
        if (total == -1) {
            if (rampUp != null || !steps.isEmpty()) {
                throw new UsageException("--ramp-up and --step need a target rate, not -1");
            }
            return Pacing.unlimited();
        }
        return new Pacing.Open(total, rampUp == null ? Duration.ZERO : rampUp, parseSteps());
    }

    private List<Pacing.Step> parseSteps() {
        List<Pacing.Step> parsed = new ArrayList<>();
        for (String step : steps) {
            int eq = step.indexOf('=');
            if (eq < 0) {
                throw new UsageException("--step '" + step + "' must be AT=OPS, e.g. --step 30s=2000");
            }
            Duration at;
            double ops;
            try {
                at = new Converters.DurationConverter().convert(step.substring(0, eq));
                ops = new Converters.RateConverter().convert(step.substring(eq + 1));
            } catch (RuntimeException e) {
                throw new UsageException("--step '" + step + "': " + e.getMessage());
            }
            if (ops == -1) {
                throw new UsageException("--step '" + step + "': a step needs a rate > 0");
            }
            parsed.add(new Pacing.Step(at, ops));
        }
        return parsed;
    }

    private Limit limit(boolean unboundedAllowed, boolean countRecords) {
        if (count != null && count < 1) {
            throw new UsageException("--count must be >= 1, but was " + count);
        }
        if (duration != null && duration.isZero()) {
            throw new UsageException("--duration must be > 0");
        }
        Duration time =
                duration != null ? duration : count == null && !unboundedAllowed ? DEFAULT_DURATION : Duration.ZERO;
        long n = count == null ? 0 : count;
        return countRecords ? new Limit(time, 0, n) : new Limit(time, n, 0);
    }

    private Warmup warmup() {
        String text = warmup.trim().toLowerCase(Locale.ROOT);
        if (text.equals("none")) {
            return Warmup.none();
        }
        if (text.equals("auto")) {
            return Warmup.auto(Warmup.DEFAULT_AUTO_MAX);
        }
        try {
            if (text.startsWith("auto:")) {
                return Warmup.auto(new Converters.DurationConverter().convert(text.substring(5)));
            }
            return Warmup.fixed(new Converters.DurationConverter().convert(text));
        } catch (RuntimeException e) {
            throw new UsageException(
                    "--warmup '" + warmup + "' must be a time (10s), auto, or auto:MAX (auto:45s), or none");
        }
    }
}
