package io.pacer.load.replay;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a replay reads and where it writes.
 *
 * @param capture            the capture file (JSON lines or CSV, optionally gzip; see the package documentation)
 * @param skipBadLines       skip and count bad lines instead of stopping at the first
 * @param bootstrapServers   Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param topic              the topic to write into; created with {@code partitions} partitions if absent
 * @param partitions         partitions for a topic the replay creates (ignored if it exists); the default, 1, keeps
 *                           the capture's total order
 * @param producerProperties producer settings over {@link #DEFAULT_PRODUCER_PROPERTIES} (serializers and bootstrap
 *                           servers are the replay's own); also given to the admin client where they apply
 *                           (security settings)
 */
public record ReplaySettings(
        Path capture,
        boolean skipBadLines,
        String bootstrapServers,
        String topic,
        int partitions,
        Map<String, String> producerProperties) {

    public static final int DEFAULT_PARTITIONS = 1;
    public static final int MAX_PARTITIONS = 10_000;
    /** Throughput first: batches of up to 256 KiB lingering 5 ms, lz4, still acknowledged by all replicas. */
    public static final Map<String, String> DEFAULT_PRODUCER_PROPERTIES =
            Map.of("linger.ms", "5", "batch.size", "262144", "compression.type", "lz4", "acks", "all");

    private static final Set<String> OWN_PROPERTIES = Set.of("bootstrap.servers", "key.serializer", "value.serializer");
    private static final int MAX_TOPIC_LENGTH = 249;

    public ReplaySettings {
        Objects.requireNonNull(capture, "capture");
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException(
                    "bootstrapServers must be host:port[,host:port...], but was '" + bootstrapServers + "'");
        }
        requireTopicName(topic);
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException(
                    "partitions must be in [1, " + MAX_PARTITIONS + "], but was " + partitions);
        }
        Objects.requireNonNull(producerProperties, "producerProperties");
        for (String own : OWN_PROPERTIES) {
            if (producerProperties.containsKey(own)) {
                throw new IllegalArgumentException("producerProperties must not set " + own
                        + ": the replay sets it (bootstrap servers have their own setting, records are sent as bytes)");
            }
        }
        producerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(producerProperties));
    }

    /** A replay of {@code capture} into {@code topic}, stopping at the first bad line, with default producer settings. */
    public static ReplaySettings of(Path capture, String bootstrapServers, String topic) {
        return new ReplaySettings(capture, false, bootstrapServers, topic, DEFAULT_PARTITIONS, Map.of());
    }

    public ReplaySettings withSkipBadLines(boolean newSkipBadLines) {
        return new ReplaySettings(capture, newSkipBadLines, bootstrapServers, topic, partitions, producerProperties);
    }

    public ReplaySettings withPartitions(int newPartitions) {
        return new ReplaySettings(capture, skipBadLines, bootstrapServers, topic, newPartitions, producerProperties);
    }

    public ReplaySettings withProducerProperties(Map<String, String> newProducerProperties) {
        return new ReplaySettings(capture, skipBadLines, bootstrapServers, topic, partitions, newProducerProperties);
    }

    /** The producer configuration: defaults, then the overrides, then the replay's own settings. */
    Map<String, Object> producerConfig() {
        Map<String, Object> config = new LinkedHashMap<>(DEFAULT_PRODUCER_PROPERTIES);
        config.putAll(producerProperties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }

    private static void requireTopicName(String topic) {
        boolean legal = topic != null
                && !topic.isEmpty()
                && topic.length() <= MAX_TOPIC_LENGTH
                && !topic.equals(".")
                && !topic.equals("..")
                && topic.chars()
                        .allMatch(c -> c >= 'a' && c <= 'z'
                                || c >= 'A' && c <= 'Z'
                                || c >= '0' && c <= '9'
                                || c == '.'
                                || c == '_'
                                || c == '-');
        if (!legal) {
            throw new IllegalArgumentException("topic must be 1-" + MAX_TOPIC_LENGTH
                    + " letters, digits, '.', '_' or '-' (not '.' or '..'), but was '" + topic + "'");
        }
    }
}
