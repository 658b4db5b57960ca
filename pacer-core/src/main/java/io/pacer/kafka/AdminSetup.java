package io.pacer.kafka;

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
import java.util.concurrent.locks.LockSupport;
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
 * {@link KafkaSetup} over one admin client. Every wait is bounded by the connection's timeout; every failure
 * becomes a {@link KafkaSetupException} whose one-line message names the problem and the fix.
 */
final class AdminSetup implements KafkaSetup {

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Admin admin;
    private final KafkaConnection connection;

    private AdminSetup(Admin admin, KafkaConnection connection) {
        this.admin = admin;
        this.connection = connection;
    }

    static AdminSetup connect(KafkaConnection connection) {
        Map<String, Object> config = new HashMap<>();
        connection.clientProperties().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pacer-setup");
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            throw new KafkaSetupException(
                    "cannot use Kafka bootstrap servers '" + connection.bootstrapServers() + "': " + rootMessage(e)
                            + ": check " + connection.names().bootstrapServers() + " (host:port[,host:port...])",
                    e);
        }
        AdminSetup setup = new AdminSetup(admin, connection);
        try {
            setup.awaitCluster();
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
        return setup;
    }

    @Override
    public Topic ensureTopic(TopicSpec spec) {
        Optional<TopicDescription> existing = describe(spec.name());
        if (existing.isPresent()) {
            return new Topic(spec.name(), existing.get().partitions().size(), false, 0);
        }
        return create(spec, true);
    }

    @Override
    public Topic createTopic(TopicSpec spec) {
        return create(spec, false);
    }

    @Override
    public Topic requireTopic(String name) {
        int partitions = describe(name)
                .orElseThrow(() -> new KafkaSetupException("topic '" + name + "' does not exist at " + servers()
                        + ": check " + connection.names().topic() + ", or produce to it first"))
                .partitions()
                .size();
        return new Topic(name, partitions, false, 0);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }

    /** The one-line message for a refused topic creation; visible for its own test (no broker here refuses). */
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

    private Topic create(TopicSpec spec, boolean existingIsFine) {
        String name = spec.name();
        NewTopic newTopic = new NewTopic(
                        name,
                        Optional.of(spec.partitions()),
                        spec.replicationFactor() == TopicSpec.BROKER_DEFAULT
                                ? Optional.empty()
                                : Optional.of(spec.replicationFactor()))
                .configs(spec.configs());
        try {
            await(admin.createTopics(List.of(newTopic), new CreateTopicsOptions().timeoutMs(millis()))
                    .all());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new KafkaSetupException(creationRefused(name, spec.partitions(), e.getCause()), e.getCause());
            }
            if (!existingIsFine) {
                throw new KafkaSetupException(
                        "topic '" + name + "' already exists at " + servers() + ": choose another name or delete it",
                        e.getCause());
            }
            // created by another client this moment: lead and probe it all the same
        } catch (TimeoutException e) {
            throw new KafkaSetupException(
                    "creating topic '" + name + "' at " + servers() + " took longer than " + seconds(timeout())
                            + ": create it yourself or check the cluster's health",
                    e);
        }
        int partitions = awaitLeaders(name);
        int probesLeft = TopicProbe.probe(admin, connection, name, partitions);
        return new Topic(name, partitions, true, probesLeft);
    }

    private void awaitCluster() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis()))
                    .nodes()
                    .get(millis() + 1_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unreachable(e.getCause());
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException("interrupted while connecting to Kafka at " + servers(), e);
        }
    }

    private KafkaSetupException unreachable(Throwable cause) {
        if (cause instanceof AuthorizationException) {
            return new KafkaSetupException(
                    "Kafka at " + servers() + " refused this client (" + firstLine(cause.getMessage())
                            + "): check the security settings ("
                            + connection.names().security() + ")",
                    cause);
        }
        return new KafkaSetupException(
                "cannot reach Kafka at " + servers() + " within " + seconds(timeout()) + ": check "
                        + connection.names().bootstrapServers() + " and that the broker is up",
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
                throw new KafkaSetupException(
                        "this client may not describe topic '" + topic + "' at " + servers()
                                + ": grant it DESCRIBE on the topic",
                        e.getCause());
            }
            throw new KafkaSetupException(
                    "cannot describe topic '" + topic + "' at " + servers() + " ("
                            + firstLine(e.getCause().getMessage()) + "): check the cluster's health",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaSetupException(
                    "describing topic '" + topic + "' at " + servers() + " took longer than " + seconds(timeout())
                            + ": check the cluster's health",
                    e);
        }
    }

    /** Waits until every partition of the new {@code topic} has a leader; returns its partition count. */
    private int awaitLeaders(String topic) {
        long deadline = System.nanoTime() + timeout().toNanos();
        while (true) {
            Optional<TopicDescription> description = describeQuietly(topic);
            if (description.isPresent()
                    && description.get().partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return description.get().partitions().size();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaSetupException("topic '" + topic + "' was created but its partitions have no leader"
                        + " after " + seconds(timeout()) + ": check the brokers' health");
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new KafkaSetupException("interrupted while waiting for the leaders of topic '" + topic + "'");
            }
        }
    }

    private Optional<TopicDescription> describeQuietly(String topic) {
        try {
            return describe(topic);
        } catch (KafkaSetupException metadataNotPropagatedYet) {
            if (Thread.currentThread().isInterrupted()) {
                throw metadataNotPropagatedYet;
            }
            return Optional.empty();
        }
    }

    private <T> T await(Future<T> future) throws ExecutionException, TimeoutException {
        try {
            return future.get(millis() + 1_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException("interrupted while talking to Kafka at " + servers(), e);
        }
    }

    private String servers() {
        return connection.bootstrapServers();
    }

    private Duration timeout() {
        return connection.timeout();
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout().toMillis());
    }

    /** {@code 10s}, or {@code 250ms} when not a whole number of seconds. */
    static String seconds(Duration timeout) {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    static String rootMessage(Throwable e) {
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
