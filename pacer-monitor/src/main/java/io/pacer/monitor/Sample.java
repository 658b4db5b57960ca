package io.pacer.monitor;

import io.pacer.internal.Check;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One measured value of one series at one instant: what every collector yields, the store keeps and rolls up, alerts
 * watch and exports print. A series is its name plus its labels ({@code host.cpu.usage{core="3"}}).
 *
 * <p>A latency series may carry the interval's encoded HdrHistogram ({@link io.pacer.metrics.Histograms}) beside its
 * value, so that rolled-up percentiles are exact rather than averages of percentiles.
 *
 * @param name the series name: lower case, dot-separated words ({@code jvm.gc.pause.max}, {@code kafka.lag.records})
 * @param labels what tells series of one name apart ({@code group}, {@code partition}, {@code target}); sorted
 * @param timestamp when the value was measured
 * @param value the value, in the unit the name says ({@code .bytes}, {@code .seconds}, {@code .ratio}, counts)
 * @param histogram the interval's encoded histogram for a latency series, µs; null otherwise
 */
public record Sample(String name, Map<String, String> labels, Instant timestamp, double value, String histogram) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");

    public Sample {
        Check.matches("sample name", name, NAME, "lower-case words separated by dots, e.g. jvm.gc.pause.max");
        labels = labels == null || labels.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(labels));
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** A plain value with no histogram. */
    public static Sample of(String name, Map<String, String> labels, Instant timestamp, double value) {
        return new Sample(name, labels, timestamp, value, null);
    }
}
