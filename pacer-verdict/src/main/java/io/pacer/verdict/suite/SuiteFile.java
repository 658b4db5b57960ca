package io.pacer.verdict.suite;

import io.pacer.internal.Yaml;
import io.pacer.internal.Yaml.Node;
import io.pacer.internal.YamlException;
import io.pacer.load.Gate;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads suite files (YAML). Every problem is a {@link SuiteException} naming file, line, column and field:
 *
 * <pre>{@code
 * name: nightly                      # optional; default: the file name
 * defaults:                          # optional: options for every scenario whose driver has them, unless it sets
 *   warmup: 10s                      #   them itself
 *   P: [acks=all]
 * scenarios:
 *   - name: baseline                 # unique
 *     driver: kafka produce          # kafka produce | kafka consume | stream | http | replay | batcher
 *     rate: 500                      # any option of the driver's CLI command, without dashes
 *     duration: 20s
 *     warmup: 5s
 *     P: [acks=all, linger.ms=5]     # a repeatable flag takes a list
 *     gates: [p95<500ms, errors<1%]  # Gate syntax
 *     abortOnFail: true              # stop as soon as a gate is already lost
 *   - name: stress
 *     driver: kafka produce
 *     duration: 5s                   # per step
 *     search: {from: 2000, step: 2000, to: 40000, refine: 2, min: 4000}
 *     gates: [p99<200ms, errors<1%]
 *   - name: soak
 *     enabled: false                 # runs only with pacer full --with soak
 * }</pre>
 *
 * Which options a driver has is the {@link ScenarioLauncher}'s business ({@link SuiteRunner#check}); this reader checks
 * the suite's own structure and the gates.
 */
public final class SuiteFile {

    /** Where the built-in suite lives on the class path. */
    public static final String BUILT_IN_RESOURCE = "/io/pacer/verdict/suite/built-in.yaml";

    /** The built-in suite's name. */
    public static final String BUILT_IN = "built-in";

    private static final Set<String> SUITE_KEYS = Set.of("name", "defaults", "scenarios");
    private static final List<String> SCENARIO_KEYS =
            List.of("name", "driver", "gates", "abortOnFail", "search", "enabled", "description");
    private static final List<String> SEARCH_KEYS = List.of("from", "to", "step", "factor", "refine", "min");
    private static final Pattern OPTION_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    private SuiteFile() {}

