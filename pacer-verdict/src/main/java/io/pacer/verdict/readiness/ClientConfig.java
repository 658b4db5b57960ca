package io.pacer.verdict.readiness;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Kafka client's {@code .properties} file as read, keeping each value's line so that evidence can point at it.
 *
 * @param source the file (shown in evidence as {@code name:line})
 * @param entries the entries by key, in file order
 */
public record ClientConfig(Path source, Map<String, Entry> entries) {

    public ClientConfig {
        Objects.requireNonNull(source, "source");
        entries = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
    }

    /** The value of {@code key} as written, if the file sets it. */
    public Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Where {@code key} was set, as evidence shows it ({@code producer.properties:12}), or "default". */
    public String where(String key) {
        Entry e = entries.get(key);
        return e == null ? "default" : source.getFileName() + ":" + e.line();
    }

    /**
     * One {@code key=value} line.
     *
     * @param key the property name
     * @param value the value as written, trimmed
     * @param line the 1-based line it was on
     */
    public record Entry(String key, String value, int line) {

        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
