package io.pacer.verdict.kafka;

import io.pacer.internal.Check;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link KafkaProfile} gives up for its goal, as data: the readiness check reports these as findings of lower
 * severity than critical, so choosing a profile never hides its cost.
 *
 * @param severity how much it matters: {@link Severity#INFO} a cost worth knowing, {@link Severity#WARNING} one that
 *                 can hurt in some deployments
 * @param client   {@code producer} or {@code consumer}
 * @param keys     the properties the trade-off comes from
 * @param statement the trade-off in one or two short sentences
 */
public record TradeOff(Severity severity, String client, List<String> keys, String statement) {

    /** How much a trade-off matters; a profile never makes a critical one. */
    public enum Severity {
        INFO,
        WARNING
    }

    public TradeOff {
        Objects.requireNonNull(severity, "severity");
        Check.argument(
                "producer".equals(client) || "consumer".equals(client),
                "client must be producer or consumer, but was " + client);
        keys = List.copyOf(keys);
        Check.argument(!keys.isEmpty(), "keys must name at least one property");
        Check.notBlank("statement", statement, "the trade-off in a sentence");
    }
}
