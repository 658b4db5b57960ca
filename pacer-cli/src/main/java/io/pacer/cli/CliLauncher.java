package io.pacer.cli;

import io.pacer.load.Driver;
import io.pacer.load.Workload;
import io.pacer.load.distributed.Launcher;
import io.pacer.load.distributed.Share;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * A worker's way to run a coordinator's command: the command's own picocli class parses the arguments, so a worker
 * builds exactly the workload and driver {@code pacer <command>} builds — with the share's ids for a driver that
 * follows records end to end, and {@value #SHARE} in an argument replaced by the share's number.
 */
final class CliLauncher implements Launcher {

    /** The load commands a worker runs, by their words: the suite's drivers, and {@code kafka} (= produce). */
    static final Map<String, Supplier<LoadCommand>> COMMANDS = commands();

    /**
     * In an argument, the worker's share number (1-based): {@code replay capture-{share}.jsonl} gives each worker a
     * file of its own (a split capture), which it replays whole.
     */
    static final String SHARE = "{share}";

    private final PrintWriter err;

    CliLauncher(PrintWriter err) {
        this.err = err;
    }

    private static Map<String, Supplier<LoadCommand>> commands() {
        Map<String, Supplier<LoadCommand>> commands = new LinkedHashMap<>(CliScenarioLauncher.DRIVERS);
        commands.put("kafka", KafkaCommand::new);
        return commands;
    }

    @Override
    public Job prepare(List<String> command, Share share) throws Exception {
        String name = null;
        for (String candidate : COMMANDS.keySet()) {
            List<String> words = List.of(candidate.split(" "));
            boolean matches = command.size() >= words.size()
                    && command.subList(0, words.size()).equals(words);
            if (matches && (name == null || candidate.length() > name.length())) {
                name = candidate;
            }
        }
        if (name == null) {
            throw new IllegalArgumentException("this worker cannot run '" + String.join(" ", command) + "': it runs "
                    + String.join(", ", COMMANDS.keySet()));
        }
        LoadCommand load = COMMANDS.get(name).get();
        CommandLine commandLine = new CommandLine(load);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        List<String> args = command.subList(name.split(" ").length, command.size()).stream()
                .map(arg -> arg.replace(SHARE, String.valueOf(share.index() + 1)))
                .toList();
        boolean ownInput = command.stream().anyMatch(arg -> arg.contains(SHARE));
        try {
            commandLine.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new IllegalArgumentException("pacer " + name + ": " + Problems.oneLine(e), e);
        }
        load.slice = share.slice();
        Workload workload;
        Driver driver;
        try {
            workload = load.workload();
            driver = load.driver(err);
        } catch (UsageException e) {
            load.release();
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (Exception e) {
            load.release();
            throw e;
        }
        return new Job(workload, driver, load.parameters(), load::release, ownInput);
    }
}
