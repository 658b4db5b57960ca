package io.pacer.verdict.readiness;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one readiness run was given. Absent parts are null (and empty through the accessors below): checks
 * that need them do not run, and the report says which categories were not checked.
 *
 * @param environment where the configuration will run; decides severities
 * @param producer the producer's properties, or null
 * @param consumer the consumer's properties, or null
 * @param cluster what AdminClient read from a live cluster, or null
 * @param resources the host and JVM the service runs on (measured, or given by flags), or null
 * @param performance the findings of a {@code --quick-bench} suite, or null when none ran
 * @param topics the topics to focus on; empty means every topic the cluster has that is not internal
 * @param expectedRate the producer's expected records per second, or null when not stated
 * @param processingTime the consumer's measured processing time per poll batch, or null when not stated
 */
public record ReadinessInput(
        Environment environment,
        ClientConfig producer,
        ClientConfig consumer,
        ClusterSnapshot cluster,
        ResourceSnapshot resources,
        List<Finding> performance,
        List<String> topics,
        Double expectedRate,
        Duration processingTime) {

    public ReadinessInput {
        Objects.requireNonNull(environment, "environment");
        performance = performance == null ? null : List.copyOf(performance);
        topics = List.copyOf(topics);
    }

    public Optional<ClientConfig> producerConfig() {
        return Optional.ofNullable(producer);
    }

    public Optional<ClientConfig> consumerConfig() {
        return Optional.ofNullable(consumer);
    }

    public Optional<ClusterSnapshot> clusterSnapshot() {
        return Optional.ofNullable(cluster);
    }

    public Optional<ResourceSnapshot> resourceSnapshot() {
        return Optional.ofNullable(resources);
    }
}
