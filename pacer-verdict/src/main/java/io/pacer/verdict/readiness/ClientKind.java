package io.pacer.verdict.readiness;

import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Which Kafka client a properties file is for: it decides which keys are known and how values are typed, by the
 * client's own {@link ConfigDef}, so Pacer accepts exactly what the client accepts.
 */
public enum ClientKind {
    PRODUCER,
    CONSUMER,
    /** An AdminClient's settings, e.g. {@code --command-config}. */
    ADMIN;

    /**
     * Key prefixes the clients read beyond their defined names: {@code metrics.context.*} (labels for metric
     * reporters) and {@code config.providers.*} (config provider settings).
     */
    static final Set<String> ACCEPTED_PREFIXES = Set.of("metrics.context.", "config.providers.");

    /** The client's definition of its settings: names, types, defaults and validators. */
    ConfigDef configDef() {
        return switch (this) {
            case PRODUCER -> ProducerConfig.configDef();
            case CONSUMER -> ConsumerConfig.configDef();
            case ADMIN -> AdminClientConfig.configDef();
        };
    }

    /** Whether the client knows {@code key}. */
    boolean knows(String key, Set<String> names) {
        return names.contains(key) || ACCEPTED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
