package io.pacer.load;

import io.pacer.metrics.Histograms;
import io.pacer.metrics.Percentiles;
import io.pacer.time.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One run: the pacing thread (which issues, drains, and assembles the result) and the reporter thread. The driver
 * is already open; this closes it when the run ends, whatever happened.
 */
final class EngineRun implements LoadRun {

    /** Status of operations still outstanding when the drain timeout expired. */
    static final String INCOMPLETE = "incomplete";

    private final Workload workload;
    private final Driver driver;
    private final Map<String, String> parameters;
    private final Ticker ticker;
    private final Clock clock;
    private final Notices notices;
    private final RunListener listener;
    private final Tally tally = new Tally();
    private final PacingLoop pacer;
    private final CompletableFuture<RunResult> result = new CompletableFuture<>();
    private final Thread pacingThread;

    EngineRun(
            Workload workload,
            Driver driver,
            RunListener listener,
            Map<String, String> parameters,
            Ticker ticker,
            Clock clock) {
        this.workload = workload;
        this.driver = driver;
        this.parameters = Map.copyOf(parameters);
        this.ticker = ticker;
        this.clock = clock;
        this.listener = listener;
        this.notices = new Notices(listener);
        this.pacer = new PacingLoop(workload, driver, ticker, tally);
        this.pacingThread = new Thread(this::execute, "pacer-load-pacing");
    }

    void begin() {
        pacingThread.start();
    }

    @Override
    public void stop() {
        pacer.stop(pacingThread);
    }

    @Override
    public RunResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "load run of " + driver.describe() + " failed: " + e.getCause(), e.getCause());
        }
    }

    private void execute() {
        try {
            Measured measured;
            try {
                measured = measure();
            } finally {
                closeDriver();
            }
            result.complete(assemble(measured));
        } catch (Throwable e) {
            result.completeExceptionally(e);
        }
    }

    /** What the run measured, before it is assembled into a result. */
    private record Measured(
            Reporter reporter,
            MeasuredSpan span,
            long end,
            RunResult.Environment environment,
            Map<String, Double> driverSummary,
            RecordAccounting accounting) {}

    private Measured measure() throws InterruptedException {
        Instant startWall = clock.instant();
        long t0 = ticker.nanos();
        Reporter reporter = new Reporter(workload, driver, ticker, tally, pacer, notices, listener, t0);
        Thread reporterThread = new Thread(reporter, "pacer-load-reporter");
        reporterThread.setDaemon(true);
        reporterThread.start();
        RuntimeException failure = null;
        MeasuredSpan span = null;
        try {
            span = pacer.run(t0);
        } catch (RuntimeException e) {
            failure = e;
        }
        pacer.drain(workload.drainTimeout().toNanos());
        tally.seal();
        long incomplete = pacer.outstanding();
        long end = ticker.nanos();
        Instant endWall = clock.instant();
        reporter.finish(end);
        reporterThread.join();
        if (failure != null) {
            throw failure;
        }
        if (incomplete > 0) {
            reporter.measuredTotals.addIncomplete(incomplete);
            notices.add(incomplete + " operations still outstanding at the end counted as incomplete (failed)");
        }
        return new Measured(
                reporter, span, end, Environments.probe(startWall, endWall), driverSummary(), driverAccounting());
    }

    private RunResult assemble(Measured m) {
        Reporter reporter = m.reporter();
        Totals measured = reporter.measuredTotals;
        long measuredNanos = Math.max(0, m.end() - pacer.measuredStart().at()); // handed over by now
        double seconds = Math.max(measuredNanos, 1) / 1e9;
        RunResult.Counts counts = measured.counts();
        long completed = counts.operations() - counts.incomplete();
        RunResult.Rates rates = new RunResult.Rates(
                measuredNanos / 1_000_000,
                completed / seconds,
                counts.records() / seconds,
                counts.bytes() / seconds / (1 << 20),
                pacer.hasTargetRate() ? m.span().intendedRate() : 0,
                m.span().issueRate(),
                reporter.maxMeasuredLag / 1000,
                reporter.behindSchedule);
        return new RunResult(
                RunResult.SCHEMA,
                LoadEngine.version(),
                driver.describe(),
                RunResult.Settings.of(workload, parameters),
                m.environment(),
                reporter.warmup,
                reporter.intervals,
                Percentiles.of(measured.latency),
                Histograms.encode(measured.latency),
                measured.labels(),
                counts,
                measured.errors,
                measured.statuses,
                rates,
                m.accounting(),
                m.driverSummary(),
                pacer.stopping(),
                notices.list());
    }

    private Map<String, Double> driverSummary() {
        try {
            return driver.summary();
        } catch (RuntimeException e) {
            notices.add("driver summary failed: " + e);
            return Map.of();
        }
    }

    private RecordAccounting driverAccounting() {
        try {
            return driver.accounting().orElse(null);
        } catch (RuntimeException e) {
            notices.add("driver accounting failed: " + e);
            return null;
        }
    }

    private void closeDriver() {
        try {
            driver.close();
        } catch (Exception e) {
            notices.add("driver close failed: " + e);
        }
    }
}