    /** Reads the suite in {@code file}. */
    public static Suite read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), defaultName(file), reader);
        }
    }

    /** The built-in suite ({@code pacer full} without {@code --suite}). */
    public static Suite builtIn() {
        InputStream in = SuiteFile.class.getResourceAsStream(BUILT_IN_RESOURCE);
        Objects.requireNonNull(in, BUILT_IN_RESOURCE);
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return read(BUILT_IN, BUILT_IN, reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a suite from {@code reader}.
     *
     * @param file how messages name the source
     * @param defaultName the suite's name when the file gives none
     */
    public static Suite read(String file, String defaultName, Reader reader) throws IOException {
        Node root;
        try {
            root = Yaml.read(reader, file);
        } catch (YamlException e) {
            throw new SuiteException(e);
        }
        if (root.isNull()) {
            throw new SuiteException(at(root), "the file is empty: a suite needs 'scenarios'");
        }
        Map<String, Node> suite = mapping(root, "the suite");
        unknownKeys(suite, SUITE_KEYS.stream().sorted().toList(), "the suite");
        String name = suite.containsKey("name") ? scalar(suite.get("name"), "name") : defaultName;
        Node scenarios = suite.get("scenarios");
        if (scenarios == null) {
            throw new SuiteException(at(root), "the suite needs 'scenarios': a list of scenarios");
        }
        if (!scenarios.isList() || scenarios.items().isEmpty()) {
            throw new SuiteException(at(scenarios), "'scenarios' must be a non-empty list of scenarios");
        }
        List<Node> list = scenarios.items();
        Map<String, Scenario.Option> defaults = new LinkedHashMap<>();
        if (suite.containsKey("defaults")) {
            Map<String, Node> d = mapping(suite.get("defaults"), "defaults");
            for (Map.Entry<String, Node> option : d.entrySet()) {
                if (SCENARIO_KEYS.contains(option.getKey())) {
                    throw new SuiteException(
                            keyAt(option.getValue()),
                            "defaults: '" + option.getKey()
                                    + "' is a scenario key, not an option; defaults hold options only");
                }
                defaults.put(option.getKey(), option(option.getKey(), option.getValue(), "defaults", true));
            }
        }
        List<Scenario> read = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Scenario scenario = scenario(list.get(i), i, defaults);
            for (Scenario earlier : read) {
                if (earlier.name().equals(scenario.name())) {
                    throw new SuiteException(
                            scenario.at(),
                            "scenario name '" + scenario.name() + "' is used twice (first at line "
                                    + earlier.at().line() + ")");
                }
            }
            read.add(scenario);
        }
        return new Suite(name, file, read);
    }

    private static Scenario scenario(Node node, int index, Map<String, Scenario.Option> defaults) {
        String where = "scenarios[" + index + "]";
        Map<String, Node> e = mapping(node, where);
        if (!e.containsKey("name")) {
            throw new SuiteException(at(node), where + " needs a 'name'");
        }
        String name = scalar(e.get("name"), where + ".name");
        if (name.isBlank()) {
            throw new SuiteException(at(e.get("name")), where + ".name must not be blank");
        }
        String field = "scenario '" + name + "'";
        if (!e.containsKey("driver")) {
            throw new SuiteException(
                    at(node),
                    field + " needs a 'driver' (kafka produce, kafka consume, stream, http," + " replay or batcher)");
        }
        String driver = scalar(e.get("driver"), field + " driver").trim().replaceAll("\\s+", " ");
        Map<String, Scenario.Option> options = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, Node> option : e.entrySet()) {
            if (!SCENARIO_KEYS.contains(option.getKey())) {
                options.put(option.getKey(), option(option.getKey(), option.getValue(), field, false));
            }
        }
        boolean abortOnFail = e.containsKey("abortOnFail") && bool(e.get("abortOnFail"), field + " abortOnFail");
        boolean enabled = !e.containsKey("enabled") || bool(e.get("enabled"), field + " enabled");
        Scenario.Search search = e.containsKey("search") ? search(e.get("search"), field + " search") : null;
        List<Scenario.GateSpec> gates = e.containsKey("gates") ? gates(e.get("gates"), field) : List.of();
        if (search != null && gates.isEmpty()) {
            throw new SuiteException(
                    keyAt(e.get("search")),
                    field + ": a capacity search needs gates: it steps the" + " rate up until one of them breaks");
        }
        return new Scenario(name, driver, options, gates, abortOnFail, search, enabled, at(node));
    }

    private static Scenario.Option option(String name, Node value, String field, boolean inherited) {
        if (!OPTION_NAME.matcher(name).matches()) {
            throw new SuiteException(
                    keyAt(value),
                    field + ": '" + name + "' is not an option name: write the"
                            + " driver's flag without dashes (rate, record-size, P); scenario keys are "
                            + String.join(", ", SCENARIO_KEYS));
        }
        String what = field + " option " + name;
        List<String> values = new ArrayList<>();
        if (value.isList()) {
            for (Node item : value.items()) {
                values.add(scalar(item, what));
            }
        } else {
            values.add(scalar(value, what));
        }
        return new Scenario.Option(name, values, keyAt(value), inherited);
    }

    private static List<Scenario.GateSpec> gates(Node value, String field) {
        List<Node> items = value.isList() ? value.items() : List.of(value);
        List<Scenario.GateSpec> gates = new ArrayList<>();
        for (Node item : items) {
            String text = scalar(item, field + " gates");
            try {
                gates.add(new Scenario.GateSpec(text.trim(), Gate.parse(text), at(item)));
            } catch (IllegalArgumentException ex) {
                throw new SuiteException(at(item), field + ": " + ex.getMessage());
            }
        }
        return gates;
    }

    private static Scenario.Search search(Node node, String field) {
        Map<String, Node> e = mapping(node, field);
        unknownKeys(e, SEARCH_KEYS, field);
        for (String required : List.of("from", "to")) {
            if (!e.containsKey(required)) {
                throw new SuiteException(at(node), field + " needs '" + required + "' (operations per second)");
            }
        }
        try {
            return new Scenario.Search(
                    number(e.get("from"), field + ".from"),
                    number(e.get("to"), field + ".to"),
                    e.containsKey("step") ? number(e.get("step"), field + ".step") : 0,
                    e.containsKey("factor") ? number(e.get("factor"), field + ".factor") : 0,
                    e.containsKey("refine") ? (int) number(e.get("refine"), field + ".refine") : 0,
                    e.containsKey("min") ? number(e.get("min"), field + ".min") : null);
        } catch (IllegalArgumentException ex) {
            if (ex instanceof SuiteException) {
                throw ex;
            }
            throw new SuiteException(at(node), field + ": " + ex.getMessage());
        }
    }

    private static Map<String, Node> mapping(Node node, String what) {
        if (node.isMapping()) {
            return node.fields();
        }
        throw new SuiteException(at(node), what + " must be a mapping of keys to values, but is " + node.kind());
    }

    /** A scalar as written: a suite's options keep their text ({@code 1_000}) for the driver's own parser. */
    private static String scalar(Node node, String what) {
        if (node.isScalar()) {
            return node.text();
        }
        throw new SuiteException(at(node), what + " must be a value, but is " + node.kind());
    }

    private static boolean bool(Node node, String what) {
        String text = scalar(node, what).trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new SuiteException(at(node), what + " must be true or false, but was '" + text + "'");
    }

    private static double number(Node node, String what) {
        String text = scalar(node, what).trim().replace("_", "");
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SuiteException(at(node), what + " must be a number, but was '" + text + "'");
    }

    private static void unknownKeys(Map<String, Node> m, List<String> known, String what) {
        for (Map.Entry<String, Node> e : m.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw new SuiteException(
                        keyAt(e.getValue()),
                        what + ": unknown key '" + e.getKey() + "'; valid keys are " + String.join(", ", known));
            }
        }
    }

    /** Where a value starts. */
    private static Location at(Node node) {
        return location(node.at());
    }

    /** Where a mapping value's key was written. */
    private static Location keyAt(Node node) {
        return location(node.keyAt());
    }

    private static Location location(Yaml.Location at) {
        return new Location(at.file(), at.line(), at.column());
    }

    private static String defaultName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
