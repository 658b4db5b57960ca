package io.pacer.verdict.suite;

import io.pacer.load.LoadRun;
import io.pacer.load.RunListener;
import io.pacer.load.Workload;
import io.pacer.verdict.ScenarioResult;

/**
 * Follows a suite as it runs — the CLI shows progress and each scenario's table through it. Called on the thread that
 * runs the suite, except the {@link RunListener} returned by {@link #onRunStarting}, which the engine calls on its
 * reporter thread.
 */
public interface SuiteListener {

    /** A listener that ignores everything. */
    SuiteListener NONE = new SuiteListener() {};

    /**
     * A run is about to start: the scenario's only run, or one step of its capacity search.
     *
     * @param step the step's target rate in a capacity search; null for a plain run
     * @return the listener for the run's intervals
     */
    default RunListener onRunStarting(Scenario scenario, Workload workload, Double step) {
        return RunListener.NONE;
    }

    /** The run has started: the place to let Ctrl-C stop it. */
    default void onRunStarted(LoadRun run) {}

    /** The run has ended (or failed to start). */
    default void onRunEnded() {}

    /** A scenario is done, with its gates. */
    default void onScenarioEnd(ScenarioResult result) {}
}
