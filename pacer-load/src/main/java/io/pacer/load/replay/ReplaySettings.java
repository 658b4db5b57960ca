package io.pacer.load.replay;

import io.pacer.internal.Check;
import java.nio.file.Path;
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

    public ReplaySettings {
        Objects.requireNonNull(capture, "capture");
        Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]");
        Check.topicName("topic", topic);
        Check.range("partitions", partitions, 1, MAX_PARTITIONS);
        producerProperties = Check.stringMap("producerProperties", producerProperties);
        for (String own : OWN_PROPERTIES) {
            Check.argument(
                    !producerProperties.containsKey(own),
                    "producerProperties must not set " + own + ": the replay sets it (bootstrap servers have their own"
                            + " setting, records are sent as bytes)");
        }
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
}
