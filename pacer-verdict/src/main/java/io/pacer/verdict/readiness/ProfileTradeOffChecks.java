package io.pacer.verdict.readiness;

import io.pacer.verdict.kafka.KafkaProfile;
import io.pacer.verdict.kafka.TradeOff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * States what a Pacer Kafka profile gives up when a client file carries one ({@code pacer kafka profile NAME
 * --output …}): every property of the profile's side present with the profile's value. Choosing a profile never
 * hides its cost — each {@link TradeOff} becomes a finding of its own (info or warning) with the properties it comes
 * from as evidence.
 */
final class ProfileTradeOffChecks implements ReadinessCheck {

    private final ClientKind kind;
    private final String client;

    ProfileTradeOffChecks(ClientKind kind) {
        if (kind != ClientKind.PRODUCER && kind != ClientKind.CONSUMER) {
            throw new IllegalArgumentException("profiles have producer and consumer sides, not " + kind);
        }
        this.kind = kind;
        this.client = kind == ClientKind.PRODUCER ? "producer" : "consumer";
    }

    String ruleId() {
        return client + ".profile-trade-off";
    }

    @Override
    public Category category() {
        return kind == ClientKind.PRODUCER ? Category.PRODUCER : Category.CONSUMER;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(ruleId());
    }

    @Override
    public boolean applies(ReadinessInput input) {
        return config(input) != null;
    }

    @Override
    public List<Finding> check(ReadinessInput input) {
        ClientConfig config = config(input);
        List<Finding> found = new ArrayList<>();
        for (KafkaProfile profile : KafkaProfile.values()) {
            Map<String, String> settings =
                    kind == ClientKind.PRODUCER ? profile.producerProperties() : profile.consumerProperties();
            if (settings.isEmpty() || !carries(config, settings)) {
                continue;
            }
            for (TradeOff t : profile.tradeOffs()) {
                if (!t.client().equals(client)) {
                    continue;
                }
                List<Evidence> evidence = new ArrayList<>();
                for (String key : t.keys()) {
                    String value =
                            config.get(key).map(ClientConfig.Entry::value).orElse(null);
                    evidence.add(new Evidence(
                            value == null ? key + " left at the client's default" : key + "=" + value,
                            config.where(key)));
                }
                found.add(new Finding(
                        ruleId(),
                        category(),
                        t.severity() == TradeOff.Severity.WARNING ? Severity.WARNING : Severity.INFO,
                        "profile " + profile.id() + ": " + t.statement(),
                        evidence,
                        "The " + client + " file carries Pacer's '" + profile.id() + "' profile, which chose this"
                                + " for its goal (" + profile.summary() + ").",
                        "keep it if the trade-off suits this workload; otherwise `pacer kafka profile balanced"
                                + " --output " + client + ".properties`"));
            }
        }
        return found;
    }

    private ClientConfig config(ReadinessInput input) {
        return kind == ClientKind.PRODUCER ? input.producer() : input.consumer();
    }

    private static boolean carries(ClientConfig config, Map<String, String> settings) {
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (config.get(e.getKey())
                    .filter(v -> v.value().equals(e.getValue()))
                    .isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
