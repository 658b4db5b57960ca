package io.pacer.verdict.suite;

import io.pacer.load.Driver;
import io.pacer.load.Figure;
import io.pacer.load.LoadEngine;
import io.pacer.load.LoadRun;
import io.pacer.load.LoadSetupException;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Timeline;
import io.pacer.load.Workload;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a suite's scenarios one after another and judges each by its gates: {@code pacer full}. A plain scenario runs
 * once; a scenario with a {@link Scenario.Search} runs the capacity search. With {@code abortOnFail} (and in every
 * search step) a run stops as soon as a gate is already lost. A scenario that cannot run (its target is unreachable)
 * is reported with its error and the suite goes on; a run stopped from outside (Ctrl-C) ends the suite after that
 * scenario, with what was measured.
 */
public final class SuiteRunner {

    private final ScenarioLauncher launcher;
    private final SuiteListener listener;
    private final Clock clock;
    private volatile boolean interrupted;

    public SuiteRunner(ScenarioLauncher launcher, SuiteListener listener, Clock clock) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Checks that every scenario names a driver the launcher has and options the driver accepts, before anything
     * runs; nothing is opened.
     *
     * @throws SuiteException at the place of the first problem, listing the valid drivers or options
     */
    public static void check(List<Scenario> scenarios, ScenarioLauncher launcher) {
        for (Scenario scenario : scenarios) {
            launch(scenario, launcher).release().run();
        }
    }

