package io.pacer.monitor.export;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Pacer series name as a Prometheus metric name that passes {@code promtool check metrics}: dots become
 * underscores; a last word that is a unit Prometheus does not use ({@code ms}, {@code minutes}, {@code kb}) becomes
 * the base unit, with the values scaled to it; a name ending in a suffix Prometheus reserves for counters, histograms
 * and summaries ({@code _total}, {@code _count}, {@code _sum}, {@code _bucket}) gets {@code _value} appended, since
 * every exported metric is a gauge.
 *
 * @param name the Prometheus name
 * @param scale what a value is multiplied by to be in the base unit
 * @param note how the name or values were changed, for the HELP line; empty when only dots changed
 */
record PrometheusNames(String name, double scale, String note) {

    private record Unit(String base, double scale) {}

    private static final Map<String, Unit> UNITS = Map.ofEntries(
            Map.entry("ms", new Unit("seconds", 1e-3)),
            Map.entry("millis", new Unit("seconds", 1e-3)),
            Map.entry("milliseconds", new Unit("seconds", 1e-3)),
            Map.entry("us", new Unit("seconds", 1e-6)),
            Map.entry("micros", new Unit("seconds", 1e-6)),
            Map.entry("microseconds", new Unit("seconds", 1e-6)),
            Map.entry("ns", new Unit("seconds", 1e-9)),
            Map.entry("nanos", new Unit("seconds", 1e-9)),
            Map.entry("nanoseconds", new Unit("seconds", 1e-9)),
            Map.entry("s", new Unit("seconds", 1)),
            Map.entry("sec", new Unit("seconds", 1)),
            Map.entry("m", new Unit("seconds", 60)),
            Map.entry("minutes", new Unit("seconds", 60)),
            Map.entry("h", new Unit("seconds", 3_600)),
            Map.entry("hours", new Unit("seconds", 3_600)),
            Map.entry("d", new Unit("seconds", 86_400)),
            Map.entry("days", new Unit("seconds", 86_400)),
            Map.entry("b", new Unit("bytes", 1)),
            Map.entry("kb", new Unit("bytes", 1024)),
            Map.entry("mb", new Unit("bytes", 1024.0 * 1024)),
            Map.entry("gb", new Unit("bytes", 1024.0 * 1024 * 1024)),
            Map.entry("tb", new Unit("bytes", 1024.0 * 1024 * 1024 * 1024)),
            Map.entry("pb", new Unit("bytes", 1024.0 * 1024 * 1024 * 1024 * 1024)));

    private static final Set<String> RESERVED_SUFFIXES = Set.of("total", "count", "sum", "bucket", "created");

    static PrometheusNames of(String seriesName) {
        List<String> words = Arrays.asList(seriesName.replace('.', '_').split("_", -1));
        String last = words.get(words.size() - 1);
        double scale = 1;
        StringBuilder note = new StringBuilder();
        Unit unit = UNITS.get(last);
        if (unit != null) {
            words.set(words.size() - 1, unit.base());
            scale = unit.scale();
            note.append(" Converted from ")
                    .append(last)
                    .append(" to ")
                    .append(unit.base())
                    .append('.');
        }
        String name = String.join("_", words);
        if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
            name = "_" + name;
        }
        if (RESERVED_SUFFIXES.contains(words.get(words.size() - 1))) {
            name = name + "_value";
            note.append(" _value appended: Prometheus reserves the suffix _")
                    .append(words.get(words.size() - 1))
                    .append('.');
        }
        return new PrometheusNames(name, scale, note.toString());
    }

    /** A label name Prometheus accepts: letters, digits and underscores, not starting with a digit or __. */
    static String label(String key) {
        String name = key.replaceAll("[^a-zA-Z0-9_]", "_");
        if (name.isEmpty() || Character.isDigit(name.charAt(0)) || name.startsWith("__")) {
            name = "l_" + name;
        }
        return name;
    }

    /** A label value in the text format: backslash, double quote and line feed escaped. */
    static String labelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
