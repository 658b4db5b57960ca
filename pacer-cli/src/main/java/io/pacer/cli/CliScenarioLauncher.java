package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.Gate;
import io.pacer.load.Verdict;
import io.pacer.load.Workload;
import io.pacer.load.distributed.CoordinatorSettings;
import io.pacer.verdict.suite.Scenario;
import io.pacer.verdict.suite.ScenarioLauncher;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;

/**
 * Runs suite scenarios with the CLI's own commands: a scenario's options become {@code --flag value} arguments that
 * the driver's picocli command parses, so a suite has exactly the CLI's option names, defaults, validation and
 * messages. Kafka scenarios (those whose command has {@code --bootstrap}) get the suite's bootstrap servers unless they
 * name their own.
 */
final class CliScenarioLauncher implements ScenarioLauncher {

    /** The drivers a suite may name, and the command that reads each one's options. One line per driver. */
    static final Map<String, Supplier<LoadCommand>> DRIVERS = registry();

    /** Options a scenario may not set: the suite decides where results go. */
    private static final Set<String> SUITE_OWNED = Set.of("output", "o", "help", "h", "version", "V");

    /** Options of a run on workers: {@code pacer full --workers} sets them for the whole suite. */
    private static final Set<String> DISTRIBUTION =
            Set.of("workers", "control-bootstrap", "control-topic", "allow-partial", "worker-timeout", "worker-wait");

    /** Options whose time values {@code --quick} scales. */
    private static final Set<String> SCALED = Set.of("duration", "warmup", "ramp-up");

    private final String bootstrap;
    private final double timeScale;
    private final PrintWriter err;
    private final CoordinatorSettings workers;
    private final boolean allowPartial;

    /**
     * @param bootstrap the servers every Kafka scenario uses unless it names its own; null for none
     * @param timeScale factor for durations, warm-ups and ramp-ups (1 = as written; {@code --quick} uses less)
     */
    CliScenarioLauncher(String bootstrap, double timeScale, PrintWriter err) {
        this(bootstrap, timeScale, err, null, false);
    }

    /**
     * @param workers where and on how many workers every scenario runs ({@code pacer full --workers}); null to run
     *     them in this process
     * @param allowPartial whether a run on workers with a share missing may pass its gates
     */
    CliScenarioLauncher(
            String bootstrap, double timeScale, PrintWriter err, CoordinatorSettings workers, boolean allowPartial) {
        this.bootstrap = bootstrap;
        this.timeScale = timeScale;
        this.err = err;
        this.workers = workers;
        this.allowPartial = allowPartial;
    }

    /** On workers: every share done ({@code missing = 0}), unless --allow-partial. */
    @Override
    public List<Gate> requiredGates() {
        return workers == null || allowPartial ? List.of() : List.of(Verdict.COMPLETE);
    }

    private static Map<String, Supplier<LoadCommand>> registry() {
        Map<String, Supplier<LoadCommand>> drivers = new LinkedHashMap<>();
        drivers.put("kafka produce", KafkaProduceCommand::new);
        drivers.put("kafka consume", KafkaConsumeCommand::new);
        drivers.put("stream", StreamCommand::new);
        drivers.put("http", HttpCommand::new);
        drivers.put("replay", ReplayCommand::new);
        drivers.put("batcher", BatcherCommand::new);
        return drivers;
    }

    @Override
    public List<String> drivers() {
        return List.copyOf(DRIVERS.keySet());
    }

    /**
     * Whether the scenario talks to Kafka through the suite's servers: its command has --bootstrap, unset, and — for
     * the batcher — its sink is Kafka (no {@code sink: memory|redis}, no {@code redis}).
     */
    static boolean usesSuiteKafka(Scenario scenario) {
        Supplier<LoadCommand> command = DRIVERS.get(scenario.driver());
        Scenario.Option sink = scenario.options().get("sink");
        return command != null
                && new CommandLine(command.get()).getCommandSpec().findOption("--bootstrap") != null
                && !scenario.options().containsKey("bootstrap")
                && !scenario.options().containsKey("b")
                && (sink == null || sink.values().equals(List.of("kafka")))
                && !scenario.options().containsKey("redis");
    }

