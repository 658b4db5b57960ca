package io.pacer.kafka;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link KafkaSetup} connects and how long it waits.
 *
 * @param bootstrapServers {@code host:port[,host:port...]} (trimmed)
 * @param clientProperties the caller's Kafka client properties; those an admin client or a producer understands
 *                         (security settings above all) are passed on, the rest is ignored
 * @param timeout          the bound on every wait: for the cluster to answer, for a topic to be described or
 *                         created, for its leaders, for the probe writes and their deletion
 * @param names            how the caller's users set what the fixes in error messages name
 */
public record KafkaConnection(
        String bootstrapServers, Map<String, String> clientProperties, Duration timeout, SettingNames names) {

    /** Long enough for a healthy cluster under load, short enough that a wrong address fails fast. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    public KafkaConnection {
        bootstrapServers = Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]")
                .trim();
        clientProperties = Check.stringMap("clientProperties", clientProperties);
        Check.duration("timeout", timeout, Duration.ofMillis(1), MAX_TIMEOUT);
        Objects.requireNonNull(names, "names");
    }

    /** No client properties, {@link #DEFAULT_TIMEOUT}, fixes named by Kafka's own setting names. */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of(), DEFAULT_TIMEOUT, SettingNames.KAFKA);
    }

    public KafkaConnection withClientProperties(Map<String, String> newClientProperties) {
        return new KafkaConnection(bootstrapServers, newClientProperties, timeout, names);
    }

    public KafkaConnection withTimeout(Duration newTimeout) {
        return new KafkaConnection(bootstrapServers, clientProperties, newTimeout, names);
    }

    public KafkaConnection withNames(SettingNames newNames) {
        return new KafkaConnection(bootstrapServers, clientProperties, timeout, newNames);
    }

    /**
     * The words an error message uses for a fix: a library names Kafka's settings, a command line its flags
     * ({@code --bootstrap}), so that the user reads what to change where they change it.
     *
     * @param bootstrapServers where the bootstrap servers are set
     * @param security         where the client's security settings are set
     * @param topic            where the topic is named
     */
    public record SettingNames(String bootstrapServers, String security, String topic) {

        /** Kafka's own names. */
        public static final SettingNames KAFKA = new SettingNames(
                "bootstrap.servers", "security.protocol, sasl.* and ssl.* client properties", "the topic name");

        public SettingNames {
            Check.notBlank("bootstrapServers", bootstrapServers, "how bootstrap servers are set");
            Check.notBlank("security", security, "how security settings are set");
            Check.notBlank("topic", topic, "how the topic is named");
        }
    }
}
