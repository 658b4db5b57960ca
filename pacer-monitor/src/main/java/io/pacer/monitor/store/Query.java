package io.pacer.monitor.store;

import io.pacer.internal.Check;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which series and which time range to read: every series named {@code name} whose labels include all of
 * {@code labels} (equal values), points in {@code [from, to)}.
 *
 * @param name the series name
 * @param labels label matchers: a series matches when it has each of these labels with this value
 * @param from first instant, inclusive (a rollup point is in range when its bucket starts in range)
 * @param to last instant, exclusive
 * @param resolution which resolution to read; null chooses one for the range ({@link Resolution#choose})
 */
public record Query(String name, Map<String, String> labels, Instant from, Instant to, Resolution resolution) {

    public Query {
        Check.notBlank("query name", name, "a series name");
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        Check.that(from != null && to != null && from.isBefore(to), "query range", "from before to", from + ".." + to);
    }

    /** Every series named {@code name}, at the resolution chosen for the range. */
    public static Query of(String name, Instant from, Instant to) {
        return new Query(name, Map.of(), from, to, null);
    }

    public Query withLabels(Map<String, String> matchers) {
        return new Query(name, matchers, from, to, resolution);
    }

    public Query at(Resolution value) {
        return new Query(name, labels, from, to, value);
    }

    boolean matches(Map<String, String> seriesLabels) {
        for (Map.Entry<String, String> m : labels.entrySet()) {
            if (!m.getValue().equals(seriesLabels.get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
