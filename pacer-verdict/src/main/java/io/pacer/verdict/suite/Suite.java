package io.pacer.verdict.suite;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A suite: named scenarios run one after another, each ending in gates.
 *
 * @param name the suite's name ({@code built-in}, or the file's {@code name})
 * @param file where it was read from, as the user named it
 * @param scenarios in the order written
 */
public record Suite(String name, String file, List<Scenario> scenarios) {

    public Suite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        scenarios = List.copyOf(scenarios);
    }

    /**
     * The scenarios to run: {@code only} when given (enabled or not), else every enabled scenario plus those named in
     * {@code with}.
     *
     * @throws IllegalArgumentException for a name the suite does not have, listing the names it has
     */
    public List<Scenario> select(String only, Collection<String> with) {
        for (String name : with) {
            find(name);
        }
        if (only != null) {
            return List.of(find(only));
        }
        List<Scenario> selected = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (s.enabled() || with.contains(s.name())) {
                selected.add(s);
            }
        }
        return selected;
    }

    private Scenario find(String name) {
        return scenarios.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("suite " + this.name + " has no scenario '" + name
                        + "'; its scenarios are "
                        + String.join(
                                ", ", scenarios.stream().map(Scenario::name).toList())));
    }
}
