package io.pacer.analysis.trend;

import io.pacer.monitor.store.Series;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How trends name a series for people: {@code name{label=value,…}}, labels sorted. */
final class TrendNames {

    private TrendNames() {}

    /** {@code name{a=1,b=2}}, or the bare name without labels. */
    static String key(Series s) {
        return s.name() + (s.labels().isEmpty() ? "" : "{" + labels(s.labels()) + "}");
    }

    /** What the series is about: its labels ({@code target=http://…}), or its name when it has none. */
    static String subject(Series s) {
        return s.labels().isEmpty() ? s.name() : labels(s.labels());
    }

    private static String labels(Map<String, String> labels) {
        return new TreeMap<>(labels)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
