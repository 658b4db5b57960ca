package io.pacer.cli;

import io.pacer.load.LoadRun;
import io.pacer.load.Pacing;
import io.pacer.load.RunListener;
import io.pacer.load.RunResult;
import io.pacer.load.Workload;
import io.pacer.load.distributed.CoordinatorSettings;
import io.pacer.load.distributed.Distributed;
import io.pacer.load.distributed.DistributedRun;
import io.pacer.verdict.suite.ScenarioLauncher;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * {@code pacer full --workers}: runs one scenario on workers, this process coordinating them exactly as a load
 * command run with {@code --workers} does — the workers are sent the scenario's driver and its options as CLI
 * arguments, which they parse with the same command class. A capacity-search step is sent as the scenario's
 * arguments with its pacing options replaced by {@code --rate STEP}; the step's workload is checked to be what those
 * arguments describe, so the workers run exactly what the search asked for.
 */
final class SuiteOnWorkers implements ScenarioLauncher.Runner {

    /** The options that set the pacing, which a capacity-search step replaces by its fixed rate. */
    private static final Set<String> PACING =
            Set.of("--rate", "--rate-per-user", "--ramp-up", "--step", "--think-time");

    private final CoordinatorSettings settings;
    private final String driver;
    private final Supplier<LoadCommand> command;
    private final List<String> args;
    private final Workload workload;
    private final PrintWriter err;

    /**
     * @param driver the scenario's driver, as words ({@code kafka produce})
     * @param command makes the driver's command, to check a step's arguments
     * @param args the scenario's options as the driver's arguments
     * @param workload the workload {@code args} describe
     */
    SuiteOnWorkers(
            CoordinatorSettings settings,
            String driver,
            Supplier<LoadCommand> command,
            List<String> args,
            Workload workload,
            PrintWriter err) {
        this.settings = settings;
        this.driver = driver;
        this.command = command;
        this.args = List.copyOf(args);
        this.workload = workload;
        this.err = err;
    }

    @Override
    public LoadRun start(Workload run, Map<String, String> parameters, RunListener listener) {
        List<String> work = new ArrayList<>(List.of(driver.split(" ")));
        work.addAll(run.equals(workload) ? args : stepArguments(run));
        err.println("pacer: waiting for "
                + (settings.workers() == CoordinatorSettings.ALL ? "all" : settings.workers()) + " worker(s) on "
                + settings.control().controlTopic() + " at "
                + settings.control().bootstrapServers() + "...");
        DistributedRun distributed = Distributed.coordinate(settings, work, run, parameters, listener);
        return new LoadRun() {
            @Override
            public void stop() {
                distributed.stop();
            }

            @Override
            public RunResult await() throws InterruptedException {
                return distributed.await();
            }
        };
    }

    /** The scenario's arguments for a capacity-search step: its pacing replaced by the step's fixed rate. */
    private List<String> stepArguments(Workload step) {
        if (!(step.pacing() instanceof Pacing.Open open)) {
            throw new IllegalArgumentException("a run on workers takes the scenario's own workload or a fixed rate,"
                    + " but was " + step.pacing());
        }
        List<String> stepArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (PACING.contains(args.get(i))) {
                i++; // its value
            } else {
                stepArgs.add(args.get(i));
            }
        }
        stepArgs.add("--rate");
        stepArgs.add(BigDecimal.valueOf(open.ratePerSecond()).toPlainString());
        LoadCommand check = command.get();
        new CommandLine(check).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(stepArgs.toArray(String[]::new));
        Workload described = check.workload();
        if (!described.equals(step)) {
            throw new IllegalStateException(
                    "the capacity step's workload " + step + " differs from its arguments' " + described);
        }
        return stepArgs;
    }
}
