package io.pacer.verdict.readiness;

import java.util.List;

/**
 * Every readiness check, in one list: {@code pacer readiness} runs them all, the documentation lists their rules,
 * and the tests check that every rule is documented. A new group of rules is one more line here.
 */
public final class ReadinessChecks {

    private ReadinessChecks() {}

    /** Every check, each of which skips itself when its input is absent. */
    public static List<ReadinessCheck> all() {
        List<ReadinessCheck> all = new java.util.ArrayList<>();
        // client configuration files
        all.addAll(List.of(new ProducerChecks(), new ConsumerChecks(), new ClientSecurityChecks()));
        // what a Pacer Kafka profile carried by a client file gives up
        all.add(new ProfileTradeOffChecks(ClientKind.PRODUCER));
        all.add(new ProfileTradeOffChecks(ClientKind.CONSUMER));
        // the live cluster, broker security, the host and --quick-bench
        all.addAll(LiveChecks.all());
        return List.copyOf(all);
    }
}
