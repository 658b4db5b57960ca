package io.pacer.load;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import io.pacer.time.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The reporter thread: at every interval boundary it swaps the {@link Tally}'s bucket, turns it into
 * {@link IntervalStats}, adds it to the warm-up or the measured totals, decides when the warm-up ends and says
 * when the generator falls behind its schedule. After {@link #finish} it closes the last, partial interval.
 */
final class Reporter implements Runnable {

    /** Schedule lag below which the generator is not called behind, however short the interval. */
    static final long BEHIND_LAG_NANOS = 100_000_000L;

    private final Workload workload;
    private final Driver driver;
    private final Ticker ticker;
    private final Tally tally;
    private final PacingLoop pacer;
    private final Notices notices;
    private final RunListener listener;
    private final long t0;
    private final long intervalNanos;
    private final long warmupEnd;

    final List<IntervalStats> intervals = new ArrayList<>();
    final Totals warmupTotals = new Totals();
    final Totals measuredTotals = new Totals();
    RunResult.WarmupSummary warmup;
    long maxMeasuredLag;
    boolean behindSchedule;

    private final List<IntervalStats> warmupIntervals = new ArrayList<>();
    private long lastBoundary;
    private long lastStarted;
    private boolean inWarmup;
    private boolean behindStreak;
    private boolean gaugesFailed;
    /** The step origin handed to the pacing loop, ns from t0, for the target rate; UNKNOWN until decided. */
    private long measuredFrom = Schedule.UNKNOWN;

    private volatile long end = Long.MIN_VALUE;
    private volatile Thread thread;

    Reporter(
            Workload workload,
            Driver driver,
            Ticker ticker,
            Tally tally,
            PacingLoop pacer,
            Notices notices,
            RunListener listener,
            long t0) {
        this.workload = workload;
        this.driver = driver;
        this.ticker = ticker;
        this.tally = tally;
        this.pacer = pacer;
        this.notices = notices;
        this.listener = listener;
        this.t0 = t0;
        this.lastBoundary = t0;
        this.intervalNanos = workload.interval().toNanos();
        Warmup w = workload.warmup();
        long intervals = (w.duration().toNanos() + intervalNanos - 1) / intervalNanos; // whole intervals
        this.warmupEnd = t0 + intervals * intervalNanos;
        this.inWarmup = intervals > 0;
        if (!inWarmup) {
            warmup = new RunResult.WarmupSummary(
                    0,
                    "none",
                    RunResult.Counts.ZERO,
                    Percentiles.EMPTY,
                    Histograms.encode(warmupTotals.latency),
                    Map.of());
            handOver(t0, 0);
        } else if (!w.auto()) {
            handOver(warmupEnd, MeasuredStart.RECORDS_UNKNOWN);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        for (long k = 1; ; k++) {
            long boundary = t0 + k * intervalNanos;
            while (end == Long.MIN_VALUE && ticker.nanos() < boundary) {
                LockSupport.parkNanos(Math.min(boundary - ticker.nanos(), PacingLoop.MAX_PARK_NANOS));
            }
            if (end != Long.MIN_VALUE) {
                break;
            }
            closeInterval(boundary);
        }
        if (end > lastBoundary || intervals.isEmpty()) {
            closeInterval(Math.max(end, lastBoundary));
        }
        if (inWarmup) {
            endWarmup(end, "unfinished");
        }
    }

    /** Ends reporting at {@code endNanos}; the tally must be sealed. */
    void finish(long endNanos) {
        end = endNanos;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void closeInterval(long boundary) {
        Tally.Bucket bucket = tally.swap();
        long started = pacer.started();
        long lag = pacer.takeIntervalLag();
        long lengthNanos = boundary - lastBoundary;
        double seconds = Math.max(lengthNanos, 1) / 1e9;
        long operations = bucket.operations();
        long records = bucket.records.sum();
        long bytes = bucket.bytes.sum();
        long startedHere = started - lastStarted;
        double target = pacer.targetRate(lastBoundary + lengthNanos / 2 - t0, measuredFrom);
        IntervalStats stats = new IntervalStats(
                intervals.size(),
                (lastBoundary - t0) / 1_000_000,
                lengthNanos / 1_000_000,
                inWarmup,
                startedHere,
                operations,
                bucket.ok.sum(),
                bucket.failed.sum(),
                records,
                bytes,
                operations / seconds,
                records / seconds,
                bytes / seconds / (1 << 20),
                target,
                startedHere / seconds,
                lag / 1000,
                Percentiles.of(bucket.latency),
                gauges());
        lastBoundary = boundary;
        lastStarted = started;
        intervals.add(stats);
        if (inWarmup) {
            warmupTotals.add(bucket);
            warmupIntervals.add(stats);
        } else {
            measuredTotals.add(bucket);
            maxMeasuredLag = Math.max(maxMeasuredLag, lag);
        }
        checkSchedule(stats, lag);
        notices.call(() -> listener.onInterval(stats, bucket.latency));
        if (inWarmup && boundary >= warmupEnd) {
            endWarmup(boundary, workload.warmup().auto() ? "max" : "fixed");
        } else if (inWarmup && workload.warmup().auto() && SteadyRule.steady(warmupIntervals)) {
            endWarmup(boundary, "steady");
        }
    }

    /**
     * Behind when an operation started later than {@link #BEHIND_LAG_NANOS} or a tenth of an interval, whichever is
     * longer; said once per streak of such intervals.
     */
    private void checkSchedule(IntervalStats stats, long lagNanos) {
        boolean behind = !(workload.pacing() instanceof Pacing.Unlimited)
                && lagNanos > Math.max(BEHIND_LAG_NANOS, intervalNanos / 10);
        if (behind && !behindStreak) {
            String target =
                    stats.targetRate() > 0 ? String.format(Locale.ROOT, "target %.0f/s, ", stats.targetRate()) : "";
            String lag = lagNanos >= 1_000_000_000L
                    ? String.format(Locale.ROOT, "%.1f s", lagNanos / 1e9)
                    : lagNanos / 1_000_000 + " ms";
            notices.add(String.format(
                    Locale.ROOT,
                    "generator behind schedule: %sachieved %.0f/s, lag %s"
                            + " (latency still counts from the intended start)",
                    target,
                    stats.startRate(),
                    lag));
        }
        behindStreak = behind;
        if (behind && !stats.warmup()) {
            behindSchedule = true;
        }
    }

    private void endWarmup(long at, String how) {
        inWarmup = false;
        handOver(at, tally.records());
        long millis = (at - t0) / 1_000_000;
        warmup = new RunResult.WarmupSummary(
                millis,
                how,
                warmupTotals.counts(),
                Percentiles.of(warmupTotals.latency),
                Histograms.encode(warmupTotals.latency),
                warmupTotals.errors);
        RunResult.WarmupSummary summary = warmup;
        String why = switch (how) {
            case "steady" -> "steady";
            case "max" -> "maximum reached before it was steady";
            case "fixed" -> "fixed";
            default -> "the run ended first";
        };
        notices.add(String.format(Locale.ROOT, "warm-up ended after %.1f s (%s)", millis / 1000.0, why));
        notices.call(() -> listener.onWarmupEnd(summary));
    }

    /** Tells the pacing loop when the measured part begins and how many records came before it. */
    private void handOver(long at, long recordsBase) {
        measuredFrom = at - t0;
        pacer.measureFrom(at, recordsBase);
    }

    private Map<String, Double> gauges() {
        if (gaugesFailed) {
            return Map.of();
        }
        try {
            return driver.gauges();
        } catch (RuntimeException e) {
            if (!gaugesFailed) {
                gaugesFailed = true;
                notices.add("driver gauges failed, reported empty from now on: " + e);
            }
            return Map.of();
        }
    }
}