    @Override
    public Launch prepare(Scenario scenario) {
        LoadCommand command = DRIVERS.get(scenario.driver()).get();
        CommandLine commandLine = new CommandLine(command);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        CommandSpec spec = commandLine.getCommandSpec();
        List<String> args = new ArrayList<>();
        for (Scenario.Option option : scenario.options().values()) {
            args.addAll(arguments(spec, scenario.driver(), option));
        }
        if (bootstrap != null && usesSuiteKafka(scenario)) {
            args.add("--bootstrap");
            args.add(bootstrap);
        }
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new OptionException(optionName(e.getArgSpec(), scenario), Problems.oneLine(e));
        }
        Workload workload;
        Driver driver;
        try {
            workload = command.workload();
            driver = command.driver(err);
        } catch (UsageException e) {
            command.release();
            throw new OptionException(null, e.getMessage());
        } catch (Exception e) {
            command.release();
            throw new OptionException(null, Problems.oneLine(Problems.unwrap(e)));
        }
        if (workers == null) {
            return new Launch(workload, driver, command.parameters(), command::release);
        }
        SuiteOnWorkers runner =
                new SuiteOnWorkers(workers, scenario.driver(), DRIVERS.get(scenario.driver()), args, workload, err);
        return new Launch(workload, driver, command.parameters(), command::release, runner);
    }

    private List<String> arguments(CommandSpec spec, String driver, Scenario.Option option) {
        String name = option.name();
        if (SUITE_OWNED.contains(name)) {
            throw new OptionException(
                    name,
                    "a suite scenario cannot set " + name
                            + ": pacer full writes the suite result (--output) and prints the reports");
        }
        if (DISTRIBUTION.contains(name)) {
            throw new OptionException(
                    name,
                    "a suite scenario cannot set " + name + ": run the whole suite on workers with pacer full --workers"
                            + " N and its --control-* and --worker-* options");
        }
        String flag = (name.length() == 1 ? "-" : "--") + name;
        OptionSpec known = spec.findOption(flag);
        List<String> args = new ArrayList<>();
        if (known == null) {
            PositionalParamSpec positional = positional(spec, name);
            if (positional == null && option.inherited()) {
                return args; // a suite default this driver does not have
            }
            if (positional == null) {
                throw new OptionException(
                        name,
                        "unknown option for driver " + driver + "; its options are "
                                + String.join(", ", optionNames(spec)));
            }
            args.addAll(option.values());
            return args;
        }
        if (known.arity().max() == 0) {
            for (String value : option.values()) {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new OptionException(
                            name, "is a switch: write " + name + ": true or leave it out, not '" + value + "'");
                }
                if (v.equals("true")) {
                    args.add(flag);
                }
            }
            return args;
        }
        for (String value : option.values()) {
            args.add(flag);
            args.add(SCALED.contains(name) ? scaled(name, value) : value);
        }
        return args;
    }

    /** {@code value} × the time scale, when it is a time; left as it is otherwise (picocli then judges it). */
    private String scaled(String name, String value) {
        if (timeScale == 1) {
            return value;
        }
        Duration time;
        try {
            time = new Converters.DurationConverter().convert(value);
        } catch (RuntimeException notATime) {
            return value; // auto, none, or a mistake picocli and LoadOptions will name
        }
        long millis = Math.round(time.toMillis() * timeScale);
        if (name.equals("duration")) {
            millis = Math.max(millis, 1000);
        }
        return millis + "ms";
    }

    private static PositionalParamSpec positional(CommandSpec spec, String name) {
        return spec.positionalParameters().stream()
                .filter(p -> p.paramLabel().toLowerCase(Locale.ROOT).equals(name))
                .findFirst()
                .orElse(null);
    }

    private static List<String> optionNames(CommandSpec spec) {
        Set<String> names = new TreeSet<>();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName().replaceFirst("^-+", "");
            if (!SUITE_OWNED.contains(name) && !DISTRIBUTION.contains(name)) {
                names.add(name);
            }
        }
        spec.positionalParameters().forEach(p -> names.add(p.paramLabel().toLowerCase(Locale.ROOT)));
        return List.copyOf(names);
    }

    /** The option's name as the scenario wrote it: {@code rate} for {@code --rate}, {@code X} or {@code method}. */
    private static String optionName(ArgSpec arg, Scenario scenario) {
        if (arg instanceof OptionSpec o) {
            for (String n : o.names()) {
                String bare = n.replaceFirst("^-+", "");
                if (scenario.options().containsKey(bare)) {
                    return bare;
                }
            }
            return o.longestName().replaceFirst("^-+", "");
        }
        if (arg instanceof PositionalParamSpec p) {
            return p.paramLabel().toLowerCase(Locale.ROOT);
        }
        return null;
    }
}
