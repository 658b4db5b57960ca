package io.pacer.monitor.alert;

import io.pacer.monitor.Sample;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One series: a sample name and its labels. Printed as {@code host.disk.used.ratio{mount="/data"}}.
 *
 * @param name the series name
 * @param labels its labels, sorted
 */
public record SeriesKey(String name, Map<String, String> labels) {

    public SeriesKey {
        Objects.requireNonNull(name, "name");
        labels = labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
    }

    /** The series {@code sample} belongs to. */
    public static SeriesKey of(Sample sample) {
        return new SeriesKey(sample.name(), sample.labels());
    }

    @Override
    public String toString() {
        return labels.isEmpty()
                ? name
                : labels.entrySet().stream()
                        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(",", name + "{", "}"));
    }
}