    /** Runs {@code scenarios} of {@code suite} and returns the suite result. */
    public SuiteResult run(Suite suite, List<Scenario> scenarios) throws InterruptedException {
        Instant started = clock.instant();
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            ScenarioResult result = run(scenario);
            results.add(result);
            listener.onScenarioEnd(result);
            if (interrupted) {
                break;
            }
        }
        return new SuiteResult(SuiteResult.SCHEMA, suite.name(), started, clock.instant(), results);
    }

    private ScenarioResult run(Scenario scenario) throws InterruptedException {
        List<Scenario.GateSpec> gates = gates(scenario, launcher.requiredGates());
        try {
            if (scenario.search() == null) {
                RunResult r = once(scenario, null);
                return new ScenarioResult(scenario.name(), scenario.driver(), r, Judge.gates(gates, r), null, null);
            }
            CapacitySearch.Found found =
                    CapacitySearch.search(scenario.search(), gates, rate -> once(scenario, rate), () -> interrupted);
            return new ScenarioResult(
                    scenario.name(), scenario.driver(), found.run(), found.gates(), found.capacity(), null);
        } catch (CouldNotRun e) {
            return new ScenarioResult(
                    scenario.name(), scenario.driver(), null, failedGates(gates), null, e.getMessage());
        }
    }

    /** The scenario's gates, then each of the launcher's required gates the scenario does not state itself. */
    static List<Scenario.GateSpec> gates(Scenario scenario, List<io.pacer.load.Gate> required) {
        List<Scenario.GateSpec> gates = new ArrayList<>(scenario.gates());
        for (io.pacer.load.Gate gate : required) {
            if (!scenario.gateList().contains(gate)) {
                gates.add(new Scenario.GateSpec(gate.toString(), gate, scenario.at()));
            }
        }
        return gates;
    }

    /** One run of {@code scenario}, at {@code rate} operations per second when given. */
    private RunResult once(Scenario scenario, Double rate) throws InterruptedException {
        ScenarioLauncher.Launch launch = launch(scenario, launcher);
        try {
            Workload workload = rate == null ? launch.workload() : atRate(launch.workload(), rate);
            boolean abort = scenario.abortOnFail() || rate != null;
            AbortOnFail aborting = abort ? new AbortOnFail(scenario.gateList(), workload) : null;
            RunListener shown = listener.onRunStarting(scenario, workload, rate);
            LoadRun run;
            try {
                run = launch.runner() == null
                        ? LoadEngine.start(
                                workload,
                                withHeap(scenario, launch.driver()),
                                both(shown, aborting),
                                withRate(launch.parameters(), rate))
                        : launch.runner().start(workload, withRate(launch.parameters(), rate), both(shown, aborting));
            } catch (RuntimeException e) {
                listener.onRunEnded();
                throw new CouldNotRun(e);
            }
            RunResult result;
            try {
                if (aborting != null) {
                    aborting.attach(run);
                }
                listener.onRunStarted(run);
                result = run.await();
            } catch (LoadSetupException | IllegalStateException e) {
                throw new CouldNotRun(e); // on workers: too few, one refused, or none finished any of its share
            } finally {
                listener.onRunEnded();
            }
            if (aborting != null && aborting.reason() != null) {
                return result.withNotice(aborting.reason());
            }
            if (result.stopped()) {
                interrupted = true;
            }
            return result;
        } finally {
            launch.release().run();
        }
    }

    private static ScenarioLauncher.Launch launch(Scenario scenario, ScenarioLauncher launcher) {
        if (!launcher.drivers().contains(scenario.driver())) {
            throw new SuiteException(
                    scenario.at(),
                    "scenario '" + scenario.name() + "': unknown driver '" + scenario.driver() + "'; drivers are "
                            + String.join(", ", launcher.drivers()));
        }
        try {
            return launcher.prepare(scenario);
        } catch (ScenarioLauncher.OptionException e) {
            Scenario.Option option =
                    e.option() == null ? null : scenario.options().get(e.option());
            throw new SuiteException(
                    option == null ? scenario.at() : option.at(),
                    "scenario '" + scenario.name() + "'" + (option == null ? "" : " option " + option.name()) + ": "
                            + e.getMessage());
        } catch (SuiteException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SuiteException(scenario.at(), "scenario '" + scenario.name() + "': " + e.getMessage());
        }
    }

    /** The workload at a fixed open-model rate: a capacity search step. */
    static Workload atRate(Workload w, double rate) {
        return new Workload(
                Pacing.open(rate),
                w.users(),
                w.limit(),
                w.warmup(),
                w.maxOutstanding(),
                w.drainTimeout(),
                w.interval());
    }

    private static Map<String, String> withRate(Map<String, String> parameters, Double rate) {
        if (rate == null) {
            return parameters;
        }
        Map<String, String> p = new LinkedHashMap<>(parameters);
        p.put("search_step_rate", io.pacer.load.Gate.format(rate));
        return p;
    }

    /** The driver, sampling the heap after GC each interval when a gate bounds its drift. */
    private static Driver withHeap(Scenario scenario, Driver driver) {
        boolean wanted = scenario.gateList().stream().anyMatch(g -> g.figure() == Figure.HEAP_DRIFT);
        return wanted && !(driver instanceof Timeline) ? new HeapSampling(driver) : driver;
    }

    private static RunListener both(RunListener a, RunListener b) {
        if (b == null) {
            return a;
        }
        return new RunListener() {
            @Override
            public void onInterval(io.pacer.load.IntervalStats stats) {
                a.onInterval(stats);
                b.onInterval(stats);
            }

            @Override
            public void onWarmupEnd(RunResult.WarmupSummary warmup) {
                a.onWarmupEnd(warmup);
                b.onWarmupEnd(warmup);
            }

            @Override
            public void onNotice(String message) {
                a.onNotice(message);
                b.onNotice(message);
            }
        };
    }

    /** Every gate of a scenario that could not run: failed, not measured. */
    private static List<GateResult> failedGates(List<Scenario.GateSpec> gates) {
        return gates.stream()
                .map(g -> new GateResult(
                        g.text(),
                        g.gate().figure().metric(),
                        g.gate().figure().label(),
                        null,
                        g.gate().bound(),
                        g.gate().figure().unit(),
                        false))
                .toList();
    }

    /** A scenario whose run could not start: the driver could not open (an unreachable target). */
    private static final class CouldNotRun extends RuntimeException {
        CouldNotRun(RuntimeException cause) {
            super(message(cause), cause, false, false);
        }

        private static String message(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
                if (c instanceof LoadSetupException) {
                    return c.getMessage();
                }
            }
            Throwable inner = t;
            while (inner.getCause() != null && inner.getCause() != inner) {
                inner = inner.getCause();
            }
            String m = inner.getMessage() == null ? inner.getClass().getSimpleName() : inner.getMessage();
            return m.lines().findFirst().orElse(m);
        }
    }
}
