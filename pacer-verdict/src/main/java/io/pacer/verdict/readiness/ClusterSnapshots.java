package io.pacer.verdict.readiness;

import io.pacer.kafka.KafkaConnection;
import io.pacer.kafka.KafkaSetup;
import io.pacer.kafka.KafkaSetupException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads a {@link ClusterSnapshot} from a live cluster in one AdminClient pass: the brokers and their configs, every
 * topic (the internal ones too: their replication is judged; topic rules skip them unless named) with its effective
 * configs and placement, each partition's size on its leader and each log
 * directory's free and total bytes ({@code describeLogDirs}), and the consumer groups with their members, idle
 * members and topics (assigned or committed).
 *
 * <p>Every wait is bounded by one deadline. The first step is {@link KafkaSetup#connect}, so an unreachable cluster,
 * a bad address or refused credentials fail within the timeout with the same one-line messages every Pacer command
 * gives (here naming {@code --bootstrap} and {@code --command-config}), as a {@link ReadinessSetupException}. A step
 * this client is not authorized for fails the same way, naming the permission: rules judging a partial snapshot
 * would pass what they never saw.
 */
public final class ClusterSnapshots {

    /** How long a readiness run waits for the cluster by default: as long as every Pacer command. */
    public static final Duration DEFAULT_TIMEOUT = KafkaConnection.DEFAULT_TIMEOUT;

    private static final KafkaConnection.SettingNames NAMES =
            new KafkaConnection.SettingNames("--bootstrap", "--command-config", "--topic");

    private final Admin admin;
    private final String bootstrap;
    private final long deadline;

    private ClusterSnapshots(Admin admin, String bootstrap, Duration timeout) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.deadline = System.nanoTime() + timeout.toNanos();
    }

    /**
     * Reads the cluster at {@code bootstrap}.
     *
     * @param bootstrap {@code host:port[,host:port...]}
     * @param commandConfigOrNull a client {@code .properties} file with the security settings
     *     ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}), as Kafka's own tools take it; null for none
     * @param timeout the bound on the whole read (connecting included)
     * @throws ReadinessSetupException when the file cannot be read, the cluster does not answer within
     *     {@code timeout}, refuses this client, or does not allow it to describe what the rules need
     */
    public static ClusterSnapshot read(String bootstrap, Path commandConfigOrNull, Duration timeout) {
        return readWith(bootstrap, commandConfig(commandConfigOrNull), timeout);
    }

    /**
     * Reads the cluster at {@code bootstrap} with client settings already read (a {@code --command-config} the
     * caller parsed itself); the admin client takes those it knows and ignores the rest.
     *
     * @throws ReadinessSetupException as {@link #read(String, Path, Duration)}
     */
    public static ClusterSnapshot readWith(String bootstrap, Map<String, String> properties, Duration timeout) {
        KafkaConnection connection;
        try {
            connection = new KafkaConnection(bootstrap, properties, timeout, NAMES);
        } catch (IllegalArgumentException e) {
            throw new ReadinessSetupException(e.getMessage(), e);
        }
        long started = System.nanoTime();
        try (KafkaSetup reachable = KafkaSetup.connect(connection)) {
            // answered: the messages for an unreachable or refusing cluster are KafkaSetup's
        } catch (KafkaSetupException e) {
            throw new ReadinessSetupException(e.getMessage(), e);
        }
        Duration left = timeout.minusNanos(System.nanoTime() - started);
        Map<String, Object> config = new HashMap<>();
        properties.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                config.put(k, v);
            }
        });
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pacer-readiness");
        try (Admin admin = Admin.create(config)) {
            return new ClusterSnapshots(admin, connection.bootstrapServers(), left.isNegative() ? Duration.ZERO : left)
                    .snapshot();
        } catch (KafkaException e) {
            throw new ReadinessSetupException(
                    "cannot use Kafka at " + bootstrap + ": " + firstLine(e.getMessage()) + ": check --bootstrap and"
                            + " --command-config",
                    e);
        }
    }

    /** The {@code --command-config} file's properties, read as Kafka's tools read it. */
    static Map<String, String> commandConfig(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (NoSuchFileException e) {
            throw new ReadinessSetupException("--command-config " + file + " does not exist: give the client"
                    + " properties file with the cluster's security settings");
        } catch (IOException | IllegalArgumentException e) {
            throw new ReadinessSetupException(
                    "cannot read --command-config " + file + ": " + firstLine(e.getMessage()), e);
        }
        Map<String, String> properties = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> properties.put(k, p.getProperty(k).trim()));
        return properties;
    }

    private ClusterSnapshot snapshot() {
        Collection<Node> nodes = await(
                "describe the cluster",
                "DESCRIBE on the cluster",
                admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis()))
                        .nodes());
        List<Integer> ids = nodes.stream().map(Node::id).sorted().toList();
        Set<String> names = await(
                "list topics",
                "DESCRIBE on the topics",
                admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(millis()))
                        .names());
        Map<String, TopicDescription> described = describeTopics(names);
        Map<ConfigResource, Config> configs = configs(ids, described.keySet());
        Map<Integer, Map<String, LogDirDescription>> logDirs = ids.isEmpty()
                ? Map.of()
                : await(
                        "describe log directories",
                        "DESCRIBE on the cluster",
                        admin.describeLogDirs(ids, new DescribeLogDirsOptions().timeoutMs(millis()))
                                .allDescriptions());
        List<ClusterSnapshot.Broker> brokers = new ArrayList<>();
        for (Node node : nodes) {
            brokers.add(broker(node, configs, logDirs.getOrDefault(node.id(), Map.of())));
        }
        brokers.sort(java.util.Comparator.comparingInt(ClusterSnapshot.Broker::id));
        Map<TopicPartition, Long> sizes = leaderSizes(logDirs, described);
        List<ClusterSnapshot.Topic> topics = new ArrayList<>();
        for (String name : new TreeSet<>(described.keySet())) {
            TopicDescription d = described.get(name);
            List<ClusterSnapshot.Partition> partitions = new ArrayList<>();
            for (TopicPartitionInfo p : d.partitions()) {
                partitions.add(new ClusterSnapshot.Partition(
                        p.partition(),
                        p.leader() == null || p.leader().isEmpty()
                                ? -1
                                : p.leader().id(),
                        p.replicas().stream().map(Node::id).toList(),
                        p.isr().stream().map(Node::id).toList(),
                        sizes.getOrDefault(new TopicPartition(name, p.partition()), -1L)));
            }
            topics.add(new ClusterSnapshot.Topic(
                    name, values(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))), partitions));
        }
        return new ClusterSnapshot(bootstrap, brokers, topics, groups());
    }

    /** Every listed topic that still exists when described: one deleted in between is left out, not an error. */
    private Map<String, TopicDescription> describeTopics(Set<String> names) {
        Map<String, TopicDescription> described = new HashMap<>();
        if (names.isEmpty()) {
            return described;
        }
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(
                        names, new DescribeTopicsOptions().timeoutMs(millis()))
                .topicNameValues();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> e : futures.entrySet()) {
            try {
                described.put(
                        e.getKey(), await("describe topic " + e.getKey(), "DESCRIBE on the topics", e.getValue()));
            } catch (Gone deleted) {
                // deleted since it was listed
            }
        }
        return described;
    }

    private Map<ConfigResource, Config> configs(List<Integer> ids, Set<String> topics) {
        List<ConfigResource> resources = new ArrayList<>();
        ids.forEach(id -> resources.add(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(id))));
        topics.forEach(t -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
        Map<ConfigResource, Config> configs = new HashMap<>();
        if (resources.isEmpty()) {
            return configs;
        }
        Map<ConfigResource, KafkaFuture<Config>> futures = admin.describeConfigs(
                        resources, new DescribeConfigsOptions().timeoutMs(millis()))
                .values();
        for (Map.Entry<ConfigResource, KafkaFuture<Config>> e : futures.entrySet()) {
            try {
                configs.put(
                        e.getKey(),
                        await(
                                "describe the configs of "
                                        + e.getKey().type().name().toLowerCase(java.util.Locale.ROOT) + " "
                                        + e.getKey().name(),
                                "DESCRIBE_CONFIGS on the cluster and the topics",
                                e.getValue()));
            } catch (Gone deleted) {
                // a topic deleted since it was listed: no configs, and the rules that need them stay silent
            }
        }
        return configs;
    }

    private static ClusterSnapshot.Broker broker(
            Node node, Map<ConfigResource, Config> configs, Map<String, LogDirDescription> dirs) {
        Map<String, Long> free = new TreeMap<>();
        Map<String, Long> total = new TreeMap<>();
        dirs.forEach((path, d) -> {
            if (d.error() == null) {
                d.usableBytes().ifPresent(b -> free.put(path, b));
                d.totalBytes().ifPresent(b -> total.put(path, b));
            }
        });
        Config config = configs.get(new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node.id())));
        return new ClusterSnapshot.Broker(node.id(), node.host(), values(config), free, total);
    }

    /** Every config entry with a value; sensitive ones (passwords) have none and are left out. */
    private static Map<String, String> values(Config config) {
        Map<String, String> values = new TreeMap<>();
        if (config != null) {
            for (ConfigEntry e : config.entries()) {
                if (e.value() != null && !e.isSensitive()) {
                    values.put(e.name(), e.value());
                }
            }
        }
        return values;
    }

    /** Each partition's size on its leader (its current, not a future, replica). */
    private static Map<TopicPartition, Long> leaderSizes(
            Map<Integer, Map<String, LogDirDescription>> logDirs, Map<String, TopicDescription> topics) {
        Map<TopicPartition, Long> sizes = new HashMap<>();
        for (TopicDescription t : topics.values()) {
            for (TopicPartitionInfo p : t.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(t.name(), p.partition());
                for (LogDirDescription dir :
                        logDirs.getOrDefault(p.leader().id(), Map.of()).values()) {
                    ReplicaInfo replica = dir.replicaInfos().get(tp);
                    if (replica != null && !replica.isFuture()) {
                        sizes.put(tp, replica.size());
                    }
                }
            }
        }
        return sizes;
    }

    private List<ClusterSnapshot.Group> groups() {
        Collection<GroupListing> listed = await(
                "list consumer groups",
                "DESCRIBE on the consumer groups",
                admin.listGroups(ListGroupsOptions.forConsumerGroups().timeoutMs(millis()))
                        .all());
        List<String> ids = listed.stream().map(GroupListing::groupId).sorted().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<ConsumerGroupDescription>> described = admin.describeConsumerGroups(
                        ids, new DescribeConsumerGroupsOptions().timeoutMs(millis()))
                .describedGroups();
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        ids.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        var offsets = admin.listConsumerGroupOffsets(specs, new ListConsumerGroupOffsetsOptions().timeoutMs(millis()));
        List<ClusterSnapshot.Group> groups = new ArrayList<>();
        for (String id : ids) {
            ConsumerGroupDescription d;
            Map<TopicPartition, OffsetAndMetadata> committed;
            try {
                d = await("describe consumer group " + id, "DESCRIBE on group " + id, described.get(id));
                committed = await(
                        "list the offsets of consumer group " + id,
                        "DESCRIBE on group " + id,
                        offsets.partitionsToOffsetAndMetadata(id));
            } catch (Gone gone) {
                continue; // deleted between listing and describing
            }
            Set<String> topics = new TreeSet<>();
            int idle = 0;
            for (MemberDescription m : d.members()) {
                Set<TopicPartition> assigned = m.assignment().topicPartitions();
                assigned.forEach(tp -> topics.add(tp.topic()));
                idle += assigned.isEmpty() ? 1 : 0;
            }
            committed.keySet().forEach(tp -> topics.add(tp.topic()));
            boolean stable = d.groupState() == GroupState.STABLE;
            groups.add(new ClusterSnapshot.Group(
                    id, d.groupState().toString(), d.members().size(), List.copyOf(topics), stable ? idle : -1));
        }
        return groups;
    }

    /** A topic or group deleted while the cluster was being read. */
    private static final class Gone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Gone() {
            super(null, null, false, false);
        }
    }

    private <T> T await(String what, String permission, KafkaFuture<T> future) {
        long left = deadline - System.nanoTime();
        try {
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof GroupIdNotFoundException || cause instanceof UnknownTopicOrPartitionException) {
                throw new Gone();
            }
            if (cause instanceof AuthorizationException) {
                throw new ReadinessSetupException("Kafka at " + bootstrap + " does not let this client " + what
                        + " (" + firstLine(cause.getMessage()) + "): grant its principal " + permission
                        + ", or give an admin principal's settings with --command-config");
            }
            throw new ReadinessSetupException(
                    "cannot " + what + " at " + bootstrap + ": "
                            + cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage())
                            + ": check the cluster's health",
                    cause);
        } catch (TimeoutException e) {
            throw new ReadinessSetupException(
                    "reading the cluster at " + bootstrap + " took too long (at the step: " + what
                            + "): check the cluster's health, or allow more time",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadinessSetupException("interrupted while reading the cluster at " + bootstrap, e);
        }
    }

    private int millis() {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, left));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
