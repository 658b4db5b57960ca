package io.pacer.load.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the settings records; messages name the setting, the bad value and the rule. */
final class Checks {

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private Checks() {}

    static String bootstrap(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "bootstrapServers must be host:port[,host:port...], but was " + (value == null ? "null" : "blank"));
        }
        return value.trim();
    }

    static String topic(String name, String value) {
        if (value == null || !TOPIC.matcher(value).matches() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(name + " must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -),"
                    + " but was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }

    static Map<String, String> properties(String name, Map<String, String> value) {
        Objects.requireNonNull(value, name);
        value.forEach((k, v) -> {
            if (k == null || k.isBlank() || v == null) {
                throw new IllegalArgumentException(
                        name + " must map non-blank keys to non-null values, but had " + k + "=" + v);
            }
        });
        return Map.copyOf(value);
    }
}
