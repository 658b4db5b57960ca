package io.pacer.load.kafka;

import io.pacer.load.LoadSetupException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The checks every Kafka driver runs in {@code open()} before it creates a client that would otherwise retry for a
 * minute: the cluster answers within a bounded wait, the topic exists (or is created and made safe to write to).
 * Every failure becomes a {@link LoadSetupException} whose one-line message names the problem and the fix.
 */
final class Preflight implements AutoCloseable {

    /** How long the cluster has to answer, and how long topic creation may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final long POLL_MILLIS = 50;

    private final Admin admin;
    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final Duration timeout;

    private Preflight(Admin admin, String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = clientProperties;
        this.timeout = timeout;
    }

    /**
     * Connects an admin client with the security-related settings of {@code clientProperties} and checks the
     * cluster answers within {@code timeout}.
     */
    static Preflight connect(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        clientProperties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pacer-preflight");
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw new LoadSetupException(
                    "cannot use Kafka bootstrap servers '" + bootstrapServers + "': " + rootMessage(e)
                            + ": check --bootstrap (host:port[,host:port...])",
                    e);
        }
        Preflight preflight = new Preflight(admin, bootstrapServers, clientProperties, timeout);
        try {
            preflight.awaitCluster();
        } catch (RuntimeException e) {
            preflight.close();
            throw e;
        }
        return preflight;
    }

    /**
     * Returns the partition count of {@code topic}, creating it first with {@code partitions} (and
     * {@code replicationFactor}, or the broker's default when empty) if it does not exist; a created topic is
     * returned once every partition has a leader and has taken a write ({@link NewTopicProbe}).
     */
    int ensureTopic(String topic, int partitions, Optional<Short> replicationFactor) {
        Optional<TopicDescription> existing = describe(topic);
        if (existing.isPresent()) {
            return existing.get().partitions().size();
        }
        NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), replicationFactor);
        try {
            await(admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs(millis()))
                    .all());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LoadSetupException(creationRefused(topic, partitions, e.getCause()), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new LoadSetupException(
                    "creating topic '" + topic + "' at " + bootstrapServers + " took longer than " + seconds()
                            + ": create it yourself or check the cluster's health",
                    e);
        }
        awaitLeaders(topic);
        int created = describe(topic).orElseThrow().partitions().size();
        NewTopicProbe.probe(admin, bootstrapServers, clientProperties, topic, created, timeout);
        return created;
    }

    /** Returns the partition count of {@code topic}, which must exist. */
    int requireTopic(String topic) {
        return describe(topic)
                .orElseThrow(() -> new LoadSetupException("topic '" + topic + "' does not exist at " + bootstrapServers
                        + ": check --topic, or produce to it first"))
                .partitions()
                .size();
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /** The one-line message for a refused topic creation; visible for its own test (no broker refuses here). */
    static String creationRefused(String topic, int partitions, Throwable cause) {
        String why = cause instanceof AuthorizationException
                ? "this client is not allowed to create topics"
                : cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage());
        return "topic '" + topic + "' does not exist and creating it failed (" + why + "): create it first, e.g. "
                + "kafka-topics.sh --create --topic " + topic + " --partitions " + partitions
                + (cause instanceof AuthorizationException
                        ? ", or grant this principal CREATE on the cluster"
                        : ", or change the settings that were refused");
    }

    private void awaitCluster() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis()))
                    .nodes()
                    .get(millis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadSetupException("interrupted while connecting to Kafka at " + bootstrapServers, e);
        }
    }

    private LoadSetupException unreachable(Throwable cause) {
        if (cause instanceof AuthorizationException) {
            return new LoadSetupException(
                    "Kafka at " + bootstrapServers + " refused this client (" + firstLine(cause.getMessage())
                            + "): check the security settings (-P / --*-config)",
                    cause);
        }
        return new LoadSetupException(
                "cannot reach Kafka at " + bootstrapServers + " within " + seconds()
                        + ": check --bootstrap and that the broker is up",
                cause);
    }

    private Optional<TopicDescription> describe(String topic) {
        try {
            return Optional.of(
                    await(admin.describeTopics(Set.of(topic), new DescribeTopicsOptions().timeoutMs(millis()))
                                    .allTopicNames())
                            .get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            if (e.getCause() instanceof AuthorizationException) {
                throw new LoadSetupException(
                        "this client may not describe topic '" + topic + "' at " + bootstrapServers
                                + ": grant it DESCRIBE on the topic",
                        e.getCause());
            }
            throw new LoadSetupException(
                    "cannot describe topic '" + topic + "' at " + bootstrapServers + " ("
                            + firstLine(e.getCause().getMessage()) + "): check the cluster's health",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new LoadSetupException(
                    "describing topic '" + topic + "' at " + bootstrapServers + " took longer than " + seconds()
                            + ": check the cluster's health",
                    e);
        }
    }

    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<TopicDescription> description = describeQuietly(topic);
            if (description.isPresent()
                    && description.get().partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LoadSetupException("topic '" + topic + "' was created but its partitions have no leader"
                        + " after " + seconds() + ": check the brokers' health");
            }
            sleep(POLL_MILLIS);
        }
    }

    private Optional<TopicDescription> describeQuietly(String topic) {
        try {
            return describe(topic);
        } catch (LoadSetupException metadataNotPropagatedYet) {
            return Optional.empty();
        }
    }

    private <T> T await(Future<T> future) throws ExecutionException, TimeoutException {
        try {
            return future.get(millis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadSetupException("interrupted while talking to Kafka at " + bootstrapServers, e);
        }
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private String seconds() {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadSetupException("interrupted while waiting for a topic's leaders", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return firstLine(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
