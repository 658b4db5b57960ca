package io.pacer.cli;

import io.pacer.monitor.kafka.LagEvaluator;
import io.pacer.monitor.kafka.LagHistories;
import io.pacer.monitor.kafka.LagResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pacer lag evaluate HISTORY.json}: the lag rules over a recorded history, offline. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Evaluate a recorded lag history (docs/lag-history.md) with Burrow's rules and Pacer's lag in "
                + "seconds: for incident review, and to check the rules against another tool's data.",
        footer = {
            "",
            "Examples:",
            "  pacer lag evaluate incident.json",
            "  pacer lag evaluate incident.json --output result.json     # '-' writes the JSON to stdout",
            "",
            "Exit codes: 0 the group is OK, 1 it is not (WARN, STOP, STALL, REWIND or NOTFOUND), 2 bad input."
        })
final class LagEvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HISTORY.json", description = "The history to evaluate.")
    Path history;

    @Option(
            names = "--output",
            paramLabel = "FILE",
            description = "Also write the evaluation as JSON to FILE ('-' for stdout; default: none).")
    String output;

    @Override
    public Integer call() {
        LagResult result = LagEvaluator.evaluate(LagHistories.read(history));
        PrintWriter out = spec.commandLine().getOut();
        if ("-".equals(output)) {
            out.print(LagHistories.toJson(result));
        } else {
            LagTable.print(List.of(result), true, out);
            if (output != null) {
                write(LagHistories.toJson(result), Path.of(output));
            }
        }
        out.flush();
        return result.ok() ? ExitCode.OK : ExitCode.FAILED_RUN;
    }

    /** Writes {@code json} to {@code file}; a file that cannot be written is the user's problem (exit 2). */
    static void write(String json, Path file) {
        try {
            Files.writeString(file, json);
        } catch (IOException e) {
            throw new UsageException("cannot write --output " + file + ": " + e);
        }
    }
}
