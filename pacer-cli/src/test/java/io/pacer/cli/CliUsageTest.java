package io.pacer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacer.load.replay.ReplaySettings;
import io.pacer.verdict.GateResult;
import io.pacer.verdict.ScenarioResult;
import io.pacer.verdict.SuiteResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Bad usage: exit code 2, one line that names the problem, never a stack trace. */
class CliUsageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "kafka --no-such-flag                          | Unknown option: '--no-such-flag'",
                "kafka --rate 0                                | '0' is not a rate: it must be from 0.01 to 10,000,000 operations per second, or -1 for unlimited",
                "kafka --rate fast                             | 'fast' is not a rate",
                "kafka --duration soon                         | 'soon' is not a duration",
                "batcher --sink memory --duration 99999999999h | '99999999999h' is longer than 3650 days",
                "kafka --users 0                               | users must be in [1, 100000], but was 0",
                "kafka --rate 10 --think-time 1s               | --think-time runs a closed model",
                "kafka --rate -1 --ramp-up 5s                  | --ramp-up and --step need a target rate",
                "kafka --step 10s                              | --step '10s' must be AT=OPS",
                "kafka --warmup sometimes                      | --warmup 'sometimes' must be a time",
                "kafka --bootstrap nohostport                  | --bootstrap 'nohostport' must be HOST:PORT",
                "kafka -P acks                                 | -P 'acks' must be key=value",
                "kafka consume --rate 10                       | do not apply: a consumer polls as fast as it can",
                "http --url ftp://example.org/ --count 1       | ftp",
                "http --rate 10                                | Missing required option: '--url=URL'",
                "replay no-such-capture.jsonl                  | capture no-such-capture.jsonl: no such file",
                "replay no-such-capture.jsonl --rate 5         | replay follows the capture's timing",
                "stream --processor sometimes                  | --processor 'sometimes' must be pass-through, delay:TIME",
                "kafka profile throughput --output target/p --consumer-output target/p | --output and --consumer-output name the same file",
                "report r.json --html t/x --junit t/x          | --html and --junit name the same file t/x",
                "full --output target/x --junit target/./x     | --output and --junit name the same file",
                "kafka profile throughput --output -           | --output writes a file, not standard output",
                "report r.json --html -                        | --html writes a file, not standard output",
                "kafka --rate 1e99                             | '1e99' is not a rate",
                "kafka --rate 0.001                            | '0.001' is not a rate",
                "kafka --duration 1s consume --topic t         | --duration is an option of 'pacer kafka' itself, not of 'consume'",
                "metrics export --db-user bob                  | --db-user applies to a PostgreSQL store (--db-url)",
                "serve --store-user bob                        | --store-user applies to a PostgreSQL store",
                "frobnicate                                    | Unmatched argument at index 0: 'frobnicate'",
            })
    void badUsageExitsTwoWithOneLine(String args, String expected) {
        Cli cli = Cli.run(args.trim().split("\\s+"));

        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err())
                .startsWith("pacer: ")
                .contains(expected)
                .doesNotContain("\tat ")
                .doesNotContain("Exception:");
        assertThat(cli.out()).isEmpty();
    }

    /**
     * Every command that connects to Kafka says once, in one line with exit 2, that the cluster cannot be reached. Each
     * waits out its connection timeout (10 s), so the commands run at once.
     */
    @Test
    void anUnreachableClusterIsOneLineAndExitTwoForEveryCommandThatConnects(@TempDir Path dir) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + closedPort;
        Path capture = Files.writeString(dir.resolve("c.jsonl"), "{\"ts\": 1, \"value\": \"v\"}\n");
        Path fullJson = dir.resolve("results.json");
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            Instant start = Instant.now();
            Future<Cli> produce =
                    pool.submit(() -> Cli.run("kafka", "produce", "--bootstrap", bootstrap, "--count", "10"));
            Future<Cli> replay = pool.submit(() -> Cli.run("replay", capture.toString(), "--bootstrap", bootstrap));
            Future<Cli> tune = pool.submit(() -> Cli.run("kafka", "tune", "--bootstrap", bootstrap, "--budget", "45s"));
            Future<Cli> full = pool.submit(
                    () -> Cli.run("full", "--scenario", "baseline", "-b", bootstrap, "-o", fullJson.toString()));
            Future<Cli> readiness = pool.submit(() -> Cli.run("readiness", "--bootstrap", "127.0.0.1:1"));

            for (Cli cli : List.of(produce.get(), replay.get())) {
                assertThat(cli.exitCode()).as(cli.err()).isEqualTo(ExitCode.USAGE);
                assertThat(cli.err()
                                .lines()
                                .filter(l -> l.startsWith("pacer: "))
                                .toList())
                        .hasSize(1);
                assertThat(cli.err())
                        .contains("cannot reach Kafka at " + bootstrap)
                        .doesNotContain("\tat ");
            }

            Cli tuned = tune.get();
            assertThat(tuned.exitCode()).as(tuned.err()).isEqualTo(ExitCode.USAGE);
            assertThat(tuned.err().lines().filter(l -> l.startsWith("pacer: ") && !l.startsWith("pacer: tuning")))
                    .hasSize(1)
                    .allSatisfy(l -> assertThat(l).contains("cannot reach Kafka at " + bootstrap));

            Cli suite = full.get();
            assertThat(suite.exitCode()).as(suite.err()).isEqualTo(ExitCode.USAGE);
            assertThat(suite.err().lines().filter(l -> l.startsWith("pacer: scenario baseline could not run: ")))
                    .singleElement()
                    .asString()
                    .contains("cannot reach Kafka at " + bootstrap);
            assertThat(suite.err()).doesNotContain("\tat ").doesNotContain("embedded");
            assertThat(suite.out())
                    .contains("baseline · kafka produce · COULD NOT RUN", "suite built-in: COULD NOT RUN");
            ScenarioResult baseline = SuiteResults.read(fullJson).scenarios().get(0);
            assertThat(baseline.error()).contains("cannot reach Kafka");
            assertThat(baseline.gates()).isNotEmpty().noneMatch(GateResult::passed);

            Cli ready = readiness.get();
            assertThat(ready.exitCode()).as(ready.err()).isEqualTo(ExitCode.USAGE);
            assertThat(ready.err()).startsWith("pacer: --bootstrap: ").contains("127.0.0.1:1");
            assertThat(ready.err().lines()).hasSize(1);
            assertThat(Duration.between(start, Instant.now()))
                    .isLessThan(ReadinessCommand.CLUSTER_TIMEOUT.plusSeconds(10));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void outputIntoAMissingDirectoryIsRefusedBeforeTheRun(@TempDir Path dir) {
        Path output = dir.resolve("no/such/dir/run.json");
        Cli cli = Cli.run("kafka", "--bootstrap", "127.0.0.1:9", "--output", output.toString());

        assertThat(cli.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.err()).contains("--output " + output).contains("does not exist");
        assertThat(Files.exists(output)).isFalse();
    }

    @Test
    void helpShowsExamplesAndExitsZero() {
        for (String[] args : new String[][] {
            {"--help"},
            {"kafka", "--help"},
            {"kafka", "produce", "--help"},
            {"kafka", "consume", "--help"},
            {"stream", "--help"},
            {"http", "--help"},
            {"replay", "--help"},
            {"batcher", "--help"}
        }) {
            Cli cli = Cli.run(args);
            assertThat(cli.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(cli.out())
                    .as(String.join(" ", args))
                    .contains("Examples:")
                    .contains("pacer ");
        }
    }

    /**
     * Every option that takes a value shows its form (a label such as TIME or N, never picocli's bare
     * {@code <fieldName>}) and names its default; a default the option declares is the one its help shows (written
     * as {@code ${DEFAULT-VALUE}}, so the two cannot drift); and no help says {@code null}.
     */
    @Test
    void everyOptionsHelpNamesItsFormAndItsRealDefault() {
        List<String> problems = new ArrayList<>();
        Pattern bare = Pattern.compile("<[a-z][A-Za-z0-9]*>");
        List<CommandLine> commands = new ArrayList<>();
        collect(new CommandLine(new Pacer()), commands);
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            String usage = usageWithoutPicocliWarnings(command, problems);
            if (usage.contains("null")) {
                problems.add(name + ": the help says null");
            }
            for (Matcher m = bare.matcher(usage); m.find(); ) {
                problems.add(name + ": bare placeholder " + m.group());
            }
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (option.usageHelp() || option.versionHelp() || option.arity().max() == 0 || option.required()) {
                    continue;
                }
                String description = String.join(" ", option.description());
                if (!description.toLowerCase(Locale.ROOT).contains("default")) {
                    problems.add(name + " " + option.longestName() + ": names no default");
                }
                if (option.defaultValue() != null && !showsDefault(description, option.defaultValue())) {
                    problems.add(name + " " + option.longestName() + ": declares default " + option.defaultValue()
                            + " but its help does not show it");
                }
            }
        }
        assertThat(problems).isEmpty();

        CommandLine produce =
                commands.get(0).getSubcommands().get("kafka").getSubcommands().get("produce");
        assertThat(description(produce, "--rate")).contains("default " + LoadOptions.DEFAULT_RATE_TEXT + ")");
        assertThat(LoadOptions.DEFAULT_RATE).isEqualTo(1000.0);
        assertThat(description(produce, "--duration"))
                .contains("default " + LoadOptions.DEFAULT_DURATION_TEXT + " unless --count");
        String replayProperties = description(commands.get(0).getSubcommands().get("replay"), "-P");
        ReplaySettings.DEFAULT_PRODUCER_PROPERTIES.forEach(
                (k, v) -> assertThat(replayProperties).contains(k + "=" + v));
    }

    private static String description(CommandLine command, String option) {
        return String.join(" ", command.getCommandSpec().findOption(option).description());
    }

    /** "default 30s", "Default: 30s" or "30s (default)"; the description as picocli resolved it. */
    private static boolean showsDefault(String description, String value) {
        String v = Pattern.quote(value);
        return Pattern.compile("(?i)(default:? " + v + "\\b|\\b" + v + " \\(default\\))")
                .matcher(description)
                .find();
    }

    /**
     * The command's help, noting every warning picocli printed while rendering it: a lone {@code %} in a description
     * (picocli formats descriptions, so {@code errors<1%} must be written {@code errors<1%%}) shows the user a warning
     * and the raw text.
     */
    private static String usageWithoutPicocliWarnings(CommandLine command, List<String> problems) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String usage;
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        } finally {
            System.setErr(stderr);
        }
        captured.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.contains("picocli WARN"))
                .forEach(line -> problems.add(command.getCommandSpec().qualifiedName() + ": " + line));
        return usage;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }
}
