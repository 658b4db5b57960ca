package io.pacer.monitor.kafka;

import io.pacer.internal.Check;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the Kafka collector watches and how.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param clientProperties admin client properties (security settings above all); Pacer sets bootstrap and client id
 * @param interval how often to collect; with {@code intervals} it makes the window (10 × 10 s = 100 s by default)
 * @param groups the consumer groups to evaluate; empty for every consumer group of the cluster
 * @param intervals commits kept per partition: Burrow's {@code intervals}
 * @param allowedLag lag (records) a partition may have and still be OK: Burrow's {@code allowed-lag}
 * @param timeout the bound on each admin request of a collection
 */
public record KafkaLagSettings(
        String bootstrapServers,
        Map<String, String> clientProperties,
        Duration interval,
        Set<String> groups,
        int intervals,
        long allowedLag,
        Duration timeout) {

    /** Burrow's default offset refresh. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** Burrow's default window: ten commits. */
    public static final int DEFAULT_INTERVALS = LagWindow.DEFAULT_INTERVALS;

    /** Long enough for a loaded cluster, short enough that a dead one marks the collector down within an interval. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public KafkaLagSettings {
        bootstrapServers = Check.notBlank("bootstrapServers", bootstrapServers, "host:port[,host:port...]")
                .trim();
        clientProperties = Check.stringMap("clientProperties", clientProperties);
        Check.duration("interval", interval, Duration.ofMillis(100), Duration.ofHours(1));
        Check.that(groups != null, "groups", "a set (empty for every group)", null);
        groups = Set.copyOf(new TreeSet<>(groups));
        groups.forEach(g -> Check.notBlank("groups", g, "consumer group names"));
        Check.range("intervals", intervals, 2, 1000);
        Check.atLeast("allowedLag", allowedLag, 0);
        Check.duration("timeout", timeout, Duration.ofMillis(100), Duration.ofMinutes(10));
    }

    /** Every group, the defaults. */
    public static KafkaLagSettings of(String bootstrapServers) {
        return new KafkaLagSettings(
                bootstrapServers,
                Map.of(),
                DEFAULT_INTERVAL,
                Set.of(),
                DEFAULT_INTERVALS,
                LagHistory.DEFAULT_ALLOWED_LAG,
                DEFAULT_TIMEOUT);
    }

    public KafkaLagSettings withGroups(Set<String> newGroups) {
        return new KafkaLagSettings(
                bootstrapServers, clientProperties, interval, newGroups, intervals, allowedLag, timeout);
    }

    public KafkaLagSettings withInterval(Duration newInterval) {
        return new KafkaLagSettings(
                bootstrapServers, clientProperties, newInterval, groups, intervals, allowedLag, timeout);
    }

    public KafkaLagSettings withAllowedLag(long newAllowedLag) {
        return new KafkaLagSettings(
                bootstrapServers, clientProperties, interval, groups, intervals, newAllowedLag, timeout);
    }

    public KafkaLagSettings withClientProperties(Map<String, String> newClientProperties) {
        return new KafkaLagSettings(
                bootstrapServers, newClientProperties, interval, groups, intervals, allowedLag, timeout);
    }
}
