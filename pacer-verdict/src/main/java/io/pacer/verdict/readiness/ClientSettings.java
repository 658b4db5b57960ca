package io.pacer.verdict.readiness;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * A client file's settings as the Kafka client itself resolves them: defaults, types and post-processing (such as
 * idempotence turned off by {@code acks=1}) come from constructing the client's own {@link ProducerConfig} or
 * {@link ConsumerConfig}, so a rule reads exactly what the client will do — no copy of the client's logic to drift.
 * Settings the file leaves to the command line (bootstrap servers, serializers) get neutral placeholders that no rule
 * reads.
 */
final class ClientSettings {

    /** Keys whose values are secrets: never shown in evidence. */
    static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|jaas|token|credential).*");

    private final ClientConfig file;
    private final Map<String, ?> values;
    private final KafkaException rejection;

    private ClientSettings(ClientConfig file, Map<String, ?> values, KafkaException rejection) {
        this.file = file;
        this.values = values;
        this.rejection = rejection;
    }

    static ClientSettings producer(ClientConfig file) {
        Map<String, Object> props = props(file, ClientKind.PRODUCER);
        try {
            return new ClientSettings(file, new ProducerConfig(props).values(), null);
        } catch (KafkaException e) {
            return new ClientSettings(file, ProducerConfig.configDef().parse(props), e);
        }
    }

    static ClientSettings consumer(ClientConfig file) {
        Map<String, Object> props = props(file, ClientKind.CONSUMER);
        try {
            return new ClientSettings(file, new ConsumerConfig(props).values(), null);
        } catch (KafkaException e) {
            return new ClientSettings(file, ConsumerConfig.configDef().parse(props), e);
        }
    }

    /** The file's entries, plus placeholders for what is required but usually given elsewhere. */
    static Map<String, Object> props(ClientConfig file, ClientKind kind) {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", "localhost:9092");
        if (kind == ClientKind.PRODUCER) {
            props.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
            props.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        } else if (kind == ClientKind.CONSUMER) {
            props.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
            props.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        }
        Map<String, ConfigDef.ConfigKey> keys = kind.configDef().configKeys();
        file.entries().forEach((key, entry) -> {
            ConfigDef.ConfigKey def = keys.get(key);
            // the application's own classes are not on Pacer's class path: no rule reads them, so a class that does
            // not load keeps the placeholder (serializers) or the client's default
            if (def == null || def.type != ConfigDef.Type.CLASS || loadable(entry.value())) {
                props.put(key, entry.value());
            }
        });
        return props;
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className.trim(), false, ClientSettings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    ClientConfig file() {
        return file;
    }

    /** Why the client refuses these settings (it throws while constructing its config), if it does. */
    Optional<KafkaException> rejection() {
        return Optional.ofNullable(rejection);
    }

    /** Whether the file sets {@code key} (rather than leaving it to the client's default). */
    boolean explicit(String key) {
        return file.entries().containsKey(key);
    }

    long number(String key) {
        return ((Number) values.get(key)).longValue();
    }

    boolean bool(String key) {
        return (Boolean) values.get(key);
    }

    String string(String key) {
        Object value = values.get(key);
        if (value instanceof Password p) {
            return p.value();
        }
        return value == null ? null : value.toString();
    }

    /** The setting as evidence shows it: {@code key=value} (secrets redacted) and where: {@code file:line}/default. */
    Evidence evidence(String key) {
        Object value = values.get(key);
        String shown = value == null ? "" : value instanceof Password ? "[redacted]" : String.valueOf(value);
        if (SECRET.matcher(key).matches()) {
            shown = "[redacted]";
        } else if (explicit(key) && !(value instanceof Password)) {
            shown = file.get(key).orElseThrow().value();
        } else if (key.equals("acks") && shown.equals("-1")) {
            shown = "all";
        }
        return new Evidence(key + "=" + shown, file.where(key));
    }
}
