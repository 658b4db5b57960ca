package io.pacer.verdict.suite;

import io.pacer.load.Driver;
import io.pacer.load.Gate;
import io.pacer.load.LoadRun;
import io.pacer.load.RunListener;
import io.pacer.load.Workload;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a scenario's driver and options into something the {@link SuiteRunner} can run. The suite runner owns the
 * engine, the gates, the capacity search and abortOnFail; a launcher only knows the drivers and their options — the
 * CLI implements it by handing the options, as {@code --flag value} arguments, to the driver's own command, so a
 * suite's options have the CLI's names, defaults, validation and messages.
 */
public interface ScenarioLauncher {

    /** The driver names this launcher runs, as suites write them ({@code kafka produce}, {@code stream}, ...). */
    List<String> drivers();

    /**
     * Builds the scenario's workload and driver, checking every option; opens nothing (no connection, no thread).
     *
     * @throws OptionException for an option that is unknown or has a bad value, naming it
     * @throws IllegalArgumentException for options that do not fit together
     */
    Launch prepare(Scenario scenario);

    /**
     * Gates every run this launcher starts must meet besides the scenario's own: none for runs in this process; a
     * launcher that runs scenarios on workers requires every share done ({@code missing = 0}) unless it allows partial
     * results, so a run with a lost worker fails its scenario.
     */
    default List<Gate> requiredGates() {
        return List.of();
    }

    /**
     * Starts a scenario's run somewhere other than this process's engine — on workers — and returns it; its
     * {@link LoadRun#await()} returns the merged result (partial when a share is missing) and throws a
     * {@link io.pacer.load.LoadSetupException} when the run could not start.
     */
    @FunctionalInterface
    interface Runner {
        /**
         * @param workload the workload to run: the launch's, or a capacity-search step's at a fixed rate
         * @param parameters the settings for the result
         * @param listener sees the (merged) intervals and notices
         */
        LoadRun start(Workload workload, Map<String, String> parameters, RunListener listener);
    }

    /**
     * A scenario ready to run.
     *
     * @param workload the workload its options describe
     * @param driver the driver, not yet opened; the engine opens and closes it
     * @param parameters the settings as they go into the result's parameters
     * @param release frees whatever the launch holds besides the driver; run once after the run
     * @param runner how the run starts elsewhere (on workers), the driver then only having checked the options; null
     *     to run the driver in this process's engine
     */
    record Launch(Workload workload, Driver driver, Map<String, String> parameters, Runnable release, Runner runner) {
        public Launch {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(driver, "driver");
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(release, "release");
        }

        /** A launch that runs {@code driver} in this process. */
        public Launch(Workload workload, Driver driver, Map<String, String> parameters, Runnable release) {
            this(workload, driver, parameters, release, null);
        }
    }

    /** A problem with one option of a scenario; the suite runner adds where the option was written. */
    final class OptionException extends IllegalArgumentException {
        private final String option;

        /**
         * @param option the option's name as the suite writes it ({@code rate}); null when the problem is not one
         *     option's
         */
        public OptionException(String option, String message) {
            super(message);
            this.option = option;
        }

        public String option() {
            return option;
        }
    }
}
