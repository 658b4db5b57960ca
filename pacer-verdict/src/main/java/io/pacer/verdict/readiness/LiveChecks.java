package io.pacer.verdict.readiness;

import java.util.List;

/**
 * The checks over what a readiness run reads live — the cluster ({@link ClusterSnapshots}), the host and JVM
 * ({@link ResourceSnapshots}) and the quick bench ({@link QuickBench}) — for the command to run beside the checks of
 * the client configs. Each returns nothing when its part of the input is absent.
 */
public final class LiveChecks {

    private LiveChecks() {}

    /** Every live check: cluster, balance and disk, cluster defaults, broker security, resources, performance. */
    public static List<ReadinessCheck> all() {
        return List.of(cluster(), clusterBalance(), clusterDefaults(), brokerSecurity(), resources(), performance());
    }

    /** Replication, min.insync.replicas, unclean election, partition health, missing topics, consumer groups. */
    public static ReadinessCheck cluster() {
        return new ClusterRules();
    }

    /** Leader and size skew over brokers, hot partitions, log directory space, retention against disk. */
    public static ReadinessCheck clusterBalance() {
        return new ClusterBalanceRules();
    }

    /** Auto-created topics, weak defaults for new topics, replication of the internal topics. */
    public static ReadinessCheck clusterDefaults() {
        return new ClusterDefaultsRules();
    }

    /** Listeners without encryption, no authorizer, open-by-default ACLs, TLS without authentication. */
    public static ReadinessCheck brokerSecurity() {
        return new BrokerSecurityRules();
    }

    /** Heap against memory, the collector and its pauses, CPUs, free disk. */
    public static ReadinessCheck resources() {
        return new ResourceRules();
    }

    /** The quick bench's failed gates, from {@link ReadinessInput#performance()}. */
    public static ReadinessCheck performance() {
        return new PerformanceCheck();
    }
}
