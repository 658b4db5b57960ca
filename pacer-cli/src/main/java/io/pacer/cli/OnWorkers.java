package io.pacer.cli;

import io.pacer.load.Gate;
import io.pacer.load.RunResult;
import io.pacer.load.RunResults;
import io.pacer.load.Verdict;
import io.pacer.load.Workload;
import io.pacer.load.distributed.CoordinatorSettings;
import io.pacer.load.distributed.Distributed;
import io.pacer.load.distributed.DistributedRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A load command run with {@code --workers}: this process is the coordinator. It sends the workers the command as
 * the user typed it (less the options only the coordinator acts on), shows one progress line, prints one summary
 * with each worker's share beside the total, writes the merged result and judges it — a share missing fails the run
 * unless {@code --allow-partial}. Ctrl-C stops every worker and still prints the partial result.
 */
final class OnWorkers {
    private OnWorkers() {}

    static int run(LoadCommand command, Workload workload, List<Gate> gates, PrintWriter out, PrintWriter err)
            throws Exception {
        OptionSpec bootstrap = command.spec.findOption("--bootstrap");
        String servers = bootstrap == null ? null : bootstrap.getValue();
        if (bootstrap != null && servers == null && command.spec.findOption("--sink") == null) {
            throw new UsageException("--workers needs --bootstrap: every worker must reach the same Kafka cluster"
                    + " (an embedded broker would be each worker's own)");
        }
        CoordinatorSettings settings = command.distribution.settings(servers);
        List<String> words =
                new ArrayList<>(Arrays.asList(command.spec.qualifiedName(" ").split(" ")));
        words.remove(0); // "pacer"
        List<String> args =
                new ArrayList<>(command.spec.commandLine().getParseResult().originalArgs());
        for (String word : words) {
            args.remove(word);
        }
        List<String> work = new ArrayList<>(words);
        work.addAll(DistributionOptions.forWorkers(args));
        err.println("pacer: waiting for " + (settings.workers() == CoordinatorSettings.ALL ? "all" : settings.workers())
                + " worker(s) on " + settings.control().controlTopic() + " at "
                + settings.control().bootstrapServers() + "...");
        Progress progress = Progress.forConsole(err, workload);
        DistributedRun run = Distributed.coordinate(settings, work, workload, command.parameters(), progress);
        RunResult result;
        try (StopOnSignal ignored = StopOnSignal.install(run::stop, "stopping every worker", err)) {
            result = run.await();
        } catch (IllegalStateException nothingFinished) {
            progress.finish();
            err.println("pacer: " + Problems.oneLine(nothingFinished));
            return ExitCode.FAILED_RUN;
        }
        progress.finish();
        Verdict verdict = Verdict.of(result, command.distribution.defaultGates(), gates);
        Summary.print(result, verdict, out);
        if (command.load.output != null) {
            RunResults.write(result, command.load.output);
            err.println("pacer: result written to " + command.load.output);
        }
        return verdict.passed() ? ExitCode.OK : ExitCode.FAILED_RUN;
    }
}
