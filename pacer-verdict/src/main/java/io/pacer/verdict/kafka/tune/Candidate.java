package io.pacer.verdict.kafka.tune;

import io.pacer.internal.Check;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One producer configuration the tuner measures: a name a person can read and the properties laid over the
 * workload's own ({@code -P}), in order. An empty map is Kafka's defaults.
 *
 * @param name       e.g. {@code kafka-defaults}, {@code profile:throughput}, {@code b65536-l10-lz4}
 * @param properties producer properties of this candidate
 */
public record Candidate(String name, Map<String, String> properties) {

    /** The name of Kafka's defaults, the baseline every tune run measures beside its candidates. */
    public static final String DEFAULTS = "kafka-defaults";

    public Candidate {
        Check.notBlank("name", name, "a candidate name");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(Check.stringMap("properties", properties)));
    }

    /** Kafka's defaults: no property set. */
    public static Candidate defaults() {
        return new Candidate(DEFAULTS, Map.of());
    }
}
