package io.pacer.verdict.kafka;

import io.pacer.internal.Check;

/**
 * One Kafka client property of a {@link KafkaProfile} and why it has this value, in one line — the line a person
 * reads before copying it into production.
 *
 * @param key the client property, e.g. {@code linger.ms}
 * @param value its value as a {@code .properties} file writes it
 * @param reason why, in one line
 */
public record Setting(String key, String value, String reason) {
    public Setting {
        Check.notBlank("key", key, "a Kafka client property name");
        Check.notBlank("value", value, "the property's value");
        Check.notBlank("reason", reason, "one line saying why");
        Check.argument(!reason.contains("\n"), "reason must be one line, but was '" + reason + "'");
    }
}
