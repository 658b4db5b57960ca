package io.pacer.load;

import io.pacer.time.Ticker;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link Workload} against a {@link Driver} and measures it: the entry point of {@code io.pacer.load}.
 *
 * <p>{@link #start} opens the driver, then issues operations on a pacing thread while a reporter thread publishes
 * one {@link IntervalStats} per interval to the {@link RunListener}; the returned {@link LoadRun} can be stopped
 * (Ctrl-C) and awaited. {@link #run} does both. Latency is always measured from each operation's intended start,
 * so a stall of the system under test — or of the generator itself — shows in the percentiles instead of
 * silently thinning the load (coordinated omission).
 */
public final class LoadEngine {

    private LoadEngine() {}

    /** Starts a run on the system clocks. */
    public static LoadRun start(Workload workload, Driver driver, RunListener listener) {
        return start(workload, driver, listener, Map.of());
    }

    /** Starts a run whose {@link RunResult.Settings#parameters()} include the caller's {@code parameters}. */
    public static LoadRun start(
            Workload workload, Driver driver, RunListener listener, Map<String, String> parameters) {
        return start(workload, driver, listener, parameters, Ticker.system(), Clock.systemUTC());
    }

    /**
     * Starts a run measuring with {@code ticker} and stamping wall-clock times from {@code clock}.
     *
     * @throws IllegalArgumentException if the workload needs something the driver does not offer
     * @throws IllegalStateException    if {@link Driver#open()} failed (the driver has been closed)
     */
    public static LoadRun start(
            Workload workload,
            Driver driver,
            RunListener listener,
            Map<String, String> parameters,
            Ticker ticker,
            Clock clock) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(listener, "listener (use RunListener.NONE for none)");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(clock, "clock");
        validate(workload, driver);
        EngineRun run = new EngineRun(workload, driver, listener, parameters, ticker, clock);
        open(driver);
        run.begin();
        return run;
    }

    /** Runs to the end on the system clocks and returns the result. */
    public static RunResult run(Workload workload, Driver driver, RunListener listener) throws InterruptedException {
        return start(workload, driver, listener).await();
    }

    /** Runs to the end, with the caller's parameters recorded in the settings, and returns the result. */
    public static RunResult run(Workload workload, Driver driver, RunListener listener, Map<String, String> parameters)
            throws InterruptedException {
        return start(workload, driver, listener, parameters).await();
    }

    static void validate(Workload workload, Driver driver) {
        boolean timeline = driver instanceof Timeline;
        if (workload.pacing() instanceof Pacing.Recorded && !timeline) {
            throw new IllegalArgumentException("Pacing.Recorded replays recorded timing and needs a driver that "
                    + "implements Timeline, but '" + driver.describe() + "' does not; use Pacing.open(rate) or "
                    + "Pacing.unlimited() instead");
        }
        if (!workload.limit().bounded() && !timeline) {
            throw new IllegalArgumentException("Limit.none() ends the run only when a Timeline driver is exhausted, "
                    + "but '" + driver.describe() + "' is not a Timeline; give a duration, operation or record limit");
        }
    }

    private static void open(Driver driver) {
        try {
            driver.open();
        } catch (Exception e) {
            try {
                driver.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw new IllegalStateException("driver '" + driver.describe() + "' failed to open: " + e, e);
        }
    }

    /** This library's version from the jar manifest, or "dev" when run from a build tree. */
    static String version() {
        String version = LoadEngine.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
