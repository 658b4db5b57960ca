package io.pacer.verdict.suite;

import io.pacer.load.Driver;
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
     * A scenario ready to run.
     *
     * @param workload the workload its options describe
     * @param driver the driver, not yet opened; the engine opens and closes it
     * @param parameters the settings as they go into the result's parameters
     * @param release frees whatever the launch holds besides the driver; run once after the run
     */
    record Launch(Workload workload, Driver driver, Map<String, String> parameters, Runnable release) {
        public Launch {
            Objects.requireNonNull(workload, "workload");
            Objects.requireNonNull(driver, "driver");
            parameters = Map.copyOf(parameters);
            Objects.requireNonNull(release, "release");
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
