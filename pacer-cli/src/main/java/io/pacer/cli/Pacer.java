package io.pacer.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code pacer} command. Every problem the user can fix ends as one line on stderr and exit code 2; a run whose
 * operations failed exits 1; nothing prints a stack trace unless {@code PACER_DEBUG=1}.
 */
@Command(
        name = "pacer",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Load tests with truthful latency for Kafka, HTTP and recorded traffic; verdicts with gates,"
                + " reports, baselines and regression checks; monitoring of hosts, JVMs, Kafka lag, PostgreSQL, Redis"
                + " and apps.",
        subcommands = {
            // see everything at once
            DemoCommand.class,
            // load tests
            KafkaCommand.class,
            StreamCommand.class,
            HttpCommand.class,
            ReplayCommand.class,
            BatcherCommand.class,
            WorkerCommand.class,
            WorkersCommand.class,
            // verdicts
            FullCommand.class,
            ReportCommand.class,
            BaselineCommand.class,
            CompareCommand.class,
            ReadinessCommand.class,
            // monitoring
            MonitorCommand.class,
            AlertsCommand.class,
            MetricsCommand.class,
            LagCommand.class,
            AnalyzeCommand.class,
            // the service's state
            BackupCommand.class,
            RestoreCommand.class,
            // the service
            ServeCommand.class,
            ActCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  pacer kafka produce --rate 5000 --duration 30s      # starts an embedded broker when --bootstrap is absent",
            "  pacer kafka --duration 60 --users 10 --rate 100 --output results.json",
            "  pacer http --url http://127.0.0.1:8080/ --rate 200 --duration 15s --output run.json",
            "  pacer full --baseline main --junit junit.xml --html report.html",
            "  pacer monitor --duration 120 --kafka 127.0.0.1:9092 --redis 127.0.0.1:6379",
            "",
            "Exit codes: 0 ok, 1 a run or gate failed or a regression was found, 2 bad usage."
        })
public final class Pacer implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "choose a command: " + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line, printing to {@code out}/{@code err}; returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Pacer());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(usageErrors(err));
        commandLine.setExecutionExceptionHandler(runErrors(err));
        commandLine.setExecutionStrategy(Pacer::runLastWithNoParentOptions);
        return commandLine.execute(args);
    }

    /**
     * Runs the last command given, as picocli does by default, but refuses options given to a command before its
     * subcommand ({@code pacer kafka --duration 1s consume}): {@code pacer kafka} alone runs the producer test and
     * takes its options, which a subcommand would silently drop.
     */
    private static int runLastWithNoParentOptions(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult command = parsed.subcommand();
        while (command != null && command.hasSubcommand()) {
            if (!command.matchedOptions().isEmpty()) {
                String option = command.matchedOptions().get(0).longestName();
                throw new CommandLine.ParameterException(
                        command.commandSpec().commandLine(),
                        option + " is an option of '" + command.commandSpec().qualifiedName() + "' itself, not of '"
                                + command.subcommand().commandSpec().name() + "': put it after '"
                                + command.subcommand().commandSpec().name() + "' if that takes it");
            }
            command = command.subcommand();
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static IParameterExceptionHandler usageErrors(PrintWriter err) {
        return (ex, args) -> {
            err.println("pacer: " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        };
    }

    private static IExecutionExceptionHandler runErrors(PrintWriter err) {
        return (ex, commandLine, parseResult) -> {
            Throwable cause = Problems.unwrap(ex);
            if (Problems.isUsage(cause)) {
                err.println("pacer: " + Problems.oneLine(cause));
                debug(cause, err);
                return ExitCode.USAGE;
            }
            err.println("pacer: internal error: " + cause.getClass().getSimpleName() + ": " + Problems.oneLine(cause)
                    + (debugging() ? "" : " (set PACER_DEBUG=1 for details)"));
            debug(cause, err);
            return ExitCode.FAILED_RUN;
        };
    }

    private static void debug(Throwable cause, PrintWriter err) {
        if (debugging()) {
            cause.printStackTrace(err);
        }
    }

    private static boolean debugging() {
        return "1".equals(System.getenv("PACER_DEBUG"));
    }
}
