package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.Gate;
import io.pacer.load.LoadEngine;
import io.pacer.load.LoadRun;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.load.Slice;
import io.pacer.load.Verdict;
import io.pacer.load.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The steps every load command takes: read the options, build the driver, run the engine with a progress display,
 * stop cleanly on Ctrl-C, print the summary, write the JSON result, turn the run's {@link Verdict} into the exit code.
 */
abstract class LoadCommand implements Callable<Integer> {

    @Mixin
    LoadOptions load;

    @Mixin
    DistributionOptions distribution;

    @Spec
    CommandSpec spec;

    /** The ids this process issues and accounts for: all of them, unless it is a worker doing one share. */
    Slice slice = Slice.WHOLE;

    /** The driver for this command; may start an embedded broker (closed in {@link #release()}). */
    abstract Driver driver(PrintWriter err) throws Exception;

    /** The command's own settings, as they go into the result's parameters. */
    abstract Map<String, String> parameters();

    /** The workload the options describe; commands with their own pacing rules override this. */
    Workload workload() {
        return load.toWorkload(false);
    }

    /** Releases what {@link #driver} started besides the driver itself. */
    void release() {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Workload workload = workload();
        List<Gate> gates = load.gates();
        checkOutputWritable(load.output);
        if (distribution.requested()) {
            return OnWorkers.run(this, workload, gates, out, err);
        }
        try {
            Driver driver = driver(err);
            Progress progress = Progress.forConsole(err, workload);
            LoadRun run = LoadEngine.start(workload, driver, progress, parameters());
            RunResult result;
            try (StopOnSignal ignored = StopOnSignal.install(run, err)) {
                result = run.await();
            }
            progress.finish();
            Verdict verdict = Verdict.of(result, Verdict.DEFAULT_GATES, gates);
            Summary.print(result, verdict, out);
            if (load.output != null) {
                RunResults.write(result, load.output);
                err.println("pacer: result written to " + load.output);
            }
            return verdict.passed() ? ExitCode.OK : ExitCode.FAILED_RUN;
        } finally {
            release();
        }
    }

    /** Refuses an --output that cannot be written, before anything runs. */
    static void checkOutputWritable(Path output) {
        if (output == null) {
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new UsageException("--output " + output + ": directory " + parent + " does not exist");
        }
        if (Files.isDirectory(output)) {
            throw new UsageException("--output " + output + " is a directory: give a file name");
        }
        try {
            if (!Files.exists(output)) {
                Files.createFile(output);
                Files.delete(output);
            } else if (!Files.isWritable(output)) {
                throw new UsageException("--output " + output + " is not writable");
            }
        } catch (IOException e) {
            throw new UsageException("--output " + output + " cannot be written: " + e.getMessage());
        }
    }
}
